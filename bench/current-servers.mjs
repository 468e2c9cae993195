#!/usr/bin/env node
// Does what tune emits run on the servers' current releases, not only on Debian's? For each class,
// tune's gunicorn.conf.py and .env lines (WEB_CONCURRENCY + GUNICORN_CMD_ARGS, or UVICORN_*), its
// uvicorn command and its waitress snippet and command are given to the servers in --servers DIR (a
// folder put first on PYTHONPATH, holding gunicorn, uvicorn, uvicorn_worker and waitress, e.g. from
// `pip install --target DIR gunicorn==26.1.0 uvicorn==0.51.0 uvicorn-worker==0.4.0 waitress==3.0.2`),
// run by /usr/bin/python3 with Debian's Flask, FastAPI and gevent. Each case must start and answer
// HTTP 200 on 127.0.0.1; for gunicorn, `--print-config` must read back every value tune set.
//
// Usage: npm run bench:current-servers -- --servers DIR [--gunicorn-version V --uvicorn-version V]
// (the versions tune targets; default: what DIR holds; waitress's from a CHANGES.txt in DIR, which a
// source checkout has). Results: bench/results/current-servers.{json,md}.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchServerEnv, httpGet, installCleanupHandlers, startServer, writeAtomic } from './lib/index.mjs';
import { freePort } from './lib/port.mjs';

const BENCH_DIR = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.dirname(BENCH_DIR);
const TUNE = path.join(ROOT, 'dist', 'bin', 'tune.cjs');
const PY = '/usr/bin/python3';
const APPS = path.join(BENCH_DIR, 'apps');
const RESULTS = path.join(BENCH_DIR, 'results', 'current-servers');
const APP = { sync: 'flask_app:app', gthread: 'flask_app:app', gevent: 'flask_app:app', 'uvicorn-worker': 'fastapi_app:app', asgi: 'fastapi_app:app', uvicorn: 'fastapi_app:app', waitress: 'flask_app:app' };

function parseArgs(argv) {
  const o = {};
  for (let i = 0; i < argv.length; i++) {
    const k = argv[i].replace(/^--/, '');
    if (!['servers', 'gunicorn-version', 'uvicorn-version'].includes(k)) throw new Error(`unknown argument ${argv[i]} (see the header of bench/current-servers.mjs)`);
    o[k] = argv[++i];
  }
  if (!o.servers || !fs.existsSync(o.servers)) throw new Error('--servers DIR: a folder holding gunicorn, uvicorn, uvicorn_worker and waitress (see the header)');
  o.servers = path.resolve(o.servers);
  return o;
}

const pyEnv = (servers, extra = {}) => ({ ...benchServerEnv(), PYTHONPATH: `${servers}:${APPS}`, ...extra });

/** What --servers holds (waitress has no __version__: its CHANGES file's first entry when present). */
function versions(servers) {
  const code = `import json, gunicorn, uvicorn, waitress, uvicorn_worker, gevent, flask, fastapi
from importlib.metadata import version
print(json.dumps({"gunicorn": gunicorn.__version__, "uvicorn": uvicorn.__version__, "uvicorn_worker": getattr(uvicorn_worker, "__version__", "?"), "gevent": gevent.__version__, "flask": version("flask"), "fastapi": fastapi.__version__, "waitress_from": waitress.__file__}))`;
  const v = JSON.parse(execFileSync(PY, ['-c', code], { env: pyEnv(servers), encoding: 'utf8' }));
  const changes = ['CHANGES.txt', 'waitress/CHANGES.txt'].map((f) => path.join(servers, f)).find((f) => fs.existsSync(f));
  v.waitress = changes ? (/^(\d+\.\d+\.\d+)/m.exec(fs.readFileSync(changes, 'utf8'))?.[1] ?? '?') : path.relative(servers, v.waitress_from).startsWith('..') ? 'not from --servers' : '?';
  delete v.waitress_from;
  return v;
}

function tune(args) {
  const r = spawnSync(process.execPath, [TUNE, '--cpus', '2', '--mem', '2g', ...args], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`tune ${args.join(' ')}: exit ${r.status}\n${r.stderr}`);
  return r.stdout;
}

/** KEY=value lines of tune's env format. */
function envLines(text) {
  const out = {};
  for (const m of text.matchAll(/^([A-Z_]+)=(.*)$/gm)) out[m[1]] = m[2].replace(/^"(.*)"$/, '$1');
  return out;
}

/** `gunicorn [args] --print-config`: name → printed value. */
function printConfig(servers, args, env, app) {
  const r = spawnSync(PY, ['-m', 'gunicorn', ...args, '--print-config', app], { env: pyEnv(servers, env), encoding: 'utf8', cwd: APPS });
  if (r.status !== 0) throw new Error(`gunicorn --print-config: exit ${r.status}\n${r.stderr.slice(-1500)}`);
  return Object.fromEntries([...r.stdout.matchAll(/^(\w+)\s*=\s*(.*)$/gm)].map((m) => [m[1], m[2]]));
}

/** The values tune set that gunicorn did not take as set (bind aside: the bench binds its own port). */
function notReadBack(settings, printed) {
  const wrong = [];
  for (const [k, v] of Object.entries(settings)) {
    if (v === null || k === 'bind') continue;
    const want = typeof v === 'boolean' ? (v ? 'True' : 'False') : String(v);
    if (printed[k] !== want) wrong.push(`${k}: tune ${want}, gunicorn ${printed[k]}`);
  }
  return wrong;
}

/** Start `args(port)` under /usr/bin/python3 and GET /: the status, or the server's own last words. */
async function answers(servers, args, env = {}) {
  let server;
  try {
    const port = await freePort();
    const vars = typeof env === 'function' ? env(port) : env;
    server = await startServer({ cmd: PY, args, port, env: pyEnv(servers, vars), cwd: APPS, readyTimeoutMs: 30_000 });
    return String((await httpGet(server.url)).status);
  } catch (e) {
    // The server's own error line (a Python exception's last line), else the last line it printed.
    const lines = e.message.split('\n').map((l) => l.trim()).filter(Boolean);
    return `failed: ${(lines.findLast((l) => /^\w+(Error|Exception)\b/.test(l)) ?? lines.at(-1)).replaceAll('|', '/')}`;
  } finally {
    await server?.stop();
  }
}

async function gunicornCase(o, cls, tmp) {
  const app = APP[cls];
  const flags = ['--class', cls, '--gunicorn-version', o.gunicornVersion, '--uvicorn-version', o.uvicornVersion, '--app', app];
  const settings = JSON.parse(tune([...flags, '--format', 'json'])).settings;
  const conf = path.join(tmp, `${cls}.conf.py`);
  fs.writeFileSync(conf, tune([...flags, '--format', 'gunicorn']));
  const env = envLines(tune([...flags, '--format', 'env']));
  const row = { cls, worker_class: settings.worker_class };
  try {
    row.conf = { notReadBack: notReadBack(settings, printConfig(o.servers, ['-c', conf], {}, app)) };
    row.env = { notReadBack: notReadBack(settings, printConfig(o.servers, [], env, app)) };
  } catch (e) {
    row.error = e.message;
  }
  row.conf = { ...row.conf, answer: await answers(o.servers, (port) => ['-m', 'gunicorn', '-c', conf, '--bind', `127.0.0.1:${port}`, app]) };
  row.env = { ...row.env, answer: await answers(o.servers, (port) => ['-m', 'gunicorn', '--bind', `127.0.0.1:${port}`, app], env) };
  return row;
}

async function uvicornCase(o) {
  const flags = ['--class', 'uvicorn', '--app', APP.uvicorn];
  // The uvicorn format is one command line: `uvicorn <app> --host=… --port=… --workers=…`.
  const words = tune([...flags, '--format', 'uvicorn']).split('\n').find((l) => l.startsWith('uvicorn ')).split(' ');
  const rest = words.slice(1).filter((w) => !/^--(host|port)=/.test(w));
  const env = envLines(tune([...flags, '--format', 'env']));
  delete env.UVICORN_HOST;
  delete env.UVICORN_PORT;
  return {
    cls: 'uvicorn',
    command: { answer: await answers(o.servers, (port) => ['-m', 'uvicorn', ...rest, '--host=127.0.0.1', `--port=${port}`]) },
    env: { answer: await answers(o.servers, (port) => ['-m', 'uvicorn', APP.uvicorn, '--host=127.0.0.1', `--port=${port}`], env) },
  };
}

async function waitressCase(o, tmp) {
  const flags = ['--class', 'waitress', '--app', APP.waitress];
  // The snippet imports the app as `from flask_app import app`, listens where WAITRESS_LISTEN says.
  const snippet = path.join(tmp, 'serve.py');
  fs.writeFileSync(snippet, tune([...flags, '--format', 'waitress']));
  const command = tune([...flags, '--format', 'waitress']).split('\n').find((l) => l.startsWith('#   waitress-serve ')).slice(4).split(' ');
  const args = command.slice(1).filter((w) => !w.startsWith('--listen='));
  return {
    cls: 'waitress',
    snippet: { answer: await answers(o.servers, () => [snippet], (port) => ({ WAITRESS_LISTEN: `127.0.0.1:${port}` })) },
    command: { answer: await answers(o.servers, (port) => ['-m', 'waitress', `--listen=127.0.0.1:${port}`, ...args]) },
  };
}

function markdown(res) {
  const ok = (c) => (c ? (c.answer === '200' && !(c.notReadBack?.length) ? 'yes' : `**no**: ${[c.answer === '200' ? '' : c.answer, ...(c.notReadBack ?? [])].filter(Boolean).join('; ')}`) : '–');
  const L = [
    '# What tune emits, on the servers\' current releases',
    '',
    `Produced by \`npm run bench:current-servers\` on ${res.date}. Servers from --servers: ${Object.entries(res.versions).map(([k, v]) => `${k} ${v}`).join(', ')}; Python ${res.python}, /usr/bin/python3 with Debian's Flask, FastAPI and gevent.`,
    `tune targeted gunicorn ${res.gunicornVersion} and uvicorn ${res.uvicornVersion} (--gunicorn-version, --uvicorn-version).`,
    '',
    'A case passes when the server starts from the file or lines as tune wrote them and answers HTTP 200 on 127.0.0.1, and (gunicorn) `--print-config` shows every value tune set.',
    '',
    '| class | worker_class | gunicorn.conf.py | .env lines | uvicorn command | waitress snippet | waitress-serve |',
    '|---|---|---|---|---|---|---|',
  ];
  for (const r of res.cases) L.push(`| ${r.cls} | ${r.worker_class ?? '–'} | ${ok(r.conf)} | ${ok(r.env)} | ${ok(r.command && r.cls === 'uvicorn' ? r.command : undefined)} | ${ok(r.snippet)} | ${ok(r.cls === 'waitress' ? r.command : undefined)} |`);
  if (res.cases.some((r) => r.error)) L.push('', ...res.cases.filter((r) => r.error).map((r) => `- ${r.cls}: ${r.error.split('\n')[0]}`));
  return `${L.join('\n')}\n`;
}

async function main() {
  installCleanupHandlers();
  const o = parseArgs(process.argv.slice(2));
  const v = versions(o.servers);
  o.gunicornVersion = o['gunicorn-version'] ?? v.gunicorn;
  o.uvicornVersion = o['uvicorn-version'] ?? v.uvicorn;
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tune-current-'));
  try {
    const cases = [];
    for (const cls of ['sync', 'gthread', 'gevent', 'uvicorn-worker', 'asgi']) {
      cases.push(await gunicornCase(o, cls, tmp));
      console.log(JSON.stringify(cases.at(-1)));
    }
    cases.push(await uvicornCase(o));
    console.log(JSON.stringify(cases.at(-1)));
    cases.push(await waitressCase(o, tmp));
    console.log(JSON.stringify(cases.at(-1)));
    const python = execFileSync(PY, ['-c', 'import platform; print(platform.python_version())'], { encoding: 'utf8' }).trim();
    const res = { date: new Date().toISOString(), versions: v, python, gunicornVersion: o.gunicornVersion, uvicornVersion: o.uvicornVersion, cases };
    writeAtomic(`${RESULTS}.json`, `${JSON.stringify(res, null, 2)}\n`);
    writeAtomic(`${RESULTS}.md`, markdown(res));
    console.log(`written: ${path.relative(ROOT, RESULTS)}.{json,md}`);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

await main();
