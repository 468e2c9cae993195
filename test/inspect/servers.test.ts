// tune inspect against real servers started here (Debian's gunicorn 20.1, uvicorn 0.17, waitress 2.1
// under /usr/bin/python3), with clients holding connections open: what it reads is compared with what
// /proc says at the same moment and with what the tests did, and nothing it does reaches the server.
import { randomUUID } from 'node:crypto';
import { readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { runInspect } from '../../src/cli/inspect-command.js';
import type { Io } from '../../src/cli/io.js';
import { parseProfile } from '../../src/core/profile.js';
import { resolveSituation } from '../../src/cli/resolve.js';
import { withProfile } from '../../src/core/input.js';
import { inspect, type InspectResult } from '../../src/inspect/run.js';
import { children, readStatus, smapsRollup } from '../../src/proc/index.js';
import { GUNICORN, have, makeAppDir, PYTHON, removeDir, WAITRESS_SERVE } from '../helpers/real-servers.js';
import { tune } from '../cli/run.js';
import { holdConnections, leftovers, startServer, type Running } from './running.js';

const APPS = fileURLToPath(new URL('../fixtures/apps', import.meta.url));
const MiB = 1024 * 1024;
const mark = randomUUID();
const started: Running[] = [];
const dirs: string[] = [];

afterAll(async () => {
  await Promise.all(started.map((s) => s.stop()));
  for (const d of dirs) removeDir(d);
  expect(leftovers(mark)).toEqual([]);
});

async function serve(cmd: string, args: string[], opts: { cwd?: string; env?: Record<string, string>; descendants?: number } = {}): Promise<Running> {
  const s = await startServer({ cmd, args, cwd: opts.cwd ?? APPS, mark, ...(opts.env ? { env: opts.env } : {}), ...(opts.descendants ? { descendants: opts.descendants } : {}) });
  started.push(s);
  return s;
}

/** inspect() as the CLI calls it, judged on a 2-CPU, `mem` machine. */
function inspectPid(pid: number, mem = '1g'): InspectResult {
  const situation = (_: number, profile?: Parameters<typeof withProfile>[1]) => {
    const { input } = resolveSituation({ flags: { cpus: '2', mem }, env: {} });
    return profile ? withProfile(input, profile) : input;
  };
  return inspect({ pid, situation });
}

/** runInspect in-process: exit code and output (a UsageError is exit 2, as the CLI makes it). */
async function runCli(opts: Record<string, unknown>): Promise<{ code: number; stdout: string; stderr: string }> {
  const out: string[] = [];
  const io: Io = { out: (t) => void out.push(t), err: () => {}, env: { NO_COLOR: '1' }, isTTY: false };
  try {
    return { code: await runInspect(opts, io), stdout: out.join(''), stderr: '' };
  } catch (e) {
    return { code: 2, stdout: out.join(''), stderr: (e as Error).message };
  }
}

/** Each process's PSS read now from /proc beside what inspect read: both in MiB. */
function pssNow(r: InspectResult): { pid: number; inspected: number; now: number }[] {
  return r.snapshot.processes.map((p) => ({ pid: p.pid, inspected: p.pssBytes / MiB, now: (smapsRollup(p.pid)?.Pss ?? 0) / MiB }));
}

// An idle server's PSS moves by a few pages between two reads (a timer, a heartbeat's allocation).
const PSS_TOLERANCE_MIB = 0.5;

// Long: one real server inspected from every side.
describe.skipIf(!have.gunicorn || !have.flask)('gunicorn', () => {
  it('gthread, 2 workers × 4 threads, 3 keep-alive clients: roles, PSS as /proc says, threads, clients, profile', async () => {
    const s = await serve(GUNICORN, ['-w', '2', '-k', 'gthread', '--threads', '4', '--keep-alive', '60', '-b', '127.0.0.1:{port}', 'flask_app:app'], { descendants: 2 });
    const held = await holdConnections(s.port, 3);
    try {
      const workersBefore = children(s.pid).map((c) => c.pid);
      const r = inspectPid(s.pid);
      const now = pssNow(r);
      const threadsNow = r.snapshot.processes.map((p) => readStatus(p.pid)?.threads);
      console.log(`gunicorn gthread PSS inspected vs /proc (MiB): ${JSON.stringify(now.map((x) => [x.inspected.toFixed(3), x.now.toFixed(3)]))}; memory read ${JSON.stringify(r.snapshot.memoryReadMs)}`);

      expect(r.snapshot.pid).toBe(s.pid);
      expect(r.check.targets[0]).toMatchObject({ server: 'gunicorn', workerClass: 'gthread' });
      expect(r.check.targets[0]!.settings).toMatchObject({ workers: { value: 2, via: 'cli' }, threads: { value: 4 } });
      expect(r.snapshot.processes.map((p) => [p.pid, p.role])).toEqual([[s.pid, 'master'], ...workersBefore.map((w) => [w, 'worker'])]);
      for (const x of now) expect(Math.abs(x.inspected - x.now), `pid ${x.pid}`).toBeLessThan(PSS_TOLERANCE_MIB);
      expect(r.snapshot.processes.map((p) => p.threads)).toEqual(threadsNow);

      // The three clients, by the ports they connect from, and nothing else.
      const peers = r.snapshot.processes.flatMap((p) => p.clients.map((c) => Number(c.peer.split(':').at(-1))));
      expect(peers.sort()).toEqual([...held.ports].sort());
      expect(r.snapshot.processes.find((p) => p.role === 'master')!.clients).toEqual([]);
      expect(r.snapshot.listeners).toEqual([{ address: `127.0.0.1:${s.port}`, queued: 0, heldBy: [s.pid, ...workersBefore] }]);

      const master = r.snapshot.processes[0]!;
      const workers = r.snapshot.processes.slice(1);
      expect(r.profile).toMatchObject({ version: 1, source: 'inspect', workerClass: 'gthread', app: 'flask_app:app', masterBytes: master.pssBytes, measuredWorkers: 2 });
      expect(r.profile!.workerBytes).toBe(Math.round((workers[0]!.pssBytes + workers[1]!.pssBytes) / 2));
      expect(r.profile!.workerPrivateBytes).toBe(Math.round((workers[0]!.ussBytes + workers[1]!.ussBytes) / 2));
      expect(r.findings.map((f) => f.code)).toEqual([]);
      expect(r.check.targets[0]!.memory!.perWorkerSource).toBe('profile');

      // Nothing reached the server: the same workers, none restarted, none traced.
      expect(children(s.pid).map((c) => c.pid)).toEqual(workersBefore);
      for (const p of [s.pid, ...workersBefore]) expect(readFileSync(`/proc/${p}/status`, 'utf8')).toMatch(/^TracerPid:\s+0$/m);
    } finally {
      held.close();
    }
  });

  it('the saved profile is accepted by tune --profile, and --pid of a worker inspects its master', async () => {
    const s = await serve(GUNICORN, ['-w', '2', '-k', 'gthread', '-b', '127.0.0.1:{port}', 'flask_app:app'], { descendants: 2 });
    const dir = makeAppDir();
    dirs.push(dir);
    const file = path.join(dir, 'running.json');
    const worker = children(s.pid)[0]!.pid;
    const r = await runCli({ pid: String(worker), save: file, cpus: '2', mem: '1g', format: 'json' });
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout) as { pid: number; savedTo: string; profile: unknown };
    expect(doc).toMatchObject({ pid: s.pid, savedTo: file });
    const saved = JSON.parse(readFileSync(file, 'utf8')) as unknown;
    expect(saved).toEqual(doc.profile);
    expect(parseProfile(saved).ok).toBe(true);

    const rec = tune(['--profile', file, '--cpus', '2', '--mem', '1g', '--class', 'gthread', '--format', 'json']);
    expect(rec.status, rec.stderr).toBe(0);
    expect(JSON.parse(rec.stdout)).toMatchObject({ memory: { perWorkerSource: 'profile' } });
  });

  it('a unix socket beside the TCP one: both listeners, and the clients of each', async () => {
    const dir = makeAppDir();
    dirs.push(dir);
    const sock = path.join(dir, 'gunicorn.sock');
    const s = await serve(GUNICORN, ['-w', '2', '-k', 'gthread', '--keep-alive', '60', '-b', '127.0.0.1:{port}', '-b', `unix:${sock}`, 'flask_app:app'], { cwd: dir, descendants: 2 });
    const [onUnix, onTcp] = [await holdConnections(sock, 2), await holdConnections(s.port, 1)];
    try {
      const r = inspectPid(s.pid);
      expect(r.snapshot.listeners.map((l) => [l.address, l.queued])).toEqual([[`127.0.0.1:${s.port}`, 0], [`unix:${sock}`, null]]);
      const peers = r.snapshot.processes.flatMap((p) => p.clients.map((c) => c.peer)).sort();
      expect(peers).toEqual([`127.0.0.1:${onTcp.ports[0]}`, `unix:${sock}`, `unix:${sock}`]);
    } finally {
      onUnix.close();
      onTcp.close();
    }
  });

  it('a config file deleted since the start: said once, as unreadable, not as a file to pass to tune check', async () => {
    const dir = makeAppDir();
    dirs.push(dir);
    writeFileSync(path.join(dir, 'conf.py'), 'workers = 2\n');
    const s = await serve(GUNICORN, ['-c', 'conf.py', '-b', '127.0.0.1:{port}', 'flask_app:app'], { cwd: dir, descendants: 2 });
    rmSync(path.join(dir, 'conf.py'));
    const r = inspectPid(s.pid);
    expect(r.config.configFile).toEqual({ path: path.join(dir, 'conf.py'), unreadable: 'no such file' });
    expect(r.findings).toEqual([{ code: 'CONFIG_UNREADABLE', severity: 'warning', args: { file: path.join(dir, 'conf.py'), reason: 'no such file' } }]);
    expect(r.check.findings.map((f) => f.code)).not.toContain('CONFIG_NOT_FOUND');
    expect(r.snapshot.processes.filter((p) => p.role === 'worker')).toHaveLength(2);
  });

  it('a deliberately bad configuration: a typo, too many workers for the budget, the file changed since, a connection queued', async () => {
    const dir = makeAppDir();
    dirs.push(dir);
    const conf = path.join(dir, 'gunicorn.conf.py');
    writeFileSync(conf, 'workers = 2\nworker_class = "sync"\nthread = 4  # a typo: gunicorn ignores it\n');
    const s = await serve(GUNICORN, ['-b', '127.0.0.1:{port}', 'flask_app:app'], { cwd: dir, descendants: 2 });
    // Two idle clients block the two sync workers (each waits for a request); the third waits in the queue.
    const held = await holdConnections(s.port, 3, false);
    try {
      // The file says 5 workers now; the server runs what it loaded, 2.
      writeFileSync(conf, 'workers = 5\nworker_class = "sync"\nthread = 4  # a typo: gunicorn ignores it\n');
      const later = new Date(Date.now() + 60_000);
      utimesSync(conf, later, later);
      await waitFor(() => inspectPid(s.pid).snapshot.listeners[0]?.queued === 1);
      const r = await runCli({ pid: String(s.pid), cpus: '2', mem: '64m', format: 'json' });
      expect(r.code, r.stderr).toBe(1);
      const doc = JSON.parse(r.stdout) as { configFile: { path: string }; check: { findings: { code: string; file?: string }[] }; findings: { code: string; args: Record<string, unknown> }[]; totals: { clients: number } };
      expect(doc.configFile.path).toBe(conf);
      const checkCodes = doc.check.findings.map((f) => f.code);
      expect(checkCodes).toContain('UNKNOWN_SETTING');
      expect(checkCodes).toContain('DOES_NOT_FIT'); // 5 measured workers of ~20 MiB in 64 MiB less headroom
      expect(doc.check.findings.find((f) => f.code === 'UNKNOWN_SETTING')!.file).toBe(conf);
      const codes = Object.fromEntries(doc.findings.map((f) => [f.code, f.args]));
      expect(codes.WORKERS_DIFFER).toEqual({ configured: 5, running: 2 });
      expect(codes.CONFIG_CHANGED).toMatchObject({ file: conf });
      expect(codes.CONNECTIONS_QUEUED).toEqual({ listener: `127.0.0.1:${s.port}`, queued: 1 });
      expect(doc.totals.clients).toBe(2);
    } finally {
      held.close();
    }
  });
});

describe.skipIf(!have.uvicorn || !have.fastapi)('uvicorn', () => {
  it('--workers 2 with UVICORN_TIMEOUT_KEEP_ALIVE from its environment: supervisor, resource_tracker, workers, uvloop, clients', async () => {
    const s = await serve(PYTHON, ['-m', 'uvicorn', '--workers', '2', '--host', '127.0.0.1', '--port', '{port}', 'fastapi_app:app'], { env: { UVICORN_TIMEOUT_KEEP_ALIVE: '60' }, descendants: 3 });
    const held = await holdConnections(s.port, 2);
    try {
      const r = inspectPid(s.pid);
      const now = pssNow(r);
      console.log(`uvicorn PSS inspected vs /proc (MiB): ${JSON.stringify(now.map((x) => [x.inspected.toFixed(3), x.now.toFixed(3)]))}`);
      for (const x of now) expect(Math.abs(x.inspected - x.now), `pid ${x.pid}`).toBeLessThan(PSS_TOLERANCE_MIB);
      const roles = r.snapshot.processes.map((p) => p.role);
      expect(roles.filter((x) => x === 'worker')).toHaveLength(2);
      expect(roles.filter((x) => x === 'helper')).toHaveLength(1);
      const helper = r.snapshot.processes.find((p) => p.role === 'helper')!;
      expect(helper.cmdline.join(' ')).toContain('resource_tracker');
      expect(r.check.targets[0]).toMatchObject({ workerClass: 'uvicorn', settings: { workers: { value: 2 }, timeout_keep_alive: { value: 60, via: 'env', source: { file: `/proc/${s.pid}/environ` } } } });
      expect(r.profile).toMatchObject({ workerClass: 'uvicorn', measuredWorkers: 2, extraBytes: helper.pssBytes });
      // Debian's uvicorn finds uvloop and httptools; the check's "only where installed" note is answered.
      for (const w of r.snapshot.processes.filter((p) => p.role === 'worker')) expect(w.native).toEqual(['httptools', 'uvloop']);
      expect(r.check.findings.map((f) => f.code)).not.toContain('UVICORN_NEEDS_UVLOOP');
      expect(r.snapshot.processes.reduce((n, p) => n + p.clients.length, 0)).toBe(2);
    } finally {
      held.close();
    }
  });

  it('without --workers: one process, which is the worker; no master figure', async () => {
    const s = await serve(PYTHON, ['-m', 'uvicorn', '--host', '127.0.0.1', '--port', '{port}', 'fastapi_app:app']);
    const r = inspectPid(s.pid);
    expect(r.snapshot).toMatchObject({ multiProcess: false, processes: [{ pid: s.pid, role: 'worker' }] });
    expect(r.profile).toMatchObject({ workerClass: 'uvicorn', masterBytes: 0, workerBytes: r.snapshot.processes[0]!.pssBytes });
    expect(r.findings).toEqual([]);
  });
});

describe.skipIf(!have.waitress || !have.flask)('waitress', () => {
  it('one process with its 8 threads and 2 clients; a single-process profile', async () => {
    const s = await serve(WAITRESS_SERVE, ['--listen=127.0.0.1:{port}', '--threads=8', 'flask_app:app']);
    const held = await holdConnections(s.port, 2);
    try {
      const r = inspectPid(s.pid);
      const [p] = r.snapshot.processes;
      expect(r.snapshot.processes).toHaveLength(1);
      expect(Math.abs(p!.pssBytes - smapsRollup(s.pid)!.Pss!) / MiB).toBeLessThan(PSS_TOLERANCE_MIB);
      // waitress starts its threads up front: 8 and the main thread (measurements: threads=4 → 5).
      expect(p!.threads).toBe(9);
      expect(p!.clients.map((c) => Number(c.peer.split(':').at(-1))).sort()).toEqual([...held.ports].sort());
      expect(r.check.targets[0]).toMatchObject({ workerClass: 'waitress', settings: { threads: { value: 8 } } });
      expect(r.profile).toMatchObject({ workerClass: 'waitress', masterBytes: 0, workerBytes: p!.pssBytes });
      expect(r.profile!.measuredWorkers).toBeUndefined();
    } finally {
      held.close();
    }
  });
});

async function waitFor(ok: () => boolean, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > deadline) throw new Error('condition not reached');
    await new Promise((r) => setTimeout(r, 100));
  }
}
