// The pure parts of tune calibrate: options, command lines, the profile arithmetic, /proc parsing and
// the failure summary.
import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { canMeasurePreload, isMultiProcess, serverArgs, serverEnv } from '../../src/calibrate/command.js';
import { classify, reachedWorkers, type MemorySample } from '../../src/calibrate/measure.js';
import { CALIBRATE_DEFAULTS, parseCalibrateOptions } from '../../src/cli/calibrate-options.js';
import { parseSmapsRollup, parseStat, type TreeProcess } from '../../src/proc/index.js';
import { buildProfile, perConnectionBytes, perThreadBytes, preloadShare } from '../../src/calibrate/profile.js';
import { activeEnvPython, findPython, missingMessage } from '../../src/calibrate/python.js';
import { appFromSettings, findDjangoProject, settingsFromManage } from '../../src/calibrate/django.js';
import { summarize, tail } from '../../src/calibrate/server.js';
import { UsageError } from '../../src/cli/errors.js';
import { runCli } from '../../src/cli/program.js';
import { profileSchema } from '../../src/core/profile.js';

const MiB = 1024 * 1024;
const sample = (master: number, workers: number[], extra = 0, privates: number[] = workers.map(() => 0)): MemorySample => ({
  masterBytes: master * MiB,
  workerBytes: workers.map((w) => w * MiB),
  workerPrivateBytes: privates.map((w) => w * MiB),
  extraBytes: extra * MiB,
  extraCount: extra ? 1 : 0,
});

describe('parseCalibrateOptions', () => {
  it('fills the defaults', () => {
    const o = parseCalibrateOptions({}, process.cwd());
    expect(o).toMatchObject({ workers: 2, durationS: 5, concurrency: 64, path: '/', startupTimeoutS: 30, appDir: process.cwd(), format: 'table', force: false, workersGiven: false });
  });

  it('tune calibrate --help states the defaults that apply', async () => {
    let help = '';
    expect(await runCli(['calibrate', '--help'], { out: (s) => (help += s), err: () => {}, env: {}, isTTY: false })).toBe(0);
    const stated = (flag: string) => new RegExp(`${flag} <[^>]+>[^[]*\\[default: ([^\\]]+)\\]`).exec(help.replace(/\s+/g, ' '))?.[1];
    const d = CALIBRATE_DEFAULTS;
    expect(['--workers', '--duration', '--concurrency', '--path', '--startup-timeout'].map(stated)).toEqual([d.workers, d.durationS, d.concurrency, d.path, d.startupTimeoutS].map(String));
  });

  it('takes the values commander hands over as strings', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'tune-cal-'));
    const o = parseCalibrateOptions({ appDir: dir, workers: '3', duration: '2.5', concurrency: '16', path: '/health?x=1', startupTimeout: '10', save: 'p.json', force: true, format: 'json', python: '/x/python' });
    expect(o).toMatchObject({ appDir: dir, workers: 3, workersGiven: true, durationS: 2.5, concurrency: 16, path: '/health?x=1', startupTimeoutS: 10, save: 'p.json', force: true, format: 'json', python: '/x/python' });
  });

  it.each([
    [{ workers: '0' }, /--workers: must be a whole number from 1 to 64/],
    [{ workers: '2.5' }, /--workers: must be a whole number/],
    [{ workers: 'two' }, /--workers: "two" is not a number/],
    [{ duration: '0' }, /--duration: must be from 1 to 600 seconds/],
    [{ concurrency: '100000' }, /--concurrency: must be a whole number from 1 to 1000/],
    [{ path: 'health' }, /--path: must start with \//],
    [{ path: '/a b' }, /--path: must start with \//],
    [{ startupTimeout: '-1' }, /--startup-timeout: "-1" is not a number/],
    [{ format: 'env' }, /--format: must be table or json/],
    [{ force: true }, /--force only applies with --save/],
    [{ appDir: '/nonexistent/dir' }, /--app-dir \/nonexistent\/dir: no such folder/],
  ])('%o is a usage error', (opts, message) => {
    expect(() => parseCalibrateOptions(opts)).toThrow(UsageError);
    expect(() => parseCalibrateOptions(opts)).toThrow(message);
  });
});

describe('serverArgs', () => {
  const base = { app: 'app:app', workers: 2, port: 8123, preload: false, gunicornConfig: '/tmp/c.py' };
  it('gunicorn classes: workers, class, one gthread thread, loopback bind, our config file, preload; the app last', () => {
    expect(serverArgs({ ...base, workerClass: 'sync' })).toEqual(['-m', 'gunicorn', '--workers=2', '--worker-class=sync', '--bind=127.0.0.1:8123', '--config=/tmp/c.py', 'app:app']);
    expect(serverArgs({ ...base, workerClass: 'gthread', preload: true })).toEqual(['-m', 'gunicorn', '--workers=2', '--worker-class=gthread', '--threads=1', '--bind=127.0.0.1:8123', '--config=/tmp/c.py', '--preload', 'app:app']);
    expect(serverArgs({ ...base, workerClass: 'uvicorn-worker', uvicornWorkerPath: 'uvicorn_worker.UvicornWorker' })).toContain('--worker-class=uvicorn_worker.UvicornWorker');
    expect(serverArgs({ ...base, workerClass: 'uvicorn-worker' })).toContain('--worker-class=uvicorn.workers.UvicornWorker');
    expect(serverArgs({ ...base, workerClass: 'sync', app: 'pkg.wsgi:create()' }).at(-1)).toBe('pkg.wsgi:create()');
  });

  it('uvicorn and waitress, with their own factory flags', () => {
    expect(serverArgs({ ...base, workerClass: 'uvicorn' })).toEqual(['-m', 'uvicorn', '--workers=2', '--host=127.0.0.1', '--port=8123', '--no-access-log', 'app:app']);
    expect(serverArgs({ ...base, workerClass: 'uvicorn', app: 'm:make()' })).toEqual(['-m', 'uvicorn', '--workers=2', '--host=127.0.0.1', '--port=8123', '--no-access-log', '--factory', 'm:make']);
    expect(serverArgs({ ...base, workerClass: 'waitress' })).toEqual(['-m', 'waitress', '--listen=127.0.0.1:8123', '--threads=1', 'app:app']);
    expect(serverArgs({ ...base, workerClass: 'waitress', app: 'm:make()', threads: 12 })).toEqual(['-m', 'waitress', '--listen=127.0.0.1:8123', '--threads=12', '--call', 'm:make']);
  });

  it('drops the variables that would reconfigure the server, keeps the rest', () => {
    expect(serverEnv({ PATH: '/bin', PYTHONPATH: 'src', GUNICORN_CMD_ARGS: '-w 9', WEB_CONCURRENCY: '9', PORT: '1', UVICORN_WORKERS: '9', X: undefined })).toEqual({ PATH: '/bin', PYTHONPATH: 'src' });
  });

  it('knows which servers have a master and where preload can be measured', () => {
    expect([isMultiProcess('sync', 1), isMultiProcess('uvicorn', 1), isMultiProcess('uvicorn', 2), isMultiProcess('waitress', 4)]).toEqual([true, false, true, false]);
    expect((['sync', 'gthread', 'uvicorn-worker', 'gevent', 'uvicorn', 'waitress'] as const).map((c) => canMeasurePreload(c, 2))).toEqual([true, true, true, false, false, false]);
    expect(canMeasurePreload('sync', 1)).toBe(false);
  });
});

describe('findPython', () => {
  it('--python: a path made absolute, or a bare name looked up on PATH', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'tune-py-'));
    writeFileSync(path.join(dir, 'mypython'), '#!/bin/sh\n');
    chmodSync(path.join(dir, 'mypython'), 0o755);
    writeFileSync(path.join(dir, 'plain'), '');
    expect(findPython('mypython', { PATH: `/nonexistent:${dir}` })).toBe(path.join(dir, 'mypython'));
    expect(findPython(path.relative(process.cwd(), path.join(dir, 'mypython')), {})).toBe(path.join(dir, 'mypython'));
    expect(() => findPython('mypython', { PATH: '/nonexistent' })).toThrow('--python mypython: not found on PATH');
    expect(() => findPython(path.join(dir, 'plain'), {})).toThrow(/not executable/);
    expect(() => findPython('/nonexistent/python3', {})).toThrow('--python /nonexistent/python3: no such file');
  });
});

describe('the active environment’s Python', () => {
  it('VIRTUAL_ENV (then CONDA_PREFIX) with a bin/python3 is the default; --python still wins', () => {
    const venv = mkdtempSync(path.join(os.tmpdir(), 'tune-venv-'));
    mkdirSync(path.join(venv, 'bin'));
    writeFileSync(path.join(venv, 'bin', 'python3'), '#!/bin/sh\n');
    chmodSync(path.join(venv, 'bin', 'python3'), 0o755);
    expect(activeEnvPython({ VIRTUAL_ENV: venv })).toEqual({ python: path.join(venv, 'bin', 'python3'), variable: 'VIRTUAL_ENV', prefix: venv });
    expect(activeEnvPython({ CONDA_PREFIX: venv })?.variable).toBe('CONDA_PREFIX');
    expect(findPython(undefined, { VIRTUAL_ENV: venv })).toBe(path.join(venv, 'bin', 'python3'));
    expect(findPython('/usr/bin/env', { VIRTUAL_ENV: venv })).toBe('/usr/bin/env');
    // A stale VIRTUAL_ENV (the folder is gone) is passed over.
    expect(activeEnvPython({ VIRTUAL_ENV: '/nonexistent/venv' })).toBeUndefined();
  });
  it('a server missing from a virtualenv: pip install into it', () => {
    expect(missingMessage('sync', '/srv/venv/bin/python3', {}, '/srv/venv')).toBe(
      '/srv/venv/bin/python3 cannot import gunicorn, which --class sync needs: pip install gunicorn in /srv/venv; or pass --python <path> for an interpreter that has it',
    );
  });
});

describe('a Django project found by its manage.py', () => {
  const project = (files: Record<string, string>) => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'tune-django-'));
    for (const [f, text] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(dir, f)), { recursive: true });
      writeFileSync(path.join(dir, f), text);
    }
    return dir;
  };
  const MANAGE = "import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'mysite.settings')\n";
  it('reads startproject’s manage.py and settings', () => {
    expect(settingsFromManage(MANAGE)).toBe('mysite.settings');
    expect(settingsFromManage('print(1)')).toBeUndefined();
    expect(appFromSettings('WSGI_APPLICATION = "mysite.wsgi.application"\n', 'WSGI')).toBe('mysite.wsgi:application');
    expect(appFromSettings('# WSGI_APPLICATION = "x.y.z"\n', 'WSGI')).toBeUndefined();
  });
  it('the settings’ WSGI_APPLICATION, else wsgi.py / asgi.py beside the settings; DJANGO_SETTINGS_MODULE wins', () => {
    const dir = project({ 'manage.py': MANAGE, 'mysite/settings.py': "WSGI_APPLICATION = 'mysite.wsgi.application'\n", 'mysite/wsgi.py': '', 'mysite/asgi.py': '' });
    expect(findDjangoProject(dir, false, {})).toEqual({ settings: 'mysite.settings', app: 'mysite.wsgi:application' });
    expect(findDjangoProject(dir, true, {})).toEqual({ settings: 'mysite.settings', app: 'mysite.asgi:application' });
    const split = project({ 'manage.py': MANAGE.replace('mysite.settings', 'config.settings.dev'), 'config/settings/prod.py': '', 'config/wsgi.py': '' });
    expect(findDjangoProject(split, false, { DJANGO_SETTINGS_MODULE: 'config.settings.prod' })).toEqual({ settings: 'config.settings.prod', app: 'config.wsgi:application' });
    expect(findDjangoProject(project({ 'app.py': '' }), false, {})).toBeUndefined();
  });
});

describe('missingMessage', () => {
  it('names the module, the class and the Debian package, on one line', () => {
    expect(missingMessage('sync', '/usr/bin/python3', { gunicorn: true })).toBeNull();
    expect(missingMessage('gevent', '/usr/bin/python3', { gunicorn: true, gevent: false })).toMatch(/^\/usr\/bin\/python3 cannot import gevent, which --class gevent needs: apt-get install python3-gevent/);
    expect(missingMessage('uvicorn-worker', 'py', { gunicorn: true, uvicorn_worker: false, 'uvicorn.workers': true })).toBeNull();
    expect(missingMessage('uvicorn-worker', 'py', { gunicorn: true })).toMatch(/UvicornWorker .*python3-uvicorn .*pip install uvicorn-worker/);
    expect(missingMessage('waitress', 'py', {})).toMatch(/python3-waitress/);
    expect(missingMessage('uvicorn', 'py', {})).not.toMatch(/\n/);
  });
});

describe('preloadShare and buildProfile', () => {
  it('solves total = m + s·W + N(1−s)·W for s', () => {
    // m = 14, W = 20, N = 3, s = 0.5: total = 14 + 10 + 3·10 = 54, e.g. master 24 and workers 10 each.
    expect(preloadShare(sample(14, [20, 20, 20]), sample(24, [10, 10, 10]))).toBe(0.5);
    // Preload that shares nothing (or costs more) is 0, not negative; noise over 1 is 1.
    expect(preloadShare(sample(14, [20, 20]), sample(30, [22, 22]))).toBe(0);
    expect(preloadShare(sample(14, [20, 20]), sample(1, [1, 1]))).toBe(1);
    expect(preloadShare(sample(14, [20]), sample(20, [10]))).toBeNull();
  });

  it('writes what profileSchema accepts, leaving out what was not measured', () => {
    const p = buildProfile({ workerClass: 'uvicorn', app: 'a:b', measuredAt: new Date(0), load: sample(17, [26, 27], 6.5), preloadShare: null, cpuMsPerRequest: 1.23456, latencyMs: 0.8, path: '/' });
    expect(profileSchema.parse(p)).toEqual(p);
    expect(p).toEqual({ version: 1, workerClass: 'uvicorn', app: 'a:b', measuredAt: '1970-01-01T00:00:00.000Z', masterBytes: 17 * MiB, workerBytes: 26.5 * MiB, extraBytes: 6.5 * MiB, cpuMsPerRequest: 1.235, latencyMs: 0.8, path: '/' });
    const q = buildProfile({ workerClass: 'waitress', app: 'a:b', measuredAt: new Date(0), load: sample(0, [25]), preloadShare: 0.4, cpuMsPerRequest: null, latencyMs: null, path: '/' });
    expect(q).not.toHaveProperty('cpuMsPerRequest');
    expect(q).toMatchObject({ masterBytes: 0, workerBytes: 25 * MiB, preloadShare: 0.4 });
  });

  it('keeps private memory (USS) of both boots, so the model counts shared pages once', () => {
    const p = buildProfile({
      workerClass: 'sync',
      app: 'a:b',
      measuredAt: new Date(0),
      load: sample(15, [20, 20, 20], 0, [16, 16, 16]),
      preloadLoad: sample(15, [11, 11, 11], 0, [4.5, 4.5, 4.5]),
      preloadShare: 0.65,
      cpuMsPerRequest: null,
      latencyMs: null,
      path: '/',
    });
    expect(p).toMatchObject({ measuredWorkers: 3, workerPrivateBytes: 16 * MiB, preloadMasterBytes: 15 * MiB, preloadWorkerBytes: 11 * MiB, preloadWorkerPrivateBytes: 4.5 * MiB });
  });
});

describe('what a busy thread and a connection in flight cost', () => {
  it('a busy thread: private memory at T threads against one, per extra thread; never negative', () => {
    // One thread: workers of 40 MiB USS; 16 threads: 85 MiB → 45 / 15 = 3 MiB a thread.
    expect(perThreadBytes(sample(15, [50, 50], 0, [40, 40]), sample(15, [95], 0, [85]), 16)).toBe(3 * MiB);
    expect(perThreadBytes(sample(15, [50, 50], 0, [40, 40]), sample(15, [49], 0, [39]), 16)).toBe(0);
    // No USS readable (0): PSS stands in.
    expect(perThreadBytes(sample(0, [30]), sample(0, [33]), 4)).toBe(1 * MiB);
  });
  it('a busy thread: anonymous memory where read, since one worker alone has the shared libraries in its USS', () => {
    // The Flask + pandas shape: USS 15.7 → 39.4 MiB at 3 threads (the libraries' pages moved into the lone
    // worker's USS), anonymous memory 12.0 → 17.4 MiB: 2.7 MiB a thread, not 11.9.
    const one = { ...sample(15, [90, 90], 0, [15.7, 15.7]), workerAnonBytes: [12 * MiB, 12 * MiB] };
    const three = { ...sample(15, [110], 0, [39.4]), workerAnonBytes: [17.4 * MiB] };
    expect(perThreadBytes(one, three, 3)).toBe(Math.round(2.7 * MiB));
    expect(perThreadBytes({ ...one, workerAnonBytes: [0, 0] }, three, 3)).toBe(Math.round(((39.4 - 15.7) / 2) * MiB));
  });
  it('a connection: the workers’ private memory under load against idle, per connection', () => {
    expect(perConnectionBytes(sample(20, [40, 40], 0, [30, 30]), sample(20, [42, 42], 0, [32, 32]), 64)).toBe(64 * 1024);
  });
  it('the worker figures leave out the busy thread and the connections they were measured with', () => {
    const p = buildProfile({
      workerClass: 'gthread',
      app: 'a:b',
      measuredAt: new Date(0),
      load: sample(15, [50, 50], 0, [40, 40]),
      preloadLoad: sample(30, [30, 30], 0, [12, 12]),
      preloadShare: 0.5,
      cpuMsPerRequest: null,
      latencyMs: null,
      path: '/',
      perThread: { bytes: 3 * MiB, threads: 16 },
    });
    expect(p).toMatchObject({ workerBytes: 47 * MiB, workerPrivateBytes: 37 * MiB, preloadWorkerBytes: 27 * MiB, preloadWorkerPrivateBytes: 9 * MiB, perThreadBytes: 3 * MiB, measuredThreads: 16 });
    const g = buildProfile({ workerClass: 'gevent', app: 'a:b', measuredAt: new Date(0), load: sample(20, [42, 42], 0, [32, 32]), preloadShare: null, cpuMsPerRequest: null, latencyMs: null, path: '/', perConnection: { bytes: 64 * 1024, connections: 64 } });
    // 32 connections a worker × 64 KiB = 2 MiB out of each worker.
    expect(g).toMatchObject({ workerBytes: 40 * MiB, workerPrivateBytes: 30 * MiB, perConnectionBytes: 64 * 1024, measuredConnections: 64 });
    expect(profileSchema.parse(g)).toEqual(g);
  });
});

describe('/proc parsing and process roles', () => {
  it('reads stat fields after the last ")" and sums the four CPU times', () => {
    const text = '4242 (python3 (w) x) S 4200 4200 4200 0 -1 4194560 1 2 3 4 10 20 30 40 20 0 1 0 5 6 7';
    expect(parseStat(4242, text)).toEqual({ pid: 4242, comm: 'python3 (w) x', state: 'S', ppid: 4200, pgrp: 4200, session: 4200, utime: 10, stime: 20, ticks: 100 });
    expect(parseSmapsRollup('Rss:   100 kB\nPss:    42 kB\nPss_Anon:  1 kB\n')?.Pss).toBe(42 * 1024);
    expect(parseSmapsRollup('')).toBeNull();
    expect(parseSmapsRollup('Rss: 50 kB\nPss: 42 kB\nPrivate_Clean:  3 kB\nPrivate_Dirty:  5 kB\n')?.Uss).toBe(8 * 1024);
  });

  it('master, workers (depth 1) and helpers such as resource_tracker', () => {
    const p = (pid: number, depth: number, cmdline = 'python3'): TreeProcess => ({ pid, depth, cmdline: cmdline.split(' '), comm: 'python3', state: 'S', ppid: 0, pgrp: 1, session: 1, utime: 0, stime: 0, ticks: 0 });
    const tree = [p(1, 0), p(2, 1, 'python3 -c from multiprocessing.resource_tracker import main;main(5)'), p(3, 1), p(4, 1), p(5, 2)];
    const c = classify(tree, true);
    expect([c.master?.pid, c.workers.map((w) => w.pid), c.extras.map((w) => w.pid)]).toEqual([1, [3, 4], [2, 5]]);
    expect(classify(tree.slice(0, 1), false)).toMatchObject({ master: null, workers: [{ pid: 1 }], extras: [] });
  });

  it('a worker is reached when it gained a real share of the busiest one’s CPU time', () => {
    const base = new Map([[1, 0], [2, 0], [3, 0]]);
    expect(reachedWorkers(base, new Map([[1, 50e6], [2, 12e6], [3, 3e6]]))).toEqual([1, 2]);
    expect(reachedWorkers(base, new Map([[1, 1e6], [2, 1e6]]))).toEqual([]); // heartbeats only
  });
});

describe('failure summary', () => {
  it('picks the Python exception or the loader’s complaint, not the shutdown lines', () => {
    const gunicorn = "Traceback (most recent call last):\n  File \"x\", line 1\nModuleNotFoundError: No module named 'nosuch'\n[INFO] Worker exiting (pid: 9)\n[INFO] Reason: Worker failed to boot.\n";
    expect(summarize(gunicorn)).toBe("ModuleNotFoundError: No module named 'nosuch'");
    expect(summarize('ERROR:    Error loading ASGI app. Could not import module "nosuch".\nINFO: Stopping')).toMatch(/Could not import module "nosuch"/);
    expect(summarize("Failed to find attribute 'nosuch' in 'flask_app'.\n")).toBe("Failed to find attribute 'nosuch' in 'flask_app'.");
    expect(summarize('[INFO] Booting worker\n')).toBeNull();
    expect(tail('a\n\nb\nc\n', 2)).toEqual(['b', 'c']);
  });
});
