// Server command lines: tune's recommendation (its JSON) turned into the real server's argv, as
// bench/quality.mjs does, with the flags tune itself renders.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PY } from './apps.mjs';
import { argsFromSettings } from '../quality/commands.mjs';

const BENCH_DIR = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const ROOT = path.dirname(BENCH_DIR);
const GCFREEZE = path.join(BENCH_DIR, 'apps', 'gcfreeze.conf.py');
const GUNICORN = '/usr/bin/gunicorn';
const WAITRESS = '/usr/bin/waitress-serve';

/** { server, app, args } (args without the bind) for tune's JSON recommendation `rec`: the flags tune emits (bench/quality/commands.mjs). */
export async function specFromRecommendation(rec, app) {
  const args = (await argsFromSettings(rec)).map((a) => (a === 'gcfreeze.conf.py' ? GCFREEZE : a));
  return { server: rec.server, app, args };
}

/** `spec` with paths inside the repository made relative to its root, for committed results. */
export function portableSpec(spec) {
  return { ...spec, args: spec.args.map((a) => (a.startsWith(ROOT + path.sep) ? path.relative(ROOT, a) : a)) };
}

/** One process serves (waitress; uvicorn without --workers or with 1): it is the worker. */
export function isSingleProcess(spec) {
  if (spec.server === 'waitress') return true;
  if (spec.server !== 'uvicorn') return false;
  const i = spec.args.findIndex((a) => a === '--workers' || a.startsWith('--workers='));
  if (i < 0) return true;
  const n = Number(spec.args[i].includes('=') ? spec.args[i].split('=')[1] : spec.args[i + 1]);
  return !(n > 1);
}

/** Worker processes the spec starts. */
export function workerCount(spec) {
  if (isSingleProcess(spec)) return 1;
  const i = spec.args.findIndex((a) => a === '--workers' || a === '-w' || a.startsWith('--workers='));
  return Number(spec.args[i].includes('=') ? spec.args[i].split('=')[1] : spec.args[i + 1]);
}

/** { cmd, args(port) } that start `spec` on 127.0.0.1:port with access logs off. */
export function commandOf(spec) {
  if (spec.server === 'gunicorn') return { cmd: GUNICORN, args: (port) => ['--bind', `127.0.0.1:${port}`, '--log-level', 'warning', ...spec.args, spec.app] };
  if (spec.server === 'uvicorn')
    return { cmd: PY, args: (port) => ['-m', 'uvicorn', spec.app, '--host', '127.0.0.1', '--port', String(port), '--no-access-log', '--log-level', 'warning', ...spec.args] };
  return { cmd: WAITRESS, args: (port) => [`--listen=127.0.0.1:${port}`, ...spec.args, spec.app] };
}

/**
 * The command line as a user would write it, for `tune check --cmd` and the report: the bench-only
 * parts (the gc.freeze config file, heartbeat dir, log level) left out, since they change no setting
 * the model reads.
 */
export function userCommand(spec) {
  const args = [];
  for (let i = 0; i < spec.args.length; i++) {
    const a = spec.args[i];
    if (a === '--config' || a === '--worker-tmp-dir') {
      i++;
      continue;
    }
    args.push(a);
  }
  if (spec.server === 'gunicorn') return ['gunicorn', ...args, spec.app].join(' ');
  if (spec.server === 'uvicorn') return ['uvicorn', spec.app, ...args].join(' ');
  return ['waitress-serve', ...args, spec.app].join(' ');
}
