// Output runs on the machine it lands on: without uvloop (the README's own package list once), where
// only Debian's uvicorn is installed (no uvicorn_worker package), and on platforms that hand the port
// in $PORT. Each case also shows the failure the old output had there.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseDotenv } from 'dotenv';
import { afterAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { tune } from '../cli/run.js';
import { composeConfig, freePort, GUNICORN, gunicornPrintConfig, have, makeAppDir, PYTHON, removeDir, startAndRequest } from '../helpers/real-servers.js';

const dir = makeAppDir();
afterAll(() => removeDir(dir));

const emit = (args: string[], format: string) => {
  const r = tune([...args, '--format', format]);
  expect(r.status, r.stderr).toBe(0);
  return r;
};

// A folder first on PYTHONPATH whose `uvloop` cannot be imported: a machine with plain `pip install uvicorn`.
const noUvloop = path.join(dir, 'no-uvloop');
mkdirSync(path.join(noUvloop, 'uvloop'), { recursive: true });
writeFileSync(path.join(noUvloop, 'uvloop', '__init__.py'), 'raise ImportError("uvloop is not installed here")\n');

describe.skipIf(!have.uvicorn)('uvicorn where uvloop is not installed', () => {
  const args = ['--cpus', '2', '--mem', '2g', '--class', 'uvicorn', '--app', 'asgi_app:app'];
  const localArgv = async (port: number) => {
    const line = emit(args, 'uvicorn').stdout.trim().split('\n').at(-1)!;
    return line
      .split(' ')
      .slice(1)
      .map((a) => (a.startsWith('--host=') ? '--host=127.0.0.1' : a.startsWith('--port=') ? `--port=${port}` : a));
  };

  it('the emitted command names no loop, starts its 2 workers and answers', async () => {
    const port = await freePort();
    const argv = await localArgv(port);
    expect(argv.some((a) => a.startsWith('--loop'))).toBe(false);
    const r = await startAndRequest({ cmd: PYTHON, args: ['-m', 'uvicorn', ...argv], cwd: dir, port, env: { PYTHONPATH: noUvloop } });
    expect(r.status, r.stderr).toBe(200);
    // The supervisor, 2 workers and multiprocessing's resource_tracker (bench/results/memory.md).
    expect(argv).toContain('--workers=2');
    expect(r.processes).toBe(1 + 2 + 1);
  });

  it('…where the old --loop=uvloop never answered', async () => {
    const port = await freePort();
    const argv = [...(await localArgv(port)), '--loop=uvloop'];
    const r = await startAndRequest({ cmd: PYTHON, args: ['-m', 'uvicorn', ...argv], cwd: dir, port, env: { PYTHONPATH: noUvloop }, timeoutMs: 8000 });
    expect(r.status).toBe(0);
  });

  it('the env lines carry no UVICORN_LOOP, and the note says what uvicorn[standard] buys', () => {
    const r = emit(args, 'env');
    expect(Object.keys(parseDotenv(r.stdout))).not.toContain('UVICORN_LOOP');
    const table = tune(args);
    expect(table.stdout).toMatch(/uvicorn --workers 2 picks uvloop only where it is installed; on plain asyncio each keep-alive response waits ~44 ms, 0\.54× the rate/);
  });
});

describe.skipIf(!have.gunicorn || !have.uvicorn)('UvicornWorker where only uvicorn is installed', () => {
  const args = ['--cpus', '2', '--mem', '2g', '--class', 'uvicorn-worker', '--app', 'asgi_app:app', '--bind', '127.0.0.1:8000'];

  it('gunicorn.conf.py takes uvicorn.workers.UvicornWorker here, and uvicorn_worker.UvicornWorker where that package is', () => {
    const conf = path.join(dir, 'uw.conf.py');
    writeFileSync(conf, emit(args, 'gunicorn').stdout);
    expect(gunicornPrintConfig({ configPath: conf, cwd: dir, app: 'asgi_app:app' }).settings.worker_class).toBe('uvicorn.workers.UvicornWorker');
    const withPackage = path.join(dir, 'with-uvicorn-worker');
    mkdirSync(path.join(withPackage, 'uvicorn_worker'), { recursive: true });
    writeFileSync(path.join(withPackage, 'uvicorn_worker', '__init__.py'), 'from uvicorn.workers import UvicornWorker  # noqa: F401\n');
    expect(gunicornPrintConfig({ configPath: conf, cwd: dir, app: 'asgi_app:app', env: { PYTHONPATH: withPackage } }).settings.worker_class).toBe('uvicorn_worker.UvicornWorker');
  });

  it('the file starts gunicorn with its workers, where the plain class path failed to import', async () => {
    const port = await freePort();
    const conf = path.join(dir, 'uw-live.conf.py');
    writeFileSync(conf, emit([...args.slice(0, -2), '--bind', `127.0.0.1:${port}`], 'gunicorn').stdout);
    const r = await startAndRequest({ cmd: GUNICORN, args: ['-c', conf], cwd: dir, port });
    expect(r.status, r.stderr).toBe(200);
    const old = await startAndRequest({ cmd: GUNICORN, args: ['-c', conf, '-k', 'uvicorn_worker.UvicornWorker', '--bind', `127.0.0.1:${port}`], cwd: dir, port, timeoutMs: 8000 });
    expect(old.status).toBe(0);
  });

  it('formats that cannot choose say so on stderr, with the install line', () => {
    for (const format of ['env', 'compose', 'k8s']) expect(emit(args, format).stderr).toMatch(/uvicorn-worker package \(pip install uvicorn-worker\).*--legacy-uvicorn-worker/);
    expect(emit(args, 'gunicorn').stderr).not.toMatch(/uvicorn-worker package/);
  });
});

describe('platforms that hand the port in $PORT', () => {
  const heroku = (cls: string, app: string) => ['--preset', 'heroku-standard-2x', '--class', cls, '--app', app];

  it.skipIf(!have.gunicorn)('gunicorn from the env lines listens on $PORT (no --bind: gunicorn reads PORT itself)', async () => {
    const port = await freePort();
    const env = parseDotenv(emit(heroku('gthread', 'wsgi_app:app'), 'env').stdout);
    expect(env.GUNICORN_CMD_ARGS).not.toMatch(/--bind/);
    const r = await startAndRequest({ cmd: GUNICORN, args: ['wsgi_app:app'], cwd: dir, port, env: { ...env, PORT: String(port) } });
    expect(r.status, r.stderr).toBe(200);
  });

  it.skipIf(!have.gunicorn)('gunicorn.conf.py binds $PORT when set, 8000 when not', async () => {
    const conf = path.join(dir, 'port.conf.py');
    writeFileSync(conf, emit(heroku('sync', 'wsgi_app:app'), 'gunicorn').stdout);
    const port = await freePort();
    expect(gunicornPrintConfig({ configPath: conf, cwd: dir, app: 'wsgi_app:app', env: { PORT: String(port) } }).settings.bind).toBe(`['0.0.0.0:${port}']`);
    expect(gunicornPrintConfig({ configPath: conf, cwd: dir, app: 'wsgi_app:app' }).settings.bind).toBe("['0.0.0.0:8000']");
    const r = await startAndRequest({ cmd: GUNICORN, args: ['-c', conf], cwd: dir, port, env: { PORT: String(port) } });
    expect(r.status, r.stderr).toBe(200);
  });

  it.skipIf(!have.uvicorn)('the uvicorn command passes --port "$PORT" through the shell', async () => {
    const port = await freePort();
    const line = emit(heroku('uvicorn', 'asgi_app:app'), 'uvicorn').stdout.trim().split('\n').at(-1)!;
    expect(line).toContain('--port="${PORT:-8000}"');
    const r = await startAndRequest({ cmd: '/bin/sh', args: ['-c', `exec ${PYTHON} -m ${line}`], cwd: dir, port, env: { PORT: String(port) } });
    expect(r.status, r.stderr).toBe(200);
    expect(emit(heroku('uvicorn', 'asgi_app:app'), 'env').stderr).toMatch(/start it with --port "\$PORT"/);
  });

  it.skipIf(!have.waitress)('the waitress serve() snippet listens on $PORT', async () => {
    const port = await freePort();
    writeFileSync(path.join(dir, 'serve_port.py'), emit(heroku('waitress', 'wsgi_app:app'), 'waitress').stdout);
    const r = await startAndRequest({ cmd: PYTHON, args: ['serve_port.py'], cwd: dir, port, env: { PORT: String(port) } });
    expect(r.status, r.stderr).toBe(200);
  });

  it.skipIf(!have.compose || !have.uvicorn)('compose leaves $PORT to the container shell and gives the container a PORT', async () => {
    const r = composeConfig(emit(heroku('uvicorn', 'asgi_app:app'), 'compose').stdout);
    expect(r.rc, r.stderr).toBe(0);
    const web = (r.stdout as { services: Record<string, any> }).services.web;
    expect(web.environment.PORT).toBe('8000');
    // `config` prints the file's escaping; compose hands the container `$` for `$$`.
    expect(web.command).toEqual(['sh', '-c', 'exec uvicorn asgi_app:app --port="$${PORT:-8000}"']);
    const port = await freePort();
    const [sh, c, script] = (web.command as string[]).map((w) => w.replace(/\$\$/g, '$'));
    const started = await startAndRequest({ cmd: `/bin/${sh}`, args: [c!, script!.replace('exec uvicorn', `exec ${PYTHON} -m uvicorn`)], cwd: dir, port, env: { ...web.environment, UVICORN_HOST: '127.0.0.1', PORT: String(port) } });
    expect(started.status, started.stderr).toBe(200);
  });
});

describe('the budget survives tune → file → tune check', () => {
  it.each([
    ['768m', 768 * 2 ** 20],
    ['1g', 2 ** 30],
    ['1.5G', 1.5e9], // upper-case: decimal
    ['2048Mi', 2 ** 31],
    ['1073741824', 2 ** 30],
  ])('compose --mem %s: %d bytes', (mem, budget) => {
    const doc = emit(['--cpus', '1.5', '--mem', mem, '--class', 'gthread'], 'compose').stdout;
    expect(JSON.parse(emit(['--cpus', '1.5', '--mem', mem, '--class', 'gthread'], 'json').stdout).memory.budgetBytes).toBe(budget);
    const file = path.join(dir, `compose-${mem}.yml`);
    writeFileSync(file, doc);
    const r = tune(['check', file, '--format', 'json']);
    expect(r.status, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.machine).toMatchObject({ memBytes: budget, cpus: 1.5 });
    expect(parseYaml(doc).services.web.deploy.resources.limits.memory).toBe(String(budget));
  });

  it('compose 1024M is 1 GiB, as Docker reads it (not 977 MiB)', () => {
    const file = path.join(dir, 'compose-1024M.yml');
    writeFileSync(file, 'services:\n  web:\n    command: gunicorn app:app -w 2\n    deploy:\n      resources:\n        limits:\n          memory: 1024M\n');
    expect(JSON.parse(tune(['check', file, '--format', 'json']).stdout).machine.memBytes).toBe(2 ** 30);
  });
});
