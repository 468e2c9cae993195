// `tune calibrate`: measure the user's app under a real server, build a memory/CPU profile from it, and
// print the recommendation recomputed with that profile (and save the profile with --save).
import { existsSync } from 'node:fs';
import path from 'node:path';
import { parse as parseDotenv } from 'dotenv';
import { withChildCleanup, interrupted, Interrupted } from '../calibrate/children.js';
import { canMeasurePreload, holdsConnections } from '../calibrate/command.js';
import type { Profile } from '../core/profile.js';
import { MAX_CONCURRENCY, parseCalibrateOptions } from './calibrate-options.js';
import { procAvailable } from '../proc/index.js';
import { activeEnvPython, checkServer, findPython } from '../calibrate/python.js';
import { findDjangoProject } from '../calibrate/django.js';
import { measurementJson, renderMeasurement } from '../render/calibration.js';
import { calibrate, type Calibration, type ThreadsShape } from '../calibrate/run.js';
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

// The classes that serve ASGI apps: a Django project's asgi.py rather than its wsgi.py.
const ASGI_CLASSES: readonly string[] = ['uvicorn', 'uvicorn-worker'];
const TAIL_LINES = 15; // enough for a Python traceback's end and the server's own verdict

export async function runCalibrate(opts: Record<string, unknown>, io: Io): Promise<number> {
  if (!procAvailable()) throw new UsageError('calibrate needs Linux: it reads memory from /proc/PID/smaps_rollup (kernel 4.14 or later)');
  if (opts.profile !== undefined) throw new UsageError('--profile does not apply to calibrate: it measures a new one');
  const o = parseCalibrateOptions(opts);
  if (!given(opts, io.env, 'class', 'TUNE_CLASS')) throw new UsageError('--class is required: the worker class and the app to measure (e.g. --class sync --app app:app)');
  // Every input is checked before anything starts, so a typo in --mem does not cost a measurement.
  const resolved = resolveInput({ flags: opts, env: io.env });
  const { notices, origins } = resolved;
  let input = resolved.input;
  // In a Django project's folder the app and its settings come from manage.py.
  const django = given(opts, io.env, 'app', 'TUNE_APP') ? undefined : findDjangoProject(o.appDir, ASGI_CLASSES.includes(input.workerClass), io.env);
  if (!given(opts, io.env, 'app', 'TUNE_APP') && !django) {
    throw new UsageError('--app is required: the app to measure (e.g. --app app:app, --app myproject.wsgi:application; in a Django project\'s folder, manage.py names it)');
  }
  const env = django && !io.env.DJANGO_SETTINGS_MODULE ? { ...io.env, DJANGO_SETTINGS_MODULE: django.settings } : io.env;
  if (django) input = { ...input, app: django.app };
  // The same refusals writeFileAtomic makes, made before a measurement rather than after it.
  if (o.save) {
    checkWritable(o.save, { force: o.force });
    if (!existsSync(path.dirname(path.resolve(o.save)))) throw new UsageError(`cannot write ${o.save}: the folder ${path.dirname(o.save)} does not exist`);
  }
  const quiet = opts.quiet === true;
  const say = (line: string) => quiet || interrupted() || io.err(`tune: ${line}\n`);
  for (const n of notices) say(n);
  if (django) say(`Django project (manage.py): measuring ${django.app} with DJANGO_SETTINGS_MODULE=${django.settings}`);
  reportConflicts(input, origins, say);
  if (o.workersGiven && input.workerClass === 'waitress') say('--workers does not apply to waitress (one process); measuring one');

  const active = o.python === undefined ? activeEnvPython(io.env) : undefined;
  if (active) say(`using the active environment's Python (${active.variable}=${active.prefix}); --python picks another`);
  const python = checkServer(findPython(o.python, io.env), input.workerClass, io.env);
  if (python.uvicornWorkerPath === LEGACY_UVICORN_WORKER_PATH && !input.legacyUvicornWorker) {
    say(`${python.python} has no uvicorn_worker package: measuring ${LEGACY_UVICORN_WORKER_PATH} (the settings below name ${UVICORN_WORKER_PATH}; add --legacy-uvicorn-worker to keep the old path)`);
  }
  const preload = canMeasurePreload(input.workerClass, o.workers) && input.preload !== false;
  // A connection's cost falls as more share a worker (the real apps' gevent workers: ~300 KiB each at 32,
  // ~170 KiB at 256): an event loop is measured under the users stated, the load that will run.
  if (holdsConnections(input.workerClass) && opts.concurrency === undefined && input.users !== undefined) {
    o.concurrency = Math.min(input.users, MAX_CONCURRENCY);
    say(`measuring under ${o.concurrency} connections, the --users given (--concurrency sets another count)`);
  }
  const threadsFor = (provisional: Profile) => configurationToRun(input, provisional);

  let cal: Calibration;
  try {
    cal = await withChildCleanup(() => calibrate({ python, workerClass: input.workerClass, app: input.app, opts: o, env, preload, threadsFor }, say));
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

/**
 * A busy thread's cost and the CPU per request are measured in the configuration that will run: what
 * tune recommends for this input with what the first boot measured (its latency sets the threads),
 * under the connections the model counts for it (--users, --rps, else what keeps the cores busy), so
 * the profile's busy threads are the ones its recommendation charges.
 */
function configurationToRun(input: Parameters<typeof recommend>[0], provisional: Profile): ThreadsShape {
  const rec = recommend(withProfile(input, provisional));
  return { workers: Number(rec.settings.workers ?? 1), threads: Number(rec.settings.threads ?? 1), connections: Math.min(rec.memory.connections.total, MAX_CONCURRENCY) };
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
  if (/ImproperlyConfigured|settings are not configured|DJANGO_SETTINGS_MODULE/.test(e.output)) {
    lines.push('tune: Django needs its settings module: set DJANGO_SETTINGS_MODULE (e.g. DJANGO_SETTINGS_MODULE=mysite.settings tune calibrate …)');
  }
  if (/ModuleNotFoundError|ImportError|No module named|Could not import|Bad module/.test(e.output)) {
    lines.push(`tune: the app is imported from ${appDir} (--app-dir) by ${python}${pythonDefaulted ? ' (pass --python for the interpreter the app uses, e.g. a virtualenv\'s bin/python)' : ''}`);
  }
  return lines.join('\n') + '\n';
}
