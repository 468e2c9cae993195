// Emitted files fed to the real servers: gunicorn reads back every recommended value, uvicorn and
// waitress start from the emitted command or snippet and answer, docker-compose validates the service.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseDotenv } from 'dotenv';
import { afterAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { tune } from '../cli/run.js';
import { composeConfig, freePort, GUNICORN, gunicornCheckConfig, gunicornPrintConfig, have, makeAppDir, PYTHON, removeDir, run, startAndRequest, WAITRESS_SERVE } from '../helpers/real-servers.js';

const dir = makeAppDir();
afterAll(() => removeDir(dir));

const recommend = (args: string[]) => JSON.parse(tune([...args, '--format', 'json']).stdout);
const emit = (args: string[], format: string) => {
  const r = tune([...args, '--format', format]);
  expect(r.status, r.stderr).toBe(0);
  return r.stdout;
};

/** What gunicorn --print-config shows for each recommended setting. */
function printed(settings: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(settings)) {
    if (k === 'bind') out.bind = `['${v}']`;
    else if (k === 'worker_class') out.worker_class = String(v);
    else if (typeof v === 'boolean') out[k] = v ? 'True' : 'False';
    else out[k] = String(v);
  }
  return out;
}

const GUNICORN_CASES = [
  ['sync', 'wsgi_app:app', ['--workload', 'cpu']],
  ['gthread', 'wsgi_app:app', ['--workload', 'io', '--users', '50', '--lb-idle-timeout', '60', '--shutdown-grace', '30']],
  ['gevent', 'wsgi_app:app', ['--workload', 'io', '--users', '3000']],
  ['uvicorn-worker', 'asgi_app:app', ['--legacy-uvicorn-worker', '--db-max-connections', '40']],
] as const;

describe.skipIf(!have.gunicorn)('gunicorn', () => {
  for (const [cls, app, extra] of GUNICORN_CASES) {
    const args = ['--cpus', '2', '--mem', '2g', '--class', cls, '--app', app, '--bind', '127.0.0.1:8123', ...extra];
    const rec = recommend(args);
    const want = printed(rec.settings);

    it(`${cls}: gunicorn.conf.py passes --check-config and --print-config shows every value`, () => {
      const conf = path.join(dir, `${cls}.conf.py`);
      writeFileSync(conf, emit(args, 'gunicorn'));
      const check = gunicornCheckConfig({ configPath: conf, cwd: dir, app });
      expect(check.rc, check.stderr).toBe(0);
      const got = gunicornPrintConfig({ configPath: conf, cwd: dir, app });
      expect(got.rc, got.stderr).toBe(0);
      for (const [k, v] of Object.entries(want)) expect(`${k} = ${got.settings[k]}`).toBe(`${k} = ${v}`);
      expect(got.settings.wsgi_app).toBe(app);
      // WEB_CONCURRENCY still overrides workers, as the file promises.
      expect(gunicornPrintConfig({ configPath: conf, cwd: dir, app, env: { WEB_CONCURRENCY: '7' } }).settings.workers).toBe('7');
    });

    it(`${cls}: the env lines are read back the same way (WEB_CONCURRENCY + GUNICORN_CMD_ARGS)`, () => {
      const env = parseDotenv(emit(args, 'env'));
      expect(Object.keys(env)).toEqual(['WEB_CONCURRENCY', 'GUNICORN_CMD_ARGS']);
      const got = gunicornPrintConfig({ cwd: dir, env, app });
      expect(got.rc, got.stderr).toBe(0);
      for (const [k, v] of Object.entries(want)) expect(`${k} = ${got.settings[k]}`).toBe(`${k} = ${v}`);
    });
  }

  it('the emitted config starts a real gunicorn that answers, with the recommended worker count', async () => {
    const port = await freePort();
    const args = ['--cpus', '2', '--mem', '1g', '--class', 'gthread', '--app', 'wsgi_app:app', '--bind', `127.0.0.1:${port}`];
    const conf = path.join(dir, 'live.conf.py');
    writeFileSync(conf, emit(args, 'gunicorn'));
    const r = await startAndRequest({ cmd: GUNICORN, args: ['-c', conf], cwd: dir, port });
    expect(r.status, r.stderr).toBe(200);
    expect(r.processes).toBe(1 + recommend(args).settings.workers);
  });
});

describe.skipIf(!have.uvicorn)('uvicorn', () => {
  const args = ['--cpus', '2', '--mem', '2g', '--class', 'uvicorn', '--app', 'asgi_app:app', '--db-max-connections', '20'];
  // The supervisor, the recommended workers and multiprocessing's resource_tracker (bench/results/memory.md).
  const processes = 1 + recommend(args).settings.workers + 1;

  it('the emitted command starts and answers, with the recommended workers', async () => {
    const port = await freePort();
    const line = emit(args, 'uvicorn').trim().split('\n').at(-1)!;
    const argv = line.split(' ').slice(1).map((a) => (a.startsWith('--host=') ? '--host=127.0.0.1' : a.startsWith('--port=') ? `--port=${port}` : a));
    expect(argv).toContain('--limit-concurrency=11');
    const r = await startAndRequest({ cmd: PYTHON, args: ['-m', 'uvicorn', ...argv], cwd: dir, port });
    expect(r.status, r.stderr).toBe(200);
    expect(r.processes).toBe(processes);
  });

  it('uvicorn reads the env lines (UVICORN_*) as they are', async () => {
    const port = await freePort();
    const env = parseDotenv(emit(args, 'env'));
    const r = await startAndRequest({ cmd: PYTHON, args: ['-m', 'uvicorn', 'asgi_app:app'], cwd: dir, port, env: { ...env, UVICORN_HOST: '127.0.0.1', UVICORN_PORT: String(port) } });
    expect(r.status, r.stderr).toBe(200);
    expect(r.processes).toBe(processes);
  });
});

describe.skipIf(!have.waitress)('waitress', () => {
  const args = ['--cpus', '1', '--mem', '1g', '--class', 'waitress', '--app', 'wsgi_app:app', '--workload', 'io', '--users', '120', '--lb-idle-timeout', '350'];
  const rec = recommend(args);

  it('serve() gets exactly the recommended adjustments, and WAITRESS_* overrides them', () => {
    writeFileSync(path.join(dir, 'serve.py'), emit(args, 'waitress'));
    const probe = `import json, runpy, waitress
from waitress.adjustments import Adjustments
def fake(app, **kw):
    Adjustments(**kw)  # raises on an unknown or ill-typed adjustment
    print(json.dumps(kw))
waitress.serve = fake
runpy.run_path("serve.py", run_name="__main__")`;
    const r = run(PYTHON, ['-c', probe], { cwd: dir });
    expect(r.rc, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual(rec.settings);
    const env = parseDotenv(emit(args, 'env'));
    const overridden = run(PYTHON, ['-c', probe], { cwd: dir, env: { ...env, WAITRESS_THREADS: '7' } });
    expect(JSON.parse(overridden.stdout)).toEqual({ ...rec.settings, threads: 7 });
  });

  it('the serve() snippet and the waitress-serve command start and answer', async () => {
    let port = await freePort();
    const snippet = await startAndRequest({ cmd: PYTHON, args: ['serve.py'], cwd: dir, port, env: { WAITRESS_LISTEN: `127.0.0.1:${port}` } });
    expect(snippet.status, snippet.stderr).toBe(200);
    port = await freePort();
    const compose = parseYaml(emit(args, 'compose'));
    const argv = (compose.services.web.command as string[]).slice(1).map((a) => (a.startsWith('--listen=') ? `--listen=127.0.0.1:${port}` : a));
    const cmd = await startAndRequest({ cmd: WAITRESS_SERVE, args: argv, cwd: dir, port });
    expect(cmd.status, cmd.stderr).toBe(200);
  });
});

describe.skipIf(!have.compose)('docker-compose', () => {
  for (const cls of ['sync', 'gthread', 'gevent', 'uvicorn-worker', 'uvicorn', 'waitress'] as const)
    it(`${cls}: the service passes docker-compose config with limits equal to the budget`, () => {
      const args = ['--cpus', '1.5', '--mem', '768m', '--class', cls, '--shutdown-grace', '30'];
      const r = composeConfig(emit(args, 'compose'));
      expect(r.rc, r.stderr).toBe(0);
      const web = (r.stdout as { services: Record<string, any> }).services.web;
      expect(web.deploy.resources.limits).toEqual({ cpus: 1.5, memory: String(768 * 2 ** 20) });
      expect(web.stop_grace_period).toBe('30s');
      // The environment the .env lines give (waitress-serve reads none: its flags are in the command).
      expect(web.environment ?? {}).toEqual(cls === 'waitress' ? {} : parseDotenv(emit(args, 'env')));
    });
});
