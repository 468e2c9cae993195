// tune inspect in a new PID namespace, as in a container: the server is PID 1 (or runs under a shell
// that is), and the inspection runs inside the namespace (nsenter) with its default --pid 1, and from
// the host by the host's pid. `unshare --pid --fork --mount-proc` needs root (or a user namespace):
// locally the test is skipped without it; under CI it must run, so it fails instead.
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { children, readProc, smapsRollup } from '../../src/proc/index.js';
import { GUNICORN, have, makeAppDir, removeDir } from '../helpers/real-servers.js';
import { BIN, tune } from '../cli/run.js';
import { leftovers, startServer, type Running } from './running.js';

const APPS = fileURLToPath(new URL('../fixtures/apps', import.meta.url));
const MiB = 1024 * 1024;
const mark = randomUUID();
const started: Running[] = [];
const root = process.getuid?.() === 0;
// Without root, a user namespace in which we are root (where the kernel allows unprivileged ones).
const UNSHARE = [...(root ? [] : ['--user', '--map-root-user']), '--pid', '--fork', '--mount-proc'];
const canUnshare = spawnSync('unshare', [...UNSHARE, 'true'], { timeout: 10_000 }).status === 0;

const dirs: string[] = [];

afterAll(async () => {
  await Promise.all(started.map((s) => s.stop()));
  for (const d of dirs) removeDir(d);
  expect(leftovers(mark)).toEqual([]);
});

/** Run the built tune inside the namespace whose init is host pid `init`: its /proc, its pids. */
function tuneInside(init: number, args: string[]): { status: number; stdout: string; stderr: string } {
  const r = spawnSync('nsenter', ['--target', String(init), ...(root ? [] : ['--user']), '--pid', '--mount', '--', process.execPath, BIN, ...args], { encoding: 'utf8', timeout: 30_000, env: { PATH: '/usr/bin:/bin', NO_COLOR: '1' } });
  return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr + (r.error ? r.error.message : '') };
}

/** Host pid → its pid in the innermost namespace (the last NSpid field). */
function innerPid(hostPid: number): number {
  return Number(/^NSpid:\s+(.*)$/m.exec(readProc(hostPid, 'status') ?? '')?.[1]?.trim().split(/\s+/).at(-1));
}

interface Doc {
  pid: number;
  server: string;
  workerClass: string;
  processes: { pid: number; role: string; pssBytes: number; cmdline: string[] }[];
  totals: { workers: number };
  profile: { measuredWorkers: number; source: string };
  configFile: unknown;
  check: { targets: { settings: Record<string, { value: unknown; via: string }> }[] };
}

const inCi = Boolean(process.env.CI);

describe.skipIf((!canUnshare || !have.gunicorn) && !inCi)('in a new PID namespace', () => {
  it('gunicorn as PID 1: inspected inside with the default --pid 1, and from the host by its host pid', async () => {
    expect(canUnshare, `unshare ${UNSHARE.join(' ')} is not available`).toBe(true);
    const s = await startServer({ cmd: 'unshare', args: [...UNSHARE, GUNICORN, '-w', '2', '-k', 'gthread', '-b', '127.0.0.1:{port}', 'flask_app:app'], cwd: APPS, mark, descendants: 3 });
    started.push(s);
    const init = children(s.pid)[0]!.pid; // the namespace's PID 1, seen from the host
    const hostWorkers = children(init).map((c) => c.pid);
    expect(innerPid(init)).toBe(1);

    const inside = tuneInside(init, ['inspect', '--format', 'json', '--cpus', '2', '--mem', '1g']);
    expect(inside.status, inside.stderr).toBe(0);
    const doc = JSON.parse(inside.stdout) as Doc;
    expect(doc).toMatchObject({ pid: 1, server: 'gunicorn', workerClass: 'gthread', totals: { workers: 2 }, profile: { measuredWorkers: 2, source: 'inspect' } });
    expect(doc.processes.map((p) => p.pid).sort()).toEqual([1, ...hostWorkers.map(innerPid)].sort());
    // The same processes read from the host at once: the same PSS.
    for (const hostPid of [init, ...hostWorkers]) {
      const p = doc.processes.find((x) => x.pid === innerPid(hostPid))!;
      const now = smapsRollup(hostPid)!.Pss!;
      console.log(`namespace pid ${p.pid} (host ${hostPid}) ${p.role}: PSS inside ${(p.pssBytes / MiB).toFixed(3)} MiB, host /proc now ${(now / MiB).toFixed(3)} MiB`);
      expect(Math.abs(p.pssBytes - now) / MiB).toBeLessThan(0.5);
    }

    // From the host, by the host pid of PID 1, and by the unshare process above it.
    for (const pid of [init, s.pid]) {
      const host = tune(['inspect', '--pid', String(pid), '--format', 'json', '--cpus', '2', '--mem', '1g']);
      expect(host.status, host.stderr).toBe(0);
      const h = JSON.parse(host.stdout) as Doc;
      expect(h).toMatchObject({ pid: init, totals: { workers: 2 } });
      expect(h.processes.map((p) => p.pid).sort()).toEqual([init, ...hostWorkers].sort());
    }
  });

  it('a shell as PID 1 with gunicorn below it: the default --pid 1 finds the server in its tree', async () => {
    expect(canUnshare, `unshare ${UNSHARE.join(' ')} is not available`).toBe(true);
    // The worker count comes from ./gunicorn.conf.py in the server's working directory.
    const dir = makeAppDir();
    dirs.push(dir);
    writeFileSync(path.join(dir, 'gunicorn.conf.py'), 'workers = 2\n');
    const script = `${GUNICORN} -b 127.0.0.1:{port} flask_app:app & wait`;
    const s = await startServer({ cmd: 'unshare', args: [...UNSHARE, 'sh', '-c', script], cwd: dir, mark, descendants: 4 });
    started.push(s);
    const init = children(s.pid)[0]!.pid;
    const master = children(init)[0]!.pid;
    expect(readProc(init, 'cmdline')?.split('\0')[0]).toBe('sh');

    const inside = tuneInside(init, ['inspect', '--format', 'json', '--cpus', '2', '--mem', '1g']);
    expect(inside.status, inside.stderr).toBe(0);
    const doc = JSON.parse(inside.stdout) as Doc;
    expect(doc).toMatchObject({ pid: innerPid(master), server: 'gunicorn', workerClass: 'sync', totals: { workers: 2 } });
    expect(doc.processes.map((p) => p.role)).toEqual(['master', 'worker', 'worker']);
    expect(doc.configFile).toEqual({ path: path.join(dir, 'gunicorn.conf.py') });
    expect(doc.check.targets[0]!.settings.workers).toMatchObject({ value: 2, via: 'config' });
  });
});
