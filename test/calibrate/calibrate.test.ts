// tune calibrate against the real servers (Debian's gunicorn 20.1 and uvicorn 0.17 under /usr/bin/python3)
// with the fixture apps in test/fixtures/apps. In-process through runCalibrate; every run checks that
// no process it started is left (each run marks its servers' environment and /proc is searched for it).
// Long: each case boots real servers around one shared helper that checks nothing is left running.
import { spawn, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { tune } from '../cli/run.js';
import { afterAll, describe, expect, it } from 'vitest';
import { isUsageError } from '../../src/cli/errors.js';
import { runCalibrate } from '../../src/cli/calibrate-command.js';
import type { Io } from '../../src/cli/io.js';
import { profileSchema } from '../../src/core/profile.js';
import { baseEnv, have, PYTHON, requireServer } from '../helpers/real-servers.js';
import { processesMarked } from '../helpers/processes.js';

const APPS = fileURLToPath(new URL('../fixtures/apps', import.meta.url));
const MiB = 1024 * 1024;
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
const mean = (xs: number[]) => sum(xs) / xs.length;
const MARK = 'CALIBRATE_TEST_MARK';

/** Live processes whose environment carries `mark`: what a run left behind. */
const leftovers = (mark: string): number[] => processesMarked(MARK, mark);

interface Result {
  code: number;
  stdout: string;
  stderr: string;
  ms: number;
}

/** runCalibrate as the CLI runs it (a bad-usage error is exit 2), asserting that nothing is left running. */
async function calibrate(opts: Record<string, unknown>, env: Record<string, string> = {}): Promise<Result> {
  const mark = randomUUID();
  const out: string[] = [];
  const err: string[] = [];
  const io: Io = { out: (t) => void out.push(t), err: (t) => void err.push(t), env: baseEnv({ [MARK]: mark, ...env }), isTTY: false };
  const t0 = Date.now();
  let code: number;
  try {
    code = await runCalibrate({ appDir: APPS, cpus: '2', mem: '1g', duration: '2', workers: '2', ...opts }, io);
  } catch (e) {
    // As the CLI does (program.ts): every bad-usage error class (UsageError, WriteError, SetupError, …) is exit 2.
    if (!isUsageError(e)) throw e;
    err.push(`tune: ${e.message}\n`);
    code = 2;
  }
  const r = { code, stdout: out.join(''), stderr: err.join(''), ms: Date.now() - t0 };
  expect(leftovers(mark), `processes left by calibrate ${JSON.stringify(opts)}`).toEqual([]);
  return r;
}

const dirs: string[] = [];
const tmp = () => {
  const d = mkdtempSync(path.join(os.tmpdir(), 'tune-calibrate-test-'));
  dirs.push(d);
  return d;
};
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

// Long: one real calibration, asserted from every side (a boot costs seconds).
describe.skipIf(!have.gunicorn || !have.flask)('calibrate: gunicorn sync, Flask', () => {
  it('measures master, workers, preload share and CPU, saves a valid profile, recommends with it', async () => {
    requireServer('gunicorn');
    requireServer('flask');
    const save = path.join(tmp(), 'profile.json');
    const r = await calibrate({ class: 'sync', app: 'flask_app:app', save, format: 'json' });
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout);
    const saved = JSON.parse(readFileSync(save, 'utf8'));
    expect(profileSchema.safeParse(saved).success).toBe(true);
    expect(saved).toEqual(doc.profile);
    expect(saved).toMatchObject({ version: 1, workerClass: 'sync', app: 'flask_app:app' });
    expect(saved.workerBytes).toBeGreaterThan(10 * MiB);
    expect(saved.workerBytes).toBeLessThan(300 * MiB);
    const { base, preload } = doc.calibration as Record<'base' | 'preload', { load: { masterBytes: number; workerBytes: number[] }; cpuMsPerRequest: number; single: { meanLatencyMs: number } }>;
    expect(base.load.workerBytes).toHaveLength(2);
    expect(preload.load.workerBytes).toHaveLength(2);
    expect(doc.calibration.base.warmup.workersReached).toBe(2);
    expect(doc.calibration.base.loadRun.requests).toBeGreaterThan(0);
    // The profile is the loaded sample of the boot without preload: the master, the mean worker.
    expect(saved.masterBytes).toBe(base.load.masterBytes);
    expect(saved.workerBytes).toBe(Math.round(mean(base.load.workerBytes)));
    expect(saved.cpuMsPerRequest).toBeCloseTo(base.cpuMsPerRequest, 2);
    expect(saved.latencyMs).toBeCloseTo(base.single.meanLatencyMs, 2);
    // The preload share solves total(preload) = m + s·W + N·(1−s)·W with m, W from the other boot.
    const W = mean(base.load.workerBytes);
    const N = preload.load.workerBytes.length;
    const s = (base.load.masterBytes + N * W - (preload.load.masterBytes + sum(preload.load.workerBytes))) / ((N - 1) * W);
    expect(saved.preloadShare).toBeCloseTo(Math.min(1, Math.max(0, s)), 3);
    expect(doc.recommendation.memory.perWorkerSource).toBe('profile');
    // What was measured is used where it applies: the time and CPU per request too, said as measured.
    expect(doc.recommendation.input).toMatchObject({ latencyMs: saved.latencyMs, latencySource: 'profile', profileFile: save });
    expect(doc.recommendation.capacity).toMatchObject({ cpuSource: 'profile', latencyMs: saved.latencyMs });
    expect(r.stderr).toMatch(/second boot with --preload/);
    // Files made from the profile say how to make them again with that very file.
    const env = tune(['--cpus', '2', '--mem', '2g', '--class', 'sync', '--profile', save, '--format', 'env']);
    expect(env.stdout).toContain(`--profile ${save}`);
    expect(env.stdout).toMatch(/ms per request \(measured by tune calibrate on GET \/, one connection/);

    // The file is there now: refused before anything is started.
    const again = await calibrate({ class: 'sync', app: 'flask_app:app', save });
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/refusing to overwrite .*profile\.json: it exists \(use --force\)/);
    expect(again.ms).toBeLessThan(5000);
  }, 120_000);

  it.each([
    ['a module that does not exist', 'nosuch_module:app', /ModuleNotFoundError: No module named 'nosuch_module'/],
    ['an attribute that does not exist', 'flask_app:nosuch', /Failed to find attribute 'nosuch' in 'flask_app'/],
  ])('%s: the server’s own error, exit 2', async (_what, app, message) => {
    requireServer('gunicorn');
    requireServer('flask');
    const r = await calibrate({ class: 'sync', app });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    // gunicorn 20.1 usually exits; now and then its arbiter hangs with the dead workers unreaped.
    expect(r.stderr).toMatch(new RegExp(`^tune: ${app.replace('.', '\\.')} did not run under gunicorn: (the server|its workers) exited during start-up`, 'm'));
    expect(r.ms).toBeLessThan(15_000);
    expect(r.stderr).toMatch(message);
  }, 60_000);

  it('an app that does not answer within --startup-timeout: stopped, exit 2', async () => {
    requireServer('gunicorn');
    const r = await calibrate({ class: 'sync', app: 'slow_start:app', startupTimeout: '1.5' });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/no answer to GET \/ within the 1\.5 s start-up timeout \(--startup-timeout\)/);
    expect(r.ms).toBeLessThan(15_000);
  }, 60_000);

  it('a Python without the server: one line naming the Debian package', async () => {
    requireServer('gunicorn');
    // The system Python without site-packages (-S): it runs, but cannot import gunicorn.
    const dir = tmp();
    const python = path.join(dir, 'python3');
    writeFileSync(python, `#!/bin/sh\nexec ${PYTHON} -S "$@"\n`);
    chmodSync(python, 0o755);
    const r = await calibrate({ class: 'sync', app: 'flask_app:app', python });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`tune: ${python} cannot import gunicorn, which --class sync needs: apt-get install python3-gunicorn (Debian/Ubuntu) or pip install gunicorn; or pass --python <path> for an interpreter that has it\n`);
  });
});

describe.skipIf(!have.gunicorn || !have.flask)('calibrate: gthread, an app factory, busy threads', () => {
  it('a boot with more threads measures what a busy thread holds (4 MiB a request here)', async () => {
    requireServer('gunicorn');
    requireServer('flask');
    const r = await calibrate({ class: 'gthread', app: 'flask_app:create_app()', path: '/hold', threads: '4', preload: false, format: 'json' });
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(r.stderr).toMatch(/another boot, --threads 4: 1 × 4 threads under 64 connections/);
    expect(doc.calibration.threads).toMatchObject({ threads: 4, shape: { workers: 1, threads: 4, connections: 64 } });
    expect(doc.calibration.threads.load.workerBytes).toHaveLength(1);
    expect(doc.profile.measuredThreads).toBe(4);
    expect(doc.profile.perThreadBytes).toBeGreaterThan(2 * MiB);
    expect(doc.profile.perThreadBytes).toBeLessThan(8 * MiB);
    // The worker figure leaves the one busy thread out: the model adds back the busy threads of the shape.
    expect(doc.profile.workerBytes).toBeLessThan(doc.calibration.base.load.workerBytes.reduce((a: number, b: number) => a + b, 0) / 2);
  }, 120_000);
});

describe.skipIf(!have.gunicorn || !have.flask)('calibrate: the thread pool measured in the configuration that will run', () => {
  it('with --users 12 and no --threads, the third boot is what tune recommends for 12 users, with the first boot\'s figures', async () => {
    requireServer('gunicorn');
    requireServer('flask');
    const r = await calibrate({ class: 'gthread', app: 'flask_app:app', path: '/hold', users: '12', preload: false, format: 'json' });
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout);
    const shape = doc.calibration.threads.shape;
    expect(r.stderr).toContain(`another boot, the configuration tune recommends with the figures above: ${shape.workers} × ${shape.threads} threads under 12 connections`);
    expect(shape.connections).toBe(12);
    // Busy threads per worker: what 12 connections keep busy in that shape; the profile says so.
    const busy = Math.min(shape.threads, Math.ceil(12 / shape.workers));
    expect(doc.calibration.threads.threads).toBe(busy);
    expect(doc.profile.measuredThreads).toBe(busy);
    expect(doc.calibration.threads.load.workerBytes).toHaveLength(shape.workers);
    // The recommendation with the finished profile runs the shape that was measured: nothing to re-measure.
    expect(doc.recommendation.warnings.map((w: { code: string }) => w.code)).not.toContain('PROFILE_THREADS_DIFFER');
  }, 120_000);

  it('with no load stated, under the connections the model counts: its recommendation has nothing to re-measure', async () => {
    requireServer('gunicorn');
    requireServer('flask');
    const r = await calibrate({ class: 'gthread', app: 'flask_app:app', path: '/hold', preload: false, format: 'json' });
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout);
    const { shape, threads } = doc.calibration.threads;
    expect(shape.connections).toBe(doc.recommendation.memory.connections.total);
    expect(threads).toBe(Math.min(shape.threads, Math.ceil(shape.connections / shape.workers)));
    expect(doc.recommendation.warnings.map((w: { code: string }) => w.code)).not.toContain('PROFILE_THREADS_DIFFER');
  }, 120_000);
});

describe.skipIf(!have.gunicorn || !have.uvicorn || !have.fastapi)('calibrate: gunicorn + UvicornWorker, FastAPI', () => {
  it('measures and prints the figures above the recommendation', async () => {
    requireServer('gunicorn');
    requireServer('uvicorn');
    requireServer('fastapi');
    const save = path.join(tmp(), 'p.json');
    // --no-preload: one boot keeps the test short; the sync test covers the preload boot.
    const r = await calibrate({ class: 'uvicorn-worker', app: 'fastapi_app:app', path: '/work', preload: false, save });
    expect(r.code, r.stderr).toBe(0);
    const saved = profileSchema.parse(JSON.parse(readFileSync(save, 'utf8')));
    expect(saved.workerClass).toBe('uvicorn-worker');
    expect(saved.workerBytes).toBeGreaterThan(10 * MiB);
    expect(saved.workerBytes).toBeLessThan(300 * MiB);
    expect(saved.masterBytes).toBeGreaterThan(0);
    expect(saved.cpuMsPerRequest).toBeGreaterThan(0);
    expect(saved.preloadShare).toBeUndefined();
    expect(r.stdout).toMatch(/^Calibration: fastapi_app:app under gunicorn uvicorn-worker, 2 workers/);
    expect(r.stdout).toMatch(/worker \(mean\)/);
    expect(r.stdout).toMatch(/UvicornWorker/);
    expect(r.stdout).not.toMatch(/with preload/);
  }, 120_000);

  it('with --users and no --concurrency, measures a connection at the users stated', async () => {
    requireServer('gunicorn');
    requireServer('uvicorn');
    requireServer('fastapi');
    const r = await calibrate({ class: 'uvicorn-worker', app: 'fastapi_app:app', path: '/work', preload: false, users: '24', format: 'json' });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('measuring under 24 connections, the --users given');
    expect(JSON.parse(r.stdout).profile.measuredConnections).toBe(24);
    const given = await calibrate({ class: 'uvicorn-worker', app: 'fastapi_app:app', path: '/work', preload: false, users: '24', concurrency: '8', format: 'json' });
    expect(JSON.parse(given.stdout).profile.measuredConnections).toBe(8);
  }, 120_000);
});

describe.skipIf(!have.gunicorn || !have.flask)('calibrate: interrupted', () => {
  // A real process, so that a real signal arrives: runCalibrate bundled with esbuild (the CLI's own bundler).
  const ENTRY = `import { runCalibrate } from '../../src/cli/calibrate-command.js';
import { isUsageError } from '../../src/cli/errors.js';
import { processIo } from '../../src/cli/io.js';
runCalibrate(JSON.parse(process.argv[2]), processIo()).then(
  (code) => { process.exitCode = code; },
  (e) => { process.stderr.write('tune: ' + e.message + '\\n'); process.exitCode = isUsageError(e) ? 2 : 3; },
);
`;

  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const)('%s while measuring: every server process stopped, exit %i', async (signal, expected) => {
    requireServer('gunicorn');
    requireServer('flask');
    const outfile = path.join(tmp(), 'calibrate.mjs');
    await build({
      stdin: { contents: ENTRY, resolveDir: path.dirname(fileURLToPath(import.meta.url)), loader: 'ts' },
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      outfile,
      logLevel: 'error',
      // CommonJS dependencies (dotenv) call require() for node built-ins.
      banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
    });
    const mark = randomUUID();
    const opts = { class: 'sync', app: 'flask_app:app', appDir: APPS, cpus: '2', mem: '1g', duration: '30' };
    const child = spawn(process.execPath, [outfile, JSON.stringify(opts)], { env: baseEnv({ [MARK]: mark }), stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`calibrate never started measuring:\n${stderr}`)), 30_000);
      child.stderr.on('data', (d: Buffer) => {
        stderr += d.toString();
        if (/warming up/.test(stderr)) {
          clearTimeout(timer);
          resolve();
        }
      });
    });
    expect(leftovers(mark).length).toBeGreaterThanOrEqual(3); // master and two workers, before the signal
    const t0 = Date.now();
    child.kill(signal);
    expect(await exited).toBe(expected);
    expect(Date.now() - t0).toBeLessThan(10_000);
    expect(stderr).toMatch(new RegExp(`tune: ${signal}: stopping the server`));
    expect(leftovers(mark)).toEqual([]);
  }, 60_000);
});

describe('calibrate: usage errors before anything starts', () => {
  it.each([
    [{ class: 'sync', app: 'flask_app:app', python: '/nonexistent/python3' }, /^tune: --python \/nonexistent\/python3: no such file\n$/],
    [{ app: 'flask_app:app' }, /^tune: --class is required/],
    [{ class: 'sync' }, /^tune: --app is required/],
    [{ class: 'sync', app: 'flask_app:app', mem: 'lots' }, /^tune: --mem: /],
    [{ class: 'sync', app: 'flask_app:app', profile: 'x.json' }, /^tune: --profile does not apply to calibrate/],
    [{ class: 'sync', app: 'flask_app:app', save: '/nonexistent/dir/p.json' }, /^tune: cannot write \/nonexistent\/dir\/p\.json: the folder \/nonexistent\/dir does not exist/],
  ])('%o', async (opts, message) => {
    const r = await calibrate(opts);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.ms).toBeLessThan(5000);
  });
});

describe.skipIf(!have.flask || !have.fastapi)('the fixture apps', () => {
  it('answer / with "ok" and /work with the sum of its loop, which the load and CPU measurements request', () => {
    requireServer('flask');
    requireServer('fastapi');
    let work = 0;
    for (let i = 0; i < 20_000; i++) work += (i * i) % 7;
    // Flask's test client and the FastAPI handlers called directly: the apps, without a server.
    const probe = `import asyncio, json, flask_app, fastapi_app
c = flask_app.app.test_client()
print(json.dumps({"flask": [c.get("/").get_data(as_text=True), c.get("/work").get_data(as_text=True)], "fastapi": [asyncio.run(fastapi_app.index()), asyncio.run(fastapi_app.work())]}))`;
    const r = spawnSync(PYTHON, ['-c', probe], { cwd: APPS, env: baseEnv(), encoding: 'utf8', timeout: 30_000 });
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ flask: ['ok', String(work)], fastapi: ['ok', String(work)] });
  });
});

// A real project's setting: Django (the ORM on SQLite, templates, middleware: bench/apps/real/django_site)
// run from an activated virtualenv, with neither --app nor --python given.
describe.skipIf(!have.gunicorn || !have.django || !have.venv)('calibrate in a virtualenv, in a Django project', () => {
  it("runs the virtualenv's Python and the application manage.py names", async () => {
    requireServer('gunicorn');
    requireServer('django');
    requireServer('venv');
    const dir = tmp();
    const venv = path.join(dir, 'venv');
    expect(spawnSync(PYTHON, ['-m', 'venv', '--system-site-packages', '--without-pip', venv], { env: baseEnv() }).status).toBe(0);
    const site = fileURLToPath(new URL('../../bench/apps/real/django_site', import.meta.url));
    const env = { VIRTUAL_ENV: venv, CATALOG_DB: path.join(dir, 'catalog.sqlite3') };
    // The catalogue's database is built at import, once, before workers race to build it.
    expect(spawnSync(path.join(venv, 'bin', 'python3'), ['-c', 'import shop.wsgi'], { cwd: site, env: baseEnv(env) }).status).toBe(0);
    const r = await calibrate({ appDir: site, app: undefined, class: 'sync', path: ['/health', '/api/products/3/'] }, env);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain(`tune: ${path.join(venv, 'bin', 'python3')} (Python `);
    expect(r.stderr).toMatch(/gunicorn sync, 2 workers, app shop\.wsgi:application in /);
    expect(r.stdout).toMatch(/^Calibration: shop\.wsgi:application under gunicorn sync, 2 workers/m);
    expect(r.stdout).toContain('on a mix of 2 requests to 2 paths');
  }, 120_000);
});

