// Every emitted file means exactly what was recommended: .env parses back with dotenv, compose and
// k8s with yaml, and gunicorn.conf.py is valid Python (checked by CPython's own ast) whose
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
import { serverEnv } from '../../src/render/server-args.js';
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

it(`${RUNS} recommendations: .env, compose and k8s parse back to the intended values`, async () => {
  const [env, compose, k8s] = await Promise.all([loadRenderer('env'), loadRenderer('compose'), loadRenderer('k8s')]);
  for (const rec of samples()) {
    expect(parseDotenv(await env(rec, opts))).toEqual(Object.fromEntries(serverEnv(rec)));
    const svc = parseYaml(await compose(rec, opts)).services.web;
    if (rec.server !== 'waitress') expect(svc.environment).toEqual(Object.fromEntries(serverEnv(rec)));
    expect(svc.deploy.resources.limits.cpus).toBe(String(rec.input.cpus));
    const c = parseYaml(await k8s(rec, opts));
    expect(c.resources.limits).toEqual(c.resources.requests);
  }
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
