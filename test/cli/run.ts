// Runs the built binary the way a user does: a real process, real stdout/stderr and exit code.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const BIN = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dist/bin/tune.cjs');

export interface Run {
  status: number;
  stdout: string;
  stderr: string;
}

export function tune(args: string[], opts: { env?: Record<string, string>; cwd?: string; input?: string; timeoutMs?: number } = {}): Run {
  // A clean environment: no TUNE_* from the developer's shell, no colour unless a test asks.
  const base: Record<string, string> = { PATH: process.env.PATH ?? '', NO_COLOR: '1', HOME: process.env.HOME ?? '/tmp' };
  const r = spawnSync(process.execPath, [BIN, ...args], {
    env: { ...base, ...opts.env },
    cwd: opts.cwd ?? process.cwd(),
    input: opts.input ?? '',
    encoding: 'utf8',
    timeout: opts.timeoutMs ?? 30_000,
  });
  return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** A stack trace looks like "    at fn (file:line:col)". */
export const STACK = /^\s+at .+:\d+:\d+\)?$/m;
