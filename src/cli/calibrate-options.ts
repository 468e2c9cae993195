// The calibrate-only options: checked and given their defaults here, so a bad value is a usage error
// (exit 2) before anything is started.
import { statSync } from 'node:fs';
import path from 'node:path';
import type { CalibrateOptions } from '../calibrate/run.js';
import { UsageError } from './errors.js';


export const CALIBRATE_DEFAULTS = {
  // The fewest that separates master from worker and lets the preload share be solved (it needs N ≥ 2);
  // more only lengthens the run and competes for a small box's cores.
  workers: 2,
  // Long enough for the 10 ms CPU tick to be under 1 % of the CPU time of a loaded core, short enough
  // to run twice (with and without preload) in under half a minute.
  durationS: 5,
  // The load bench/memory measured the model's per-worker figures at (wrk -c64).
  concurrency: 64,
  path: '/',
  // A large Django app imports in 5–15 s; 30 s is also gunicorn's default worker timeout.
  startupTimeoutS: 30,
} as const;

const MAX_WORKERS = 64; // beyond what a measurement needs; a per-worker figure does not change with N
const MAX_DURATION_S = 600; // a measurement, not a soak test
// Each connection is a file descriptor of ours; the usual soft limit is 1024.
export const MAX_CONCURRENCY = 1000;
const MAX_STARTUP_S = 600;
const MAX_THREADS = 256;
const MAX_PATHS = 1000; // a mix written out request by request (100 a typical bench mix)

export function parseCalibrateOptions(opts: Record<string, unknown>, cwd = process.cwd()): CalibrateOptions {
  const format = String(opts.format ?? 'table');
  if (format !== 'table' && format !== 'json') throw new UsageError(`--format: must be table or json for calibrate (got "${format}")`);
  if (opts.force && !opts.save) throw new UsageError('--force only applies with --save');

  const appDir = path.resolve(cwd, typeof opts.appDir === 'string' ? opts.appDir : '.');
  let isDir = false;
  try {
    isDir = statSync(appDir).isDirectory();
  } catch {
    throw new UsageError(`--app-dir ${String(opts.appDir ?? '.')}: no such folder`);
  }
  if (!isDir) throw new UsageError(`--app-dir ${String(opts.appDir)}: not a folder`);

  // --path may be repeated: the requests go to each in turn, so a repeated path weighs more (the app's mix).
  const given = opts.path === undefined ? [] : Array.isArray(opts.path) ? opts.path.map(String) : [String(opts.path)];
  const paths = given.length ? given : [CALIBRATE_DEFAULTS.path];
  // A request target as node:http sends it: must start with / and hold no spaces or control characters.
  for (const p of paths) if (!/^\/[\x21-\x7e]*$/.test(p)) throw new UsageError(`--path: must start with / and contain no spaces (got "${p}")`);
  if (paths.length > MAX_PATHS) throw new UsageError(`--path: at most ${MAX_PATHS} paths (got ${paths.length})`);

  const out: CalibrateOptions = {
    appDir,
    workers: whole(opts.workers, '--workers', CALIBRATE_DEFAULTS.workers, MAX_WORKERS),
    workersGiven: opts.workers !== undefined,
    durationS: seconds(opts.duration, '--duration', CALIBRATE_DEFAULTS.durationS, 1, MAX_DURATION_S),
    concurrency: whole(opts.concurrency, '--concurrency', CALIBRATE_DEFAULTS.concurrency, MAX_CONCURRENCY),
    path: paths.join(' '),
    paths,
    startupTimeoutS: seconds(opts.startupTimeout, '--startup-timeout', CALIBRATE_DEFAULTS.startupTimeoutS, 0.1, MAX_STARTUP_S),
    // Default: the threads tune recommends for the input (calibrate-command fills it in).
    ...(opts.threads !== undefined ? { threads: whole(opts.threads, '--threads', 1, MAX_THREADS) } : {}),
    force: opts.force === true,
    format,
  };
  if (typeof opts.python === 'string') out.python = opts.python;
  if (typeof opts.save === 'string') out.save = opts.save;
  return out;
}

function number(v: unknown, flag: string): number {
  const s = String(v).trim();
  if (!/^(\d+(\.\d*)?|\.\d+)$/.test(s)) throw new UsageError(`${flag}: "${String(v)}" is not a number`);
  return Number(s);
}

function whole(v: unknown, flag: string, dflt: number, max: number): number {
  if (v === undefined) return dflt;
  const n = number(v, flag);
  if (!Number.isInteger(n) || n < 1 || n > max) throw new UsageError(`${flag}: must be a whole number from 1 to ${max} (got "${String(v)}")`);
  return n;
}

function seconds(v: unknown, flag: string, dflt: number, min: number, max: number): number {
  if (v === undefined) return dflt;
  const n = number(v, flag);
  if (n < min || n > max) throw new UsageError(`${flag}: must be from ${min} to ${max} seconds (got "${String(v)}")`);
  return n;
}
