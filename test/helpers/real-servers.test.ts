// Proves the real-server helpers on hand-written inputs, so acceptance tests can trust them.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import {
  baseEnv,
  composeConfig,
  detected,
  GUNICORN,
  groupProcessCount,
  gunicornCheckConfig,
  gunicornPrintConfig,
  gunicornResolve,
  gunicornStartAndRequest,
  have,
  makeAppDir,
  parsePrintConfig,
  PYTHON,
  removeDir,
  uvicornLocalArgs,
  uvicornStartAndRequest,
  waitressServeSnippet,
  waitressValidate,
} from './real-servers.js';

const dir = makeAppDir();
afterAll(() => removeDir(dir));

/** Write `text` as `name` in a fresh sub-folder of the app dir (so ./gunicorn.conf.py auto-loading is controlled). */
let n = 0;
function conf(text: string, name = 'gunicorn.conf.py'): { cwd: string; configPath: string } {
  const sub = path.join(dir, `case${n++}`);
  mkdirSync(sub);
  writeFileSync(path.join(sub, name), text);
  for (const f of ['flask_app.py', 'asgi_app.py']) copyFileSync(path.join(dir, f), path.join(sub, f));
  return { cwd: sub, configPath: name };
}

describe('installation flags', () => {
  it('detected is what imports and runs here, checked one at a time; locally, have is the same', () => {
    const imports = (mod: string) => spawnSync(PYTHON, ['-c', `import ${mod}`], { env: baseEnv(), stdio: 'ignore', timeout: 20_000 }).status === 0;
    const installed = {
      gunicorn: existsSync(GUNICORN) && imports('gunicorn'),
      waitress: imports('waitress'),
      uvicorn: imports('uvicorn'),
      compose: spawnSync('/usr/bin/docker-compose', ['version', '--short'], { env: baseEnv(), stdio: 'ignore', timeout: 20_000 }).status === 0,
      gevent: imports('gevent'),
      flask: imports('flask'),
      fastapi: imports('fastapi'),
      django: imports('django'),
      venv: imports('ensurepip'),
    };
    expect({ ...detected }).toEqual(installed);
    if (!process.env.CI) expect({ ...have }).toEqual(installed);
  });

  it('are all true under CI, so nothing is skipped and a missing server fails in its helper', async () => {
    vi.stubEnv('CI', 'true');
    vi.resetModules();
    try {
      const mod = await import('./real-servers.js');
      expect(Object.values(mod.have).every((v) => v === true)).toBe(true);
    } finally {
      vi.unstubAllEnvs();
      vi.resetModules();
    }
  });
});

describe('parsePrintConfig', () => {
  it('reads name = value lines, keeping values as printed', () => {
    const out = parsePrintConfig('bind                              = [\'127.0.0.1:8000\']\ndogstatsd_tags                    = \nworkers = 3\nnoise line\n');
    expect(out).toEqual({ bind: "['127.0.0.1:8000']", dogstatsd_tags: '', workers: '3' });
  });
});

describe.skipIf(!have.gunicorn)('gunicorn --print-config / --check-config', () => {
  it('shows the values of a config file', () => {
    const c = conf('workers = 3\nthreads = 4\nbind = "127.0.0.1:18000"\npreload_app = True\nworker_class = "gthread"\n');
    const r = gunicornPrintConfig({ ...c, app: 'flask_app:app' });
    expect(r.rc, r.stderr).toBe(0);
    expect(r.settings).toMatchObject({ workers: '3', threads: '4', bind: "['127.0.0.1:18000']", preload_app: 'True', worker_class: 'gthread' });
    expect(Object.keys(r.settings).length).toBeGreaterThan(80);
  });

  it('lets GUNICORN_CMD_ARGS override the file, and the command line override both', () => {
    const c = conf('workers = 3\n');
    expect(gunicornPrintConfig({ ...c, app: 'flask_app:app', env: { GUNICORN_CMD_ARGS: '--workers=4' } }).settings.workers).toBe('4');
    expect(gunicornPrintConfig({ ...c, app: 'flask_app:app', env: { GUNICORN_CMD_ARGS: '--workers=4' }, args: ['-w', '6'] }).settings.workers).toBe('6');
  });

  it('ignores a typo key silently (worker = 3 leaves workers = 1)', () => {
    const c = conf('worker = 3\nthread = 4\n');
    const r = gunicornPrintConfig({ ...c, app: 'flask_app:app' });
    expect(r.rc).toBe(0);
    expect(r.settings.workers).toBe('1');
    expect(r.settings.threads).toBe('1');
    expect(gunicornCheckConfig({ ...c, app: 'flask_app:app' }).rc).toBe(0);
  });

  it('auto-loads ./gunicorn.conf.py when no -c is given', () => {
    const c = conf('workers = 5\n');
    expect(gunicornPrintConfig({ cwd: c.cwd, app: 'flask_app:app' }).settings.workers).toBe('5');
  });

  it('--check-config accepts a good file and rejects bad values and missing apps', () => {
    const good = conf('workers = 2\ntimeout = 30\n');
    expect(gunicornCheckConfig({ ...good, app: 'flask_app:app' })).toMatchObject({ rc: 0, stdout: '' });
    const bad = conf('threads = -1\n');
    const r = gunicornCheckConfig({ ...bad, app: 'flask_app:app' });
    expect(r.rc).toBe(1);
    expect(r.stderr).toMatch(/Value must be positive: -1/);
    const missing = gunicornCheckConfig({ ...good, app: 'nosuch:app' });
    expect(missing.rc).toBe(1);
    expect(missing.stderr).toMatch(/ModuleNotFoundError/);
  });
});

describe.skipIf(!have.gunicorn)('gunicornResolve (gunicorn.config.Config as gunicorn loads it)', () => {
  it('reports every setting, the changed ones, and sync + threads switching to gthread', () => {
    const c = conf('workers = 3\nthreads = 4\nworker_class = "sync"\n');
    const r = gunicornResolve(c);
    expect(r.ok, r.stderr).toBe(true);
    expect(r.settings).toMatchObject({ workers: 3, threads: 4, worker_class: 'sync', bind: ['127.0.0.1:8000'] });
    expect(r.changed).toEqual(expect.arrayContaining(['workers', 'threads']));
    expect(r.changed).not.toContain('timeout');
    expect(r.worker_class_str).toBe('threads');
    expect(r.worker_class).toBe('gunicorn.workers.gthread.ThreadWorker');
    expect(r.config_file).toBe(path.join(c.cwd, 'gunicorn.conf.py'));
    expect(r.address).toEqual([['127.0.0.1', 8000]]);
  });

  it('keeps sync with one thread, and resolves gevent and UvicornWorker', () => {
    expect(gunicornResolve(conf('workers = 2\n'))).toMatchObject({ worker_class_str: 'sync', worker_class: 'gunicorn.workers.sync.SyncWorker' });
    if (have.gevent) expect(gunicornResolve(conf('worker_class = "gevent"\nworker_connections = 1000\n'))).toMatchObject({ worker_class: 'gunicorn.workers.ggevent.GeventWorker', worker_class_error: null });
    if (have.uvicorn) expect(gunicornResolve(conf('worker_class = "uvicorn.workers.UvicornWorker"\n'))).toMatchObject({ worker_class: 'uvicorn.workers.UvicornWorker', worker_class_error: null });
  });

  it('names the keys gunicorn ignores, and a worker class that does not exist', () => {
    const r = gunicornResolve(conf('import os\nworker = 3\nworker_class = "foo"\n_private = 1\nBASE = os.getcwd()\n'));
    expect(r.ok).toBe(true);
    expect(r.settings.workers).toBe(1);
    expect(r.unknown_config_keys).toEqual(['BASE', 'worker']);
    expect(r.worker_class).toBeNull();
    expect(r.worker_class_error).toMatch(/class uri 'foo' invalid or not found/);
  });

  it('applies precedence CLI > GUNICORN_CMD_ARGS > file > WEB_CONCURRENCY', () => {
    const withWorkers = conf('workers = 3\n');
    const without = conf('timeout = 30\n');
    expect(gunicornResolve({ ...without, env: { WEB_CONCURRENCY: '7' } }).settings.workers).toBe(7);
    expect(gunicornResolve({ ...withWorkers, env: { WEB_CONCURRENCY: '7' } }).settings.workers).toBe(3);
    expect(gunicornResolve({ ...withWorkers, env: { WEB_CONCURRENCY: '7', GUNICORN_CMD_ARGS: '--workers=4' } }).settings.workers).toBe(4);
    expect(gunicornResolve({ ...withWorkers, env: { GUNICORN_CMD_ARGS: '--workers=4' }, args: ['-w', '6'] }).settings.workers).toBe(6);
    expect(gunicornResolve({ ...without, env: { PORT: '9999' } }).settings.bind).toEqual(['0.0.0.0:9999']);
  });

  it('fails like gunicorn on bad values, with its message', () => {
    const bad = gunicornResolve(conf('threads = -1\n'));
    expect(bad).toMatchObject({ ok: false, rc: 1 });
    expect(bad.error).toMatch(/Value must be positive: -1/);
    const cmd = gunicornResolve({ ...conf('workers = 2\n'), env: { GUNICORN_CMD_ARGS: '--workers=abc' } });
    expect(cmd).toMatchObject({ ok: false, rc: 2 });
    expect(cmd.error).toMatch(/argument -w\/--workers: invalid int value: 'abc'/);
    const syntax = gunicornResolve(conf('workers = = 3\n'));
    expect(syntax.ok).toBe(false);
    expect(syntax.stderr).toMatch(/SyntaxError/);
  });

  it('starts a real gthread server from a config file and answers', async () => {
    const c = conf('workers = 2\nthreads = 2\nbind = "0.0.0.0:8000"\naccesslog = None\n');
    const r = await gunicornStartAndRequest({ ...c, app: 'flask_app:app' });
    expect(r.status, r.stderr).toBe(200);
    expect(r.body).toBe('ok');
    expect(r.processes).toBe(1 + 2); // the arbiter and its 2 workers
    expect(groupProcessCount(r.pgid)).toBe(0);
  });
});

describe.skipIf(!have.waitress)('waitress', () => {
  it('resolves adjustments, coercing strings', () => {
    const r = waitressValidate({ threads: '8', listen: '127.0.0.1:9000', connection_limit: 200, channel_timeout: 60 });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.adjustments).toMatchObject({ threads: 8, listen: ['127.0.0.1:9000'], connection_limit: 200, channel_timeout: 60, backlog: 1024 });
  });

  it('reports the ValueError for unknown keys, bad types and conflicting listen/host', () => {
    expect(waitressValidate({ thread: 4 })).toMatchObject({ ok: false, error: "Unknown adjustment 'thread'", error_type: 'ValueError' });
    expect(waitressValidate({ threads: 'abc' })).toMatchObject({ ok: false, error: expect.stringMatching(/invalid literal for int\(\)/) });
    expect(waitressValidate({ listen: '127.0.0.1:9000', port: 9001 })).toMatchObject({ ok: false, error: 'host or port may not be set if listen is set.' });
  });

  it('records the kwargs of a serve() snippet without listening', () => {
    const file = path.join(dir, 'serve_snippet.py');
    writeFileSync(
      file,
      'import os\nfrom waitress import serve\nfrom flask_app import app\n\nif __name__ == "__main__":\n' +
        '    serve(app, listen="0.0.0.0:8080", threads=int(os.environ.get("WAITRESS_THREADS", "4")), connection_limit=200, channel_timeout=65)\n',
    );
    const r = waitressServeSnippet(file, { WAITRESS_THREADS: '8' });
    expect(r.rc, r.stderr).toBe(0);
    expect(r.called).toBe(true);
    expect(r.kwargs).toEqual({ listen: '0.0.0.0:8080', threads: 8, connection_limit: 200, channel_timeout: 65 });
    expect(r.app).toBe('flask.app.Flask');
    expect(r.resolved).toMatchObject({ ok: true, adjustments: { threads: 8, listen: ['0.0.0.0:8080'] } });
  });

  it('tells a snippet that never calls serve, and one with a bad kwarg', () => {
    const none = path.join(dir, 'no_serve.py');
    writeFileSync(none, 'x = 1\n');
    expect(waitressServeSnippet(none)).toMatchObject({ rc: 0, called: false });
    const bad = path.join(dir, 'bad_serve.py');
    writeFileSync(bad, 'import waitress\nwaitress.serve(lambda e, s: None, thread=4)\n');
    expect(waitressServeSnippet(bad)).toMatchObject({ called: true, resolved: { ok: false, error: "Unknown adjustment 'thread'" } });
  });
});

describe('uvicornLocalArgs', () => {
  it('drops the program and any host/port/uds/fd, then binds 127.0.0.1:port', () => {
    expect(uvicornLocalArgs(['uvicorn', 'asgi_app:app', '--host', '0.0.0.0', '--port=8000', '--workers', '2'], 5555)).toEqual(['asgi_app:app', '--workers', '2', '--host', '127.0.0.1', '--port', '5555']);
    expect(uvicornLocalArgs(['python3', '-m', 'uvicorn', 'a:b', '--uds', '/tmp/s', '--host=::'], 1)).toEqual(['a:b', '--host', '127.0.0.1', '--port', '1']);
  });
});

// uvicorn --workers 2: the supervisor, 2 workers and multiprocessing's resource_tracker, which the
// supervisor's spawn context starts (bench/results/memory.md, uvicorn-w3: one extra process).
const UVICORN_TWO_WORKERS = 1 + 2 + 1;

describe.skipIf(!have.uvicorn)('uvicornStartAndRequest', () => {
  it('starts the emitted command on a free loopback port, answers GET /, and is stopped', async () => {
    const r = await uvicornStartAndRequest({ argv: ['uvicorn', 'asgi_app:app', '--host', '0.0.0.0', '--port', '8000', '--workers', '2', '--no-access-log'], cwd: dir, settleMs: 1500 });
    expect(r.status, r.stderr).toBe(200);
    expect(r.body).toBe('ok');
    expect(r.args).toContain('127.0.0.1');
    expect(r.processes).toBe(UVICORN_TWO_WORKERS);
    expect(groupProcessCount(r.pgid)).toBe(0);
  });

  it('reads WEB_CONCURRENCY and reports a server that exits', async () => {
    const ok = await uvicornStartAndRequest({ argv: ['asgi_app:app'], env: { WEB_CONCURRENCY: '2' }, cwd: dir, settleMs: 1500 });
    expect(ok.status, ok.stderr).toBe(200);
    expect(ok.processes).toBe(UVICORN_TWO_WORKERS);
    const bad = await uvicornStartAndRequest({ argv: ['nosuch:app'], cwd: dir, timeoutMs: 10_000 });
    expect(bad.status).toBe(0);
    expect(bad.exitedEarly).toBe(1);
    expect(bad.stderr).toMatch(/Could not import module "nosuch"/);
  });
});

describe.skipIf(!have.compose)('composeConfig', () => {
  const service = (env: string) => `services:\n  web:\n    image: python:3.11-slim\n    command: gunicorn -c gunicorn.conf.py app:app\n    environment:\n${env}    deploy:\n      resources:\n        limits:\n          cpus: "2"\n          memory: 1g\n`;

  it('resolves a valid snippet, interpolating from .env', () => {
    const r = composeConfig(service('      WEB_CONCURRENCY: ${WEB_CONCURRENCY:-3}\n'), { envFile: 'WEB_CONCURRENCY=5\n' });
    expect(r.rc, r.stderr).toBe(0);
    const web = (r.stdout as { services: Record<string, { environment: Record<string, string>; deploy: { resources: { limits: { cpus: number } } } }> }).services.web!;
    expect(web.environment.WEB_CONCURRENCY).toBe('5');
    expect(web.deploy.resources.limits.cpus).toBe(2);
    expect(composeConfig(service('      WEB_CONCURRENCY: ${WEB_CONCURRENCY:-3}\n')).stdout).toMatchObject({ services: { web: { environment: { WEB_CONCURRENCY: '3' } } } });
  });

  it('rejects an invalid snippet with docker-compose’s message', () => {
    const typo = composeConfig(service('      WEB_CONCURRENCY: "3"\n').replace('environment:', 'enviroment:'));
    expect(typo.rc).toBe(1);
    expect(typo.stdout).toBeNull();
    expect(typo.stderr).toMatch(/Unsupported config option for services\.web: 'enviroment'/);
    const bool = composeConfig(service('      PRELOAD: true\n'));
    expect(bool.rc).toBe(1);
    expect(bool.stderr).toMatch(/PRELOAD contains true, which is an invalid type/);
  });

  it('finds files named by env_file:', () => {
    const text = 'services:\n  web:\n    image: python:3.11-slim\n    env_file: tune.env\n';
    expect(composeConfig(text, { files: { 'tune.env': 'WEB_CONCURRENCY=4\n' } }).stdout).toMatchObject({ services: { web: { environment: { WEB_CONCURRENCY: '4' } } } });
    expect(composeConfig(text).stderr).toMatch(/Couldn't find env file/);
  });
});
