// `tune calibrate`: measure the user's app under a real server, build a memory/CPU profile from it, and
// print the recommendation recomputed with that profile (and save the profile with --save).
import { existsSync } from 'node:fs';
import path from 'node:path';
import { parse as parseDotenv } from 'dotenv';
import { withChildCleanup, interrupted, Interrupted } from '../calibrate/children.js';
import { canMeasurePreload } from '../calibrate/command.js';
import { parseCalibrateOptions } from './calibrate-options.js';
import { procAvailable } from '../proc/index.js';
import { checkServer, findPython } from '../calibrate/python.js';
import { measurementJson, renderMeasurement } from '../render/calibration.js';
import { calibrate, type Calibration } from '../calibrate/run.js';
import { ServerError, summarize, tail } from '../calibrate/server.js';
import { LEGACY_UVICORN_WORKER_PATH, serverOf, UVICORN_WORKER_PATH } from '../core/classes.js';
import { recommend } from '../core/recommend.js';
import { checkWritable, writeFileAtomic } from '../io/atomic-write.js';
import { readTextFile } from '../io/read-text.js';
import { describeCalibrateWarning } from '../render/calibrate-text.js';
import { loadRenderer } from '../render/index.js';
import { wantColor } from './color.js';
import { EXIT, UsageError } from './errors.js';
import type { Io } from './io.js';
import { resolveInput } from './resolve.js';
import { reportConflicts } from './conflicts.js';
import { withProfile } from '../core/input.js';
import { VERSION } from './version.js';

const TAIL_LINES = 15; // enough for a Python traceback's end and the server's own verdict

export async function runCalibrate(opts: Record<string, unknown>, io: Io): Promise<number> {
  if (!procAvailable()) throw new UsageError('calibrate needs Linux: it reads memory from /proc/PID/smaps_rollup (kernel 4.14 or later)');
  if (opts.profile !== undefined) throw new UsageError('--profile does not apply to calibrate: it measures a new one');
  const o = parseCalibrateOptions(opts);
  for (const [attr, flag, env] of [['class', '--class', 'TUNE_CLASS'], ['app', '--app', 'TUNE_APP']] as const) {
    if (!given(opts, io.env, attr, env)) throw new UsageError(`${flag} is required: the worker class and the app to measure (e.g. --class sync --app app:app)`);
  }
  // Every input is checked before anything starts, so a typo in --mem does not cost a measurement.
  const { input, notices, origins } = resolveInput({ flags: opts, env: io.env });
  // The same refusals writeFileAtomic makes, made before a measurement rather than after it.
  if (o.save) {
    checkWritable(o.save, { force: o.force });
    if (!existsSync(path.dirname(path.resolve(o.save)))) throw new UsageError(`cannot write ${o.save}: the folder ${path.dirname(o.save)} does not exist`);
  }
  const quiet = opts.quiet === true;
  const say = (line: string) => quiet || interrupted() || io.err(`tune: ${line}\n`);
  for (const n of notices) say(n);
  reportConflicts(input, origins, say);
  if (o.workersGiven && input.workerClass === 'waitress') say('--workers does not apply to waitress (one process); measuring one');

  const python = checkServer(findPython(o.python, io.env), input.workerClass, io.env);
  if (python.uvicornWorkerPath === LEGACY_UVICORN_WORKER_PATH && !input.legacyUvicornWorker) {
    say(`${python.python} has no uvicorn_worker package: measuring ${LEGACY_UVICORN_WORKER_PATH} (the settings below name ${UVICORN_WORKER_PATH}; add --legacy-uvicorn-worker to keep the old path)`);
  }
  const preload = canMeasurePreload(input.workerClass, o.workers) && input.preload !== false;

  let cal: Calibration;
  try {
    cal = await withChildCleanup(() => calibrate({ python, workerClass: input.workerClass, app: input.app, opts: o, env: io.env, preload }, say));
  } catch (e) {
    if (e instanceof Interrupted) return e.code;
    if (!(e instanceof ServerError)) throw e;
    io.err(serverFailure(e, input.app, serverOf(input.workerClass), o.appDir, python.python, o.python === undefined));
    return EXIT.usage;
  }
  for (const w of cal.warnings) say(`warning: ${describeCalibrateWarning(w)}`);

  if (o.save) {
    writeFileAtomic(o.save, JSON.stringify(cal.profile, null, 2) + '\n', { force: o.force });
  }
  const rec = recommend(withProfile(input, cal.profile, o.save));
  const render = await loadRenderer(o.format);
  const text = await render(rec, {
    color: o.format === 'table' && wantColor(opts.color !== false, io.env, io.isTTY),
    explain: opts.explain === true,
    version: VERSION,
    ...(io.columns ? { width: io.columns } : {}),
  });
  if (o.format === 'json') {
    io.out(JSON.stringify({ calibration: measurementJson(cal), profile: cal.profile, ...(o.save ? { savedTo: o.save } : {}), recommendation: JSON.parse(text) }, null, 2) + '\n');
  } else {
    io.out(renderMeasurement(cal, o.save) + text);
  }
  // Like tune: the report is printed, but a recommendation that does not fit is exit 1.
  return rec.warnings.some((w) => w.severity === 'error') ? EXIT.failed : EXIT.ok;
}

/** Whether `--<attr>` came from the flags, the environment or --env-file (not a default). */
function given(opts: Record<string, unknown>, env: Record<string, string | undefined>, attr: string, name: string): boolean {
  if (opts[attr] !== undefined || env[name] !== undefined) return true;
  if (typeof opts.envFile !== 'string') return false;
  try {
    return parseDotenv(readTextFile(opts.envFile))[name] !== undefined;
  } catch {
    return false; // resolveInput reports an unreadable --env-file
  }
}

/** Several lines: what failed, the server's own verdict, its last lines, and a hint for import errors. */
function serverFailure(e: ServerError, app: string, server: string, appDir: string, python: string, pythonDefaulted: boolean): string {
  const lines = [`tune: ${app} did not run under ${server}: ${e.message}`];
  const verdict = summarize(e.output);
  if (verdict) lines.push(`tune: ${verdict}`);
  const last = tail(e.output, TAIL_LINES);
  if (last.length) lines.push(`--- last lines of the server's output ---`, ...last, '---');
  if (/ModuleNotFoundError|ImportError|No module named|Could not import|Bad module/.test(e.output)) {
    lines.push(`tune: the app is imported from ${appDir} (--app-dir) by ${python}${pythonDefaulted ? ' (pass --python for the interpreter the app uses, e.g. a virtualenv\'s bin/python)' : ''}`);
  }
  return lines.join('\n') + '\n';
}
