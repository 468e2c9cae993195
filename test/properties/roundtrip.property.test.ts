// Every emitted file means exactly what was recommended, to the program that reads it: the .env lines
// through gunicorn's own argument parser, uvicorn's click command and waitress's Adjustments; compose
// carries the same environment; gunicorn.conf.py is valid Python (checked by CPython's own ast) whose
// assignments are exactly the recommended settings.
import { spawnSync } from 'node:child_process';
import { parse as parseDotenv } from 'dotenv';
import fc from 'fast-check';
import { afterAll, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { parseInput } from '../../src/core/input.js';
import { recommend } from '../../src/core/recommend.js';
import type { Recommendation } from '../../src/core/types.js';
import { loadRenderer } from '../../src/render/index.js';
import { have, PYTHON } from '../helpers/real-servers.js';
import { rawInput } from './arbitraries.js';

const RUNS = 300;
const opts = { color: false, explain: false, version: '0.0.0' };
let cases = 0;

const samples = () =>
  fc.sample(
    rawInput.chain((raw) =>
      fc.record({ raw: fc.constant(raw), app: fc.constantFrom('app:app', 'pkg.web:create_app()', 'a.b.c:application'), bind: fc.constantFrom('0.0.0.0:8000', '127.0.0.1:9', '[::1]:8080', 'unix:/run/app.sock', ':80') }),
    ),
    { numRuns: RUNS, seed: 42 },
  ).map(({ raw, app, bind }) => {
    const p = parseInput({ ...raw, app, bind });
    if (!p.ok) throw new Error(JSON.stringify(p.errors));
    cases++;
    return recommend(p.input);
  });

/** Runs `script` with /usr/bin/python3, the JSON `input` on stdin; its stdout parsed as JSON. */
function python<T>(script: string, input: unknown): T {
  const r = spawnSync(PYTHON, ['-c', script], { input: JSON.stringify(input), encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  expect(r.status, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as T;
}

/** The recommended settings, as the server reports them back (nulls are "not set"). */
const setSettings = (rec: Recommendation, skip: string[] = []) => Object.fromEntries(Object.entries(rec.settings).filter(([k, v]) => v !== null && !skip.includes(k)));

it(`${RUNS} recommendations: compose carries the .env file's environment, and the budget as its limits`, async () => {
  const [env, compose, k8s] = await Promise.all([loadRenderer('env'), loadRenderer('compose'), loadRenderer('k8s')]);
  for (const rec of samples()) {
    const dotenv = parseDotenv(await env(rec, opts));
    const svc = parseYaml(await compose(rec, opts)).services.web;
    // waitress-serve reads no environment: compose puts its settings on the command line.
    expect(svc.environment).toEqual(rec.server === 'waitress' ? {} : dotenv);
    expect(svc.deploy.resources.limits).toEqual({ cpus: String(rec.input.cpus), memory: String(rec.input.memBytes) });
    const c = parseYaml(await k8s(rec, opts));
    expect(c.resources.limits).toEqual(c.resources.requests);
  }
});

it.skipIf(!have.gunicorn)(`${RUNS} recommendations: gunicorn's own parser reads GUNICORN_CMD_ARGS back as the recommended settings`, async () => {
  const env = await loadRenderer('env');
  const recs = samples().filter((r) => r.server === 'gunicorn');
  expect(recs.length, 'generated cases for this server').toBeGreaterThan(10);
  const envs = await Promise.all(recs.map(async (r) => parseDotenv(await env(r, opts))));
  // As gunicorn's Application.load_config applies GUNICORN_CMD_ARGS (gunicorn/app/base.py).
  const script = `
import json, shlex, sys
from gunicorn.config import Config
out = []
for case in json.load(sys.stdin):
    cfg = Config()
    args = cfg.parser().parse_args(shlex.split(case["GUNICORN_CMD_ARGS"]))
    for k, v in vars(args).items():
        if v is not None and k != "args":
            cfg.set(k.lower(), v)
    out.append({k: cfg.settings[k].get() for k in case["names"]})
print(json.dumps(out))`;
  const cases = recs.map((r, i) => ({ GUNICORN_CMD_ARGS: envs[i]!.GUNICORN_CMD_ARGS, names: Object.keys(setSettings(r, ['workers'])) }));
  const got = python<Record<string, unknown>[]>(script, cases);
  recs.forEach((rec, i) => {
    expect(envs[i]!.WEB_CONCURRENCY).toBe(String(rec.settings.workers));
    const { bind, ...rest } = setSettings(rec, ['workers']);
    expect(got[i]).toEqual({ ...rest, bind: [bind] });
  });
});

it.skipIf(!have.uvicorn)(`${RUNS} recommendations: uvicorn's click command reads the UVICORN_* lines back as the recommended settings`, async () => {
  const env = await loadRenderer('env');
  const recs = samples().filter((r) => r.server === 'uvicorn');
  expect(recs.length, 'generated cases for this server').toBeGreaterThan(10);
  const envs = await Promise.all(recs.map(async (r) => parseDotenv(await env(r, opts))));
  // click fills each option from UVICORN_<NAME> (the command's auto_envvar_prefix).
  const script = `
import json, os, sys
from uvicorn.main import main
out = []
for case in json.load(sys.stdin):
    os.environ.clear()
    os.environ.update(case)
    out.append(main.make_context("uvicorn", ["app:app"]).params)
print(json.dumps(out))`;
  const got = python<Record<string, unknown>[]>(script, envs);
  recs.forEach((rec, i) => {
    const want = setSettings(rec);
    expect(Object.fromEntries(Object.keys(want).map((k) => [k, got[i]![k]]))).toEqual(want);
  });
});

// waitress.adjustments.Adjustments converts strings itself (asbool, int, ...); listen read back as host:port.
const WAITRESS_READ_BACK = `
import json, socket, sys
from waitress.adjustments import Adjustments
out = []
for case in json.load(sys.stdin):
    kw = {k[len("WAITRESS_"):].lower(): v for k, v in case.items()}
    try:
        adj = Adjustments(**kw)
    except ValueError as e:
        out.append({"error": str(e)})
        continue
    got = {k: getattr(adj, k) for k in kw}
    if "listen" in kw:
        got["listen"] = ["[%s]:%s" % s[3][:2] if s[0] == socket.AF_INET6 else "%s:%s" % s[3][:2] for s in adj.listen][0]
    out.append(got)
print(json.dumps(out))`;

it.skipIf(!have.waitress)(`${RUNS} recommendations: each WAITRESS_* line is a waitress adjustment, converted by waitress to the recommended value`, async () => {
  const env = await loadRenderer('env');
  const recs = samples().filter((r) => r.server === 'waitress');
  expect(recs.length, 'generated cases for this server').toBeGreaterThan(10);
  const envs = await Promise.all(recs.map(async (r) => parseDotenv(await env(r, opts))));
  const got = python<Record<string, unknown>[]>(WAITRESS_READ_BACK, envs);
  recs.forEach((rec, i) => expect(got[i]).toEqual(setSettings(rec)));
});

// waitress 2.1 refuses listen=":80" ("Invalid host/port specified."), where gunicorn and uvicorn read an
// empty host as every interface: tune writes 0.0.0.0:80.
(have.waitress ? it : it.skip)('--bind :80: waitress listens on port 80 of every interface', async () => {
  const p = parseInput({ cpus: 1, mem: '1g', workerClass: 'waitress', bind: ':80' });
  if (!p.ok) throw new Error(JSON.stringify(p.errors));
  const [got] = python<Record<string, unknown>[]>(WAITRESS_READ_BACK, [parseDotenv(await (await loadRenderer('env'))(recommend(p.input), opts))]);
  expect(got).toMatchObject({ listen: '0.0.0.0:80' });
});

it.skipIf(!have.gunicorn)(`${RUNS} gunicorn.conf.py files: CPython parses them and their assignments are exactly the recommendation`, async () => {
  const conf = await loadRenderer('gunicorn');
  const recs = samples().filter((r) => r.server === 'gunicorn');
  const files = await Promise.all(recs.map((r) => conf(r, opts)));
  // One python3 for all files: parse each with ast, evaluate its assignments with an empty environment.
  const script = `
import ast, json, os, sys
os.environ.clear()
out = []
for src in json.load(sys.stdin):
    tree = ast.parse(src)
    ns = {}
    exec(compile(tree, "gunicorn.conf.py", "exec"), ns)
    names = [t.id for n in tree.body if isinstance(n, ast.Assign) for t in n.targets]
    out.append({k: ns[k] for k in names})
print(json.dumps(out))`;
  const r = spawnSync(PYTHON, ['-c', script], { input: JSON.stringify(files), encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  expect(r.status, r.stderr).toBe(0);
  const got = JSON.parse(r.stdout) as Record<string, unknown>[];
  recs.forEach((rec: Recommendation, i) => {
    const expected: Record<string, unknown> = { wsgi_app: rec.input.app, ...rec.settings, worker_tmp_dir: '/dev/shm' };
    // uvicorn-worker picks the class importable where the file runs: Debian's uvicorn has only the old path.
    if (rec.workerClass === 'uvicorn-worker' && !rec.input.legacyUvicornWorker) expected.worker_class = 'uvicorn.workers.UvicornWorker';
    expect(got[i]).toEqual(expected);
  });
});

afterAll(() => console.log(`round trips: ${cases} generated recommendations rendered and parsed back`));
