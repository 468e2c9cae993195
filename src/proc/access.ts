// Reading another process's /proc files, telling a process that is gone from one we may not read:
// environ, smaps_rollup and fd/ need ptrace *read* access (proc(5): "PTRACE_MODE_READ_FSCREDS"), which
// is a permission check only; nothing attaches to, stops or signals the process.
import { readFileSync, readlinkSync, readdirSync } from 'node:fs';

export type ProcProblem = 'missing' | 'denied' | 'other';

export type ProcRead<T> = { ok: true; value: T } | { ok: false; problem: ProcProblem; message: string };

function problemOf(e: unknown): { problem: ProcProblem; message: string } {
  const code = (e as NodeJS.ErrnoException).code;
  const problem: ProcProblem = code === 'ENOENT' || code === 'ESRCH' ? 'missing' : code === 'EACCES' || code === 'EPERM' ? 'denied' : 'other';
  return { problem, message: code ?? (e as Error).message };
}

function attempt<T>(f: () => T): ProcRead<T> {
  try {
    return { ok: true, value: f() };
  } catch (e) {
    return { ok: false, ...problemOf(e) };
  }
}

/** Text of /proc/PID/<name>, or why it cannot be read. */
export const readProcFile = (pid: number, name: string): ProcRead<string> => attempt(() => readFileSync(`/proc/${pid}/${name}`, 'utf8'));

/** Target of the /proc/PID/<name> link (cwd, exe, ns/net, fd/N), or why it cannot be read. */
export const readProcLink = (pid: number, name: string): ProcRead<string> => attempt(() => readlinkSync(`/proc/${pid}/${name}`));

/** Entries of /proc/PID/<dir> (fd, task), or why they cannot be listed. */
export const listProcDir = (pid: number, dir: string): ProcRead<string[]> => attempt(() => readdirSync(`/proc/${pid}/${dir}`));

/** Whether /proc is mounted with hidepid (other users' processes are invisible, not merely unreadable). (Reads mountinfo.) */
export function procHidesPids(mountinfo = readOr('/proc/self/mountinfo')): boolean {
  return mountinfo.split('\n').some((l) => / \/proc .* - proc /.test(l) && /hidepid=(?!0\b|off\b)/.test(l));
}

function readOr(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}
