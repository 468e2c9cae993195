// Child processes with a small, fixed environment (PATH=/usr/bin:/bin, HOME, LANG) plus what the test
// passes, so WEB_CONCURRENCY, GUNICORN_CMD_ARGS, PORT or UVICORN_* from the developer's shell never
// leak into a result; and servers started in their own process group on 127.0.0.1, always stopped
// (group SIGTERM, then SIGKILL) with a time limit, also when the test process exits.
import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import { groupMembers } from '../../src/proc/index.js';

/** The fixed environment every child starts from. */
export function baseEnv(extra: Record<string, string> = {}): Record<string, string> {
  return {
    PATH: '/usr/bin:/bin',
    HOME: os.tmpdir(),
    LANG: 'C.UTF-8',
    PYTHONDONTWRITEBYTECODE: '1',
    PYTHONUNBUFFERED: '1',
    ...extra,
  };
}

export interface Ran {
  rc: number;
  stdout: string;
  stderr: string;
}

/** Run a command to completion (killed after timeoutMs; rc is -1 then, or when it could not start). */
export function run(cmd: string, args: string[], opts: { cwd: string; env?: Record<string, string>; input?: string; timeoutMs?: number }): Ran {
  const r = spawnSync(cmd, args, {
    cwd: opts.cwd,
    env: baseEnv(opts.env),
    encoding: 'utf8',
    input: opts.input,
    timeout: opts.timeoutMs ?? 30_000,
    killSignal: 'SIGKILL',
    maxBuffer: 16 * 1024 * 1024,
  });
  let stderr = r.stderr ?? '';
  if (r.error) stderr += `${stderr ? '\n' : ''}${(r.error as NodeJS.ErrnoException).code === 'ETIMEDOUT' ? `timed out after ${opts.timeoutMs ?? 30_000} ms` : r.error.message}`;
  return { rc: r.status ?? -1, stdout: r.stdout ?? '', stderr };
}

/** A free TCP port on 127.0.0.1 (the kernel's choice; there is a small race until the server binds it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.once('error', reject);
    srv.listen({ port: 0, host: '127.0.0.1', exclusive: true }, () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

// Process groups still running; killed if the test process exits before a helper stopped them.
const liveGroups = new Set<number>();
let exitHookInstalled = false;
function trackGroup(pgid: number): void {
  liveGroups.add(pgid);
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.on('exit', () => {
      for (const g of liveGroups) killGroup(g, 'SIGKILL');
    });
  }
}
function killGroup(pgid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(-pgid, sig);
  } catch {
    /* group already gone */
  }
}
function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Non-zombie processes in group `pgid` (src/proc). */
export function groupProcessCount(pgid: number): number {
  return groupMembers(pgid).length;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Stop a process group: SIGTERM, then SIGKILL after `graceMs`, and wait (bounded) until it is gone. */
async function stopGroup(child: ChildProcess, graceMs = 2000): Promise<void> {
  const pgid = child.pid;
  if (pgid === undefined) return;
  killGroup(pgid, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (groupAlive(pgid) && groupProcessCount(pgid) > 0 && Date.now() < deadline) await sleep(50);
  if (groupProcessCount(pgid) > 0 || child.exitCode === null) killGroup(pgid, 'SIGKILL');
  const hard = Date.now() + 3000;
  while (child.exitCode === null && child.signalCode === null && Date.now() < hard) await sleep(20);
  liveGroups.delete(pgid);
}

export interface StartedResponse {
  /** HTTP status of GET path, 0 when the server never answered. */
  status: number;
  body: string;
  stdout: string;
  stderr: string;
  /** Exit code if the server exited by itself before answering, else null. */
  exitedEarly: number | null;
  /** Live processes in the server's group after it answered (+ settleMs): master + workers. */
  processes: number;
  port: number;
  /** Process group id of the server (gone when the helper returns: see groupProcessCount). */
  pgid: number;
  /** The argv actually run (after the command). */
  args: string[];
}

/**
 * Start `cmd args` in its own process group, poll GET http://127.0.0.1:port{path} until it answers
 * (or the server exits, or timeoutMs passes), and always stop the whole group.
 */
export async function startAndRequest(opts: {
  cmd: string;
  args: string[];
  port: number;
  cwd: string;
  env?: Record<string, string>;
  path?: string;
  timeoutMs?: number;
  settleMs?: number;
}): Promise<StartedResponse> {
  const timeoutMs = opts.timeoutMs ?? 20_000;
  const child = spawn(opts.cmd, opts.args, { cwd: opts.cwd, env: baseEnv(opts.env), detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  if (child.pid !== undefined) trackGroup(child.pid);
  let stdout = '';
  let stderr = '';
  const cap = (s: string, d: Buffer) => (s + d.toString()).slice(-64 * 1024);
  child.stdout!.on('data', (d: Buffer) => (stdout = cap(stdout, d)));
  child.stderr!.on('data', (d: Buffer) => (stderr = cap(stderr, d)));
  const spawnError = new Promise<Error>((resolve) => child.once('error', resolve));
  let failedToStart: Error | undefined;
  void spawnError.then((e) => (failedToStart = e));

  const base = { port: opts.port, args: opts.args, pgid: child.pid ?? -1 };
  try {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (failedToStart) return { ...base, status: 0, body: '', stdout, stderr: `${stderr}${failedToStart.message}`, exitedEarly: -1, processes: 0 };
      if (child.exitCode !== null || child.signalCode !== null) break;
      try {
        const res = await fetch(`http://127.0.0.1:${opts.port}${opts.path ?? '/'}`, { signal: AbortSignal.timeout(Math.min(2000, Math.max(100, deadline - Date.now()))) });
        const body = await res.text();
        if (opts.settleMs ?? 300) await sleep(opts.settleMs ?? 300);
        return { ...base, status: res.status, body, stdout, stderr, exitedEarly: null, processes: child.pid ? groupProcessCount(child.pid) : 0 };
      } catch {
        await sleep(150);
      }
    }
    // Give the pipes a moment to deliver the last words of a server that exited.
    await sleep(100);
    return { ...base, status: 0, body: '', stdout, stderr, exitedEarly: child.exitCode ?? (child.signalCode ? -1 : null), processes: 0 };
  } finally {
    await stopGroup(child);
  }
}

/** A server that lost the race for its free port says this; the helpers retry on another. */
export const ADDR_IN_USE = /address already in use|Errno 98/i;

/** Live processes whose environment carries `name=value`: what a test's servers left behind. */
export function processesMarked(name: string, value: string): number[] {
  const found: number[] = [];
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      if (readFileSync(`/proc/${pid}/environ`, 'utf8').includes(`${name}=${value}`)) found.push(Number(pid));
    } catch {
      /* gone, or not ours */
    }
  }
  return found;
}

