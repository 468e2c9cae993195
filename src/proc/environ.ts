// A process's environment, working directory and files, as it sees them: /proc/PID/cwd and
// /proc/PID/root reach into its mount namespace (a container's files from the host).
import path from 'node:path';
import { readProcFile, readProcLink, type ProcRead } from './access.js';

/** NAME=value entries of /proc/PID/environ (NUL-separated; the first `=` ends the name). (Pure.) */
export function parseEnviron(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const entry of text.split('\0')) {
    const i = entry.indexOf('=');
    if (i > 0) out[entry.slice(0, i)] = entry.slice(i + 1);
  }
  return out;
}

/** The environment the process was started with (a process's own later setenv is not visible). */
export function readEnviron(pid: number): ProcRead<Record<string, string>> {
  const r = readProcFile(pid, 'environ');
  return r.ok ? { ok: true, value: parseEnviron(r.value) } : r;
}

export const readCwd = (pid: number): ProcRead<string> => readProcLink(pid, 'cwd');

/**
 * Where we read a file the process names: a relative path from its working directory, an absolute one
 * under its root (both magic links, so they reach a container's filesystem). (Pure.)
 */
export function pathInProcess(pid: number, file: string): string {
  return path.isAbsolute(file) ? `/proc/${pid}/root${path.posix.normalize(file)}` : `/proc/${pid}/cwd/${file}`;
}
