// The pure parts of tune inspect: /proc parsers, which command line is a server, the environment as a
// dotenv file, cgroup limits, the profile (schema kept backward compatible) and the comparisons.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse as parseDotenv } from 'dotenv';
import { siteFolders, versionsInListing } from '../../src/inspect/versions.js';
import { describe, expect, it } from 'vitest';
import { parseProfile } from '../../src/core/profile.js';
import { compare } from '../../src/inspect/compare.js';
import { serverVariables, toDotenv, type RunningConfig } from '../../src/inspect/configuration.js';
import { parseCgroups, processCpuLimit, processMemoryLimit } from '../../src/inspect/limits.js';
import { serverCommand, withoutInterpreter } from '../../src/inspect/locate.js';
import { runningProfile } from '../../src/inspect/profile.js';
import { nativePackages, type ProcessFigures, type Snapshot } from '../../src/inspect/snapshot.js';
import { countCpuList, decodeAddress, parseEnviron, parseMappedFiles, parseNetTcp, parseNetUnix, parseStartTicks, parseStatus, pathInProcess, procHidesPids } from '../../src/proc/index.js';

const MiB = 1024 * 1024;

describe('/proc/net tables', () => {
  it('decodes addresses as the kernel prints them (words in host byte order)', () => {
    expect(decodeAddress('0100007F:1F90')).toEqual({ address: '127.0.0.1', port: 8080 });
    expect(decodeAddress('00000000:0050')).toEqual({ address: '0.0.0.0', port: 80 });
    expect(decodeAddress('00000000000000000000000001000000:1F90')).toEqual({ address: '::1', port: 8080 });
    expect(decodeAddress('00000000000000000000000000000000:0050')).toEqual({ address: '::', port: 80 });
    expect(decodeAddress('0000000000000000FFFF00000100007F:1F90')).toEqual({ address: '::ffff:127.0.0.1', port: 8080 });
    expect(decodeAddress('B80D0120000000000000000001000000:01BB').address).toBe('2001:db8::1');
  });

  it('reads state, accept queue and inode of tcp rows', () => {
    const text = [
      '  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode',
      '   0: 0100007F:1F90 00000000:0000 0A 00000000:00000002 00:00000000 00000000     0        0 1155574 1 0 100 0 0 10 0',
      '   1: 0100007F:1F90 0100007F:C350 01 00000000:00000000 00:00000000 00000000     0        0 0 1 0 20 4 30 10 -1',
      '   2: 0100007F:1F90 0100007F:C351 01 00000000:00000000 00:00000000 00000000     0        0 99 1 0 20 4 30 10 -1',
    ].join('\n');
    expect(parseNetTcp(text, 'tcp')).toEqual([
      { proto: 'tcp', local: { address: '127.0.0.1', port: 8080 }, remote: { address: '0.0.0.0', port: 0 }, state: 'LISTEN', rxQueue: 2, inode: 1155574 },
      { proto: 'tcp', local: { address: '127.0.0.1', port: 8080 }, remote: { address: '127.0.0.1', port: 50000 }, state: 'ESTABLISHED', rxQueue: 0, inode: 0 },
      { proto: 'tcp', local: { address: '127.0.0.1', port: 8080 }, remote: { address: '127.0.0.1', port: 50001 }, state: 'ESTABLISHED', rxQueue: 0, inode: 99 },
    ]);
  });

  it('tells listening unix sockets (__SO_ACCEPTCON) from connected ones', () => {
    const text = [
      'Num       RefCount Protocol Flags    Type St Inode Path',
      '0000000000000000: 00000002 00000000 00010000 0001 01 5001 /run/app/gunicorn.sock',
      '0000000000000000: 00000003 00000000 00000000 0001 03 5002 /run/app/gunicorn.sock',
      '0000000000000000: 00000002 00000000 00000000 0002 01 5003',
    ].join('\n');
    expect(parseNetUnix(text)).toEqual([
      { proto: 'unix', path: '/run/app/gunicorn.sock', listening: true, connected: false, inode: 5001 },
      { proto: 'unix', path: '/run/app/gunicorn.sock', listening: false, connected: true, inode: 5002 },
      { proto: 'unix', path: '', listening: false, connected: false, inode: 5003 },
    ]);
  });
});

describe('/proc files', () => {
  it('environ, status, stat start time, cpu lists, maps, hidepid', () => {
    expect(parseEnviron('A=1\0B=x=y\0EMPTY=\0')).toEqual({ A: '1', B: 'x=y', EMPTY: '' });
    expect(parseStatus('Name:\tgunicorn\nThreads:\t5\nVmHWM:\t  35648 kB\n')).toEqual({ Name: 'gunicorn', Threads: '5', VmHWM: '35648 kB' });
    expect(parseStartTicks('42 (a) b) S 1 42 42 0 -1 4194560 1 2 3 4 10 20 30 40 20 0 5 0 123456 999')).toBe(123456);
    expect([countCpuList('0-3,8,10-11'), countCpuList('0'), countCpuList('')]).toEqual([7, 1, 0]);
    expect(pathInProcess(42, '/app/../etc/gunicorn.conf.py')).toBe('/proc/42/root/etc/gunicorn.conf.py');
    expect(pathInProcess(42, 'conf/g.py')).toBe('/proc/42/cwd/conf/g.py');
    const maps = '7f00-7f01 r-xp 00000000 08:01 1234 /usr/lib/python3/dist-packages/uvloop/loop.cpython-311-x86_64-linux-gnu.so\n7f01-7f02 rw-p 00000000 00:00 0 \n7f02-7f03 r--p 00000000 08:01 99 /venv/lib/python3.12/site-packages/gevent/_gevent_c_hub_local.cpython-312-x86_64-linux-gnu.so (deleted)\n';
    expect(nativePackages(parseMappedFiles(maps))).toEqual(['gevent', 'uvloop']);
    expect(procHidesPids('22 1 0:21 / /proc rw,nosuid - proc proc rw,hidepid=invisible\n')).toBe(true);
    expect(procHidesPids('22 1 0:21 / /proc rw,nosuid - proc proc rw\n')).toBe(false);
  });
});

describe('which process is the server', () => {
  it('a script started through its shebang is the script', () => {
    expect(withoutInterpreter(['/usr/bin/python3', '/usr/bin/gunicorn', '-w', '2', 'app:app'])).toEqual(['/usr/bin/gunicorn', '-w', '2', 'app:app']);
    expect(withoutInterpreter(['/venv/bin/python3.12', '-u', '-X', 'dev', '/venv/bin/uvicorn', 'app:app'])).toEqual(['/venv/bin/uvicorn', 'app:app']);
    expect(withoutInterpreter(['python3', '-m', 'gunicorn', 'app:app'])).toEqual(['python3', '-m', 'gunicorn', 'app:app']);
    expect(withoutInterpreter(['python3', 'manage.py', 'runserver'])).toEqual(['python3', 'manage.py', 'runserver']);
  });

  it('servers themselves, not the wrappers that start them', () => {
    expect(serverCommand(['/usr/bin/python3', '/usr/bin/gunicorn', '-w', '2', '-k', 'gthread', 'app:app'])).toMatchObject({ server: 'gunicorn', parsed: { app: 'app:app', settings: { workers: { value: 2 } } } });
    expect(serverCommand(['python3', '-m', 'uvicorn', '--workers', '2', 'main:app'])).toMatchObject({ server: 'uvicorn', parsed: { app: 'main:app' } });
    expect(serverCommand(['/usr/bin/python3', '/usr/bin/waitress-serve', '--listen=*:8080', 'app:app'])).toMatchObject({ server: 'waitress' });
    expect(serverCommand(['/usr/local/bin/python', '/usr/local/bin/fastapi', 'run', 'main.py'])).toMatchObject({ server: 'uvicorn' });
    for (const wrapper of [['tini', '--', 'gunicorn', 'app:app'], ['sh', '-c', 'gunicorn app:app'], ['env', 'WEB_CONCURRENCY=2', 'gunicorn', 'app:app'], ['python3', '-B', '-c', 'from multiprocessing.spawn import spawn_main; spawn_main(tracker_fd=5, pipe_handle=7)', '--multiprocessing-fork'], ['python3', 'app.py'], ['nginx: master process /usr/sbin/nginx']]) {
      expect(serverCommand(wrapper), wrapper.join(' ')).toBeNull();
    }
  });

  it('a command line setproctitle replaced is a gunicorn whose flags are lost', () => {
    expect(serverCommand(['gunicorn: master [myapp.wsgi:application]'])).toMatchObject({ server: 'gunicorn', argv: ['gunicorn'], title: 'gunicorn: master [myapp.wsgi:application]' });
    expect(serverCommand(['gunicorn: worker [myapp]   '])).toMatchObject({ server: 'gunicorn', title: 'gunicorn: worker [myapp]' });
  });
});

describe('the environment as a dotenv file for the check', () => {
  it('every value dotenv reads back exactly, and only those', () => {
    const env = { WEB_CONCURRENCY: '3', GUNICORN_CMD_ARGS: `--threads 4 --name 'a b'`, QUOTES: `it's "x"`, HASH: 'a # b', SPACES: '  lead', NEWLINE: 'a\nb', ALL: `'"\``, LOST: `x\n'"\``, 'NOT-A-NAME': 'x' };
    const text = toDotenv(env);
    const back = parseDotenv(text);
    for (const [k, v] of Object.entries(back)) expect(v, k).toBe(env[k as keyof typeof env]);
    expect(Object.keys(back).sort()).toEqual(['ALL', 'GUNICORN_CMD_ARGS', 'HASH', 'NEWLINE', 'QUOTES', 'SPACES', 'WEB_CONCURRENCY']);
  });

  it('a report shows only the servers\' variables', () => {
    expect(serverVariables({ WEB_CONCURRENCY: '3', DATABASE_URL: 'postgres://u:secret@db/x', UVICORN_PORT: '80', PATH: '/bin' })).toEqual({ UVICORN_PORT: '80', WEB_CONCURRENCY: '3' });
  });
});

describe('cgroup limits of a process', () => {
  it('reads its own cgroup path, v2 then v1, the tightest on the way to the root', () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'tune-cgroup-'));
    try {
      // The layout of whatever hierarchy this test runs in, with limits of our own making.
      for (const g of parseCgroups(readFileSync('/proc/self/cgroup', 'utf8'))) {
        const put = (dir: string, name: string, text: string) => {
          mkdirSync(dir, { recursive: true });
          writeFileSync(path.join(dir, name), text);
        };
        if (g.controllers.length === 0) {
          put(root, 'memory.max', String(768 * MiB)); // the root's, looser (the same file when the process is in the root)
          put(path.join(root, g.path), 'memory.max', String(512 * MiB));
          put(path.join(root, g.path), 'cpu.max', '150000 100000');
        }
        if (g.controllers.includes('memory')) put(path.join(root, 'memory', g.path), 'memory.limit_in_bytes', String(512 * MiB));
        if (g.controllers.includes('cpu')) {
          put(path.join(root, g.controllers.join(','), g.path), 'cpu.cfs_quota_us', '150000');
          put(path.join(root, g.controllers.join(','), g.path), 'cpu.cfs_period_us', '100000');
        }
      }
      expect(processMemoryLimit(process.pid, root)).toMatchObject({ value: 512 * MiB });
      expect(processCpuLimit(process.pid, root)).toMatchObject({ value: 1.5 });
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
    expect(parseCgroups('12:memory:/docker/abc\n1:cpu,cpuacct:/docker/abc\n0::/system.slice/x.scope\n')).toEqual([
      { controllers: ['memory'], path: '/docker/abc' },
      { controllers: ['cpu', 'cpuacct'], path: '/docker/abc' },
      { controllers: [], path: '/system.slice/x.scope' },
    ]);
  });
});

const proc = (pid: number, role: ProcessFigures['role'], mib: { pss: number; uss: number; rss: number }, extra: Partial<ProcessFigures> = {}): ProcessFigures => ({
  pid, ppid: 1, role, cmdline: [], pssBytes: mib.pss * MiB, ussBytes: mib.uss * MiB, rssBytes: mib.rss * MiB, swapPssBytes: 0, rssPeakBytes: null, threads: 1, fds: 5, cpuSeconds: 0, ageSeconds: 60, clients: [], outbound: [], native: [], ...extra,
});

function snapshot(processes: ProcessFigures[], over: Partial<Snapshot> = {}): Snapshot {
  return { pid: 10, command: { server: 'gunicorn', argv: ['gunicorn'], parsed: { server: 'gunicorn', program: 'gunicorn', env: {}, settings: {}, args: [], unknownFlags: [], abbreviations: [], errors: [] } }, multiProcess: true, processes, listeners: [], takenAt: new Date('2026-01-02T03:04:05Z'), memoryReadMs: { total: 1, slowest: 1 }, ...over };
}

describe('the profile of what runs', () => {
  const snap = snapshot([proc(10, 'master', { pss: 15, uss: 9, rss: 29 }), proc(11, 'worker', { pss: 20, uss: 16, rss: 35 }), proc(12, 'worker', { pss: 22, uss: 18, rss: 37 })]);

  it('is calibrate\'s profile of the same figures, marked as read from a running server', () => {
    expect(runningProfile(snap, { workerClass: 'sync', app: 'app:app', preload: false })).toEqual({
      version: 1, workerClass: 'sync', app: 'app:app', measuredAt: '2026-01-02T03:04:05.000Z', masterBytes: 15 * MiB, workerBytes: 21 * MiB, measuredWorkers: 2, workerPrivateBytes: 17 * MiB, source: 'inspect',
    });
  });

  it('under preload: the preload figures measured, the base worker its RSS with nothing shared (an upper bound)', () => {
    expect(runningProfile(snap, { workerClass: 'sync', app: undefined, preload: true })).toMatchObject({
      masterBytes: 15 * MiB, workerBytes: 36 * MiB, workerPrivateBytes: 36 * MiB, preloadMasterBytes: 15 * MiB, preloadWorkerBytes: 21 * MiB, preloadWorkerPrivateBytes: 17 * MiB, measuredWorkers: 2,
    });
  });

  it('the schema stays backward compatible: old profiles read as before, source is optional and checked', () => {
    const old = { version: 1, workerClass: 'gthread', masterBytes: 15 * MiB, workerBytes: 21 * MiB };
    expect(parseProfile(old)).toEqual({ ok: true, profile: old });
    expect(parseProfile({ ...old, source: 'inspect' })).toMatchObject({ ok: true });
    expect(parseProfile({ ...old, source: 'calibrate' })).toMatchObject({ ok: true });
    expect(parseProfile({ ...old, source: 'guess' })).toMatchObject({ ok: false, error: expect.stringMatching(/^source: /) });
  });
});

describe('what runs against its configuration', () => {
  const config: RunningConfig = { files: [], cmd: '', labels: { cmdline: '/proc/10/cmdline', environ: '/proc/10/environ' }, configFile: { path: '/app/gunicorn.conf.py', changedAfterStartS: 120 } };
  const target = { name: 'pid 10', server: 'gunicorn', source: { file: '/proc/10/cmdline' }, settings: { workers: { value: 4, source: { file: '/app/gunicorn.conf.py', line: 1 }, via: 'config' as const } } };

  it('workers, the file changed since the start, queued connections, swap, preload', () => {
    const snap = snapshot([proc(10, 'master', { pss: 15, uss: 9, rss: 29 }), proc(11, 'worker', { pss: 20, uss: 16, rss: 35 }, { swapPssBytes: 2 * MiB })], { listeners: [{ address: '0.0.0.0:8000', queued: 3, heldBy: [10, 11] }] });
    expect(compare(snap, config, target, true)).toEqual([
      { code: 'CONFIG_CHANGED', severity: 'warning', args: { file: '/app/gunicorn.conf.py', seconds: 120 } },
      { code: 'WORKERS_DIFFER', severity: 'warning', args: { configured: 4, running: 1 }, file: '/app/gunicorn.conf.py' },
      { code: 'CONNECTIONS_QUEUED', severity: 'warning', args: { listener: '0.0.0.0:8000', queued: 3 } },
      { code: 'SWAPPED', severity: 'warning', args: { bytes: 2 * MiB } },
      { code: 'PRELOAD_UPPER_BOUND', severity: 'info', args: {} },
    ]);
  });

  it('a master without workers; a one-process uvicorn is its one worker', () => {
    expect(compare(snapshot([proc(10, 'master', { pss: 15, uss: 9, rss: 29 })]), { ...config, configFile: undefined }, undefined, false).map((f) => f.code)).toEqual(['NO_WORKERS']);
    const single = snapshot([proc(10, 'worker', { pss: 30, uss: 28, rss: 35 })], { multiProcess: false, command: { ...snapshot([]).command, server: 'uvicorn' } });
    expect(compare(single, { ...config, configFile: undefined }, { ...target, server: 'uvicorn', settings: {} }, false)).toEqual([]);
  });
});

describe('read-only by construction', () => {
  it('no code of inspect sends a signal, traces, or starts a process', () => {
    const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
    const files = [
      ...['compare', 'configuration', 'errors', 'findings', 'limits', 'locate', 'profile', 'run', 'snapshot'].map((f) => `src/inspect/${f}.ts`),
      ...['access', 'environ', 'maps', 'sockets', 'status'].map((f) => `src/proc/${f}.ts`),
      'src/cli/inspect-command.ts',
    ];
    for (const f of files) expect(readFileSync(path.join(root, f), 'utf8'), f).not.toMatch(/process\.kill|\.kill\(|ptrace\s*\(|PTRACE_ATTACH|child_process|process_vm_readv|\/mem\b/);
  });
});

describe('the server versions a process imports', () => {
  it('read from pip’s dist-info and Debian’s egg-info names', () => {
    expect(versionsInListing(['gunicorn', 'gunicorn-20.1.0.egg-info', 'waitress-2.1.2.dist-info', 'uvicorn-0.17.6-py3.11.egg-info', 'flask-2.2.2.dist-info'])).toEqual({ gunicorn: '20.1.0', waitress: '2.1.2', uvicorn: '0.17.6' });
    expect(versionsInListing(['gunicorn'])).toEqual({});
  });
  it('the folders sys.path would hold: PYTHONPATH, the virtualenv, the prefix, Debian’s dist-packages', () => {
    const dirs = siteFolders('/usr/bin/python3.11', '/srv/venv/bin/python3', { PYTHONPATH: '/app/lib' });
    expect(dirs[0]).toBe('/app/lib');
    expect(dirs.indexOf('/srv/venv/lib/python3.11/site-packages')).toBeLessThan(dirs.indexOf('/usr/lib/python3/dist-packages'));
    expect(dirs).toContain('/usr/local/lib/python3.11/site-packages');
  });
});
