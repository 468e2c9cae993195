// `tune check` on the command line: read the project's files, resolve the machine and load from the
// flags, environment and each target's limits, run the check (src/check/run.ts), print the report.
// With --format json every outcome is one JSON document on stdout, exit 2 included.
import path from 'node:path';
import { check, CheckInputError, type CheckResult } from '../check/run.js';
import type { ProjectFile, Target } from '../check/types.js';
import type { Situation } from '../core/input.js';
import { parseCpus, parseSize } from '../core/units.js';
import { detectCpus } from '../detect/host.js';
import { CHECK_FORMATS, type CheckFormat } from '../render/check/report.js';
import { versionKey } from '../servers/versions.js';
import { wantColor } from './color.js';
import { EXIT, isUsageError, UsageError } from './errors.js';
import type { Io } from './io.js';
import { discover, pinFiles, readIfThere, readProjectFile } from './read-project.js';
import { resolveSituation } from './resolve.js';
import { InputError, noMemoryBudget, targetMachine, uncheckable } from './check-situation.js';

export async function runCheck(fileArgs: string[], opts: Record<string, unknown>, io: Io): Promise<number> {
  const format = String(opts.format ?? 'table') as CheckFormat;
  try {
    return await checkAndPrint(fileArgs, opts, io, format);
  } catch (e) {
    if (format !== 'json' || !isUsageError(e)) throw e;
    // A CI step parses stdout whatever happened; the sentence still goes to stderr.
    const where = e instanceof InputError ? e.where : { code: 'USAGE' };
    io.out(JSON.stringify({ error: { code: where.code, message: e.message, ...(where.file ? { file: where.file } : {}), ...(where.line ? { line: where.line } : {}) } }, null, 2) + '\n');
    io.err(`tune: ${e.message.replace(/[\r\n]+/g, ' ')}\n`);
    return EXIT.usage;
  }
}

async function checkAndPrint(fileArgs: string[], opts: Record<string, unknown>, io: Io, format: CheckFormat): Promise<number> {
  const env = io.env;
  if (!CHECK_FORMATS.includes(format)) throw new UsageError(`--format: must be one of ${CHECK_FORMATS.join(', ')} (got "${format}")`);

  const files = loadFiles(fileArgs, opts);
  const cpus = cpusForConfig(opts, env);
  // Pins beside the files checked first, then in --dir and the current folder.
  const dirs = [...files.filter((f) => f.path !== '-').map((f) => path.dirname(f.path)), ...(typeof opts.dir === 'string' ? [opts.dir] : []), '.'];
  let result: CheckResult;
  try {
    result = check(files, {
      cpus: cpus.value,
      ...memForConfig(opts, env),
      ...(typeof opts.cmd === 'string' ? { cmd: opts.cmd } : {}),
      ...(typeof opts.config === 'string' ? { configFile: opts.config } : {}),
      read: readIfThere,
      pinFiles: pinFiles(dirs),
      versions: givenVersions(opts),
      ...(opts.envFromProcess === true ? { processEnv: processEnv(env) } : {}),
      situation: (target) => situationFor(target, opts, env, cpus),
      strict: opts.strict === true,
      suggest: opts.suggest === true,
    });
  } catch (e) {
    if (!(e instanceof CheckInputError)) throw e;
    throw uncheckable(e);
  }
  const render =
    format === 'json'
      ? (await import('../render/check/json.js')).renderCheckJson
      : format === 'github'
        ? (await import('../render/check/github.js')).renderCheckGithub
        : (r: CheckResult) => renderTable(r, wantColor(opts.color !== false, env, io.isTTY));
  io.out(await render(result));
  return result.summary.errors > 0 ? EXIT.failed : EXIT.ok;
}

async function renderTable(r: CheckResult, color: boolean): Promise<string> {
  return (await import('../render/check/table.js')).renderCheckTable(r, { color });
}

function loadFiles(fileArgs: string[], opts: Record<string, unknown>): ProjectFile[] {
  // --cmd / -c name the process: the folder adds its variables and config, not processes of its own.
  const only = typeof opts.cmd === 'string' || typeof opts.config === 'string' ? /(^|\/)(\.env|gunicorn\.conf\.py)$/ : undefined;
  const found = () => discover(typeof opts.dir === 'string' ? opts.dir : '.').filter((p) => !only || only.test(p));
  const paths = fileArgs.length ? [...fileArgs] : found();
  if (typeof opts.config === 'string' && !paths.includes(opts.config)) paths.push(opts.config);
  if (paths.filter((p) => p === '-').length > 1) throw new UsageError('- (standard input) can be given once');
  // -c names a gunicorn config whatever its name (gunicorn-cabotage.conf).
  return paths.map((p) => readProjectFile(p, p === opts.config ? 'gunicorn-conf' : undefined));
}

/** --gunicorn-version / --uvicorn-version / --waitress-version. */
function givenVersions(opts: Record<string, unknown>): Partial<Record<'gunicorn' | 'uvicorn' | 'waitress', string>> {
  const out: Partial<Record<'gunicorn' | 'uvicorn' | 'waitress', string>> = {};
  for (const server of ['gunicorn', 'uvicorn', 'waitress'] as const) {
    const v = opts[`${server}Version`];
    if (typeof v !== 'string') continue;
    if (!versionKey(v)) throw new UsageError(`--${server}-version: "${v}" is not a version (examples: 20.1.0, 25, 0.30.1)`);
    out[server] = v;
  }
  return out;
}

/** The deploy environment a CI step exported, without tune's own TUNE_* settings. */
function processEnv(env: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(env).filter((e): e is [string, string] => e[1] !== undefined && !e[0].startsWith('TUNE_')));
}

/** What cpu_count() means while evaluating a config file: --cpus, else this machine's quota. */
function cpusForConfig(opts: Record<string, unknown>, env: Record<string, string | undefined>): { value: number; source: string } {
  const given = typeof opts.cpus === 'string' ? opts.cpus : env.TUNE_CPUS;
  if (given !== undefined && given !== 'auto') {
    const r = parseCpus(given);
    if ('error' in r) throw new UsageError(`--cpus: ${r.error}`);
    return { value: r.cpus, source: typeof opts.cpus === 'string' ? 'given' : 'environment' };
  }
  return detectCpus();
}

/** What psutil.virtual_memory().total means in a config file: the budget given (--mem), when there is one. */
function memForConfig(opts: Record<string, unknown>, env: Record<string, string | undefined>): { memBytes?: number } {
  const given = typeof opts.mem === 'string' ? opts.mem : env.TUNE_MEM;
  if (given === undefined || given.trim() === 'auto') return {};
  const r = parseSize(given);
  return 'bytes' in r ? { memBytes: r.bytes } : {};
}

/** The machine and load for one target: flags first, then the target's own limits; never a guess at memory. */
function situationFor(target: Target, opts: Record<string, unknown>, env: Record<string, string | undefined>, cpus: { value: number; source: string }): Situation {
  const flags: Record<string, unknown> = { ...opts };
  delete flags.format; // check's --format is not tune's
  // The platform's grace period (terminationGracePeriodSeconds) unless --shutdown-grace says otherwise.
  if (flags.shutdownGrace === undefined && env.TUNE_SHUTDOWN_GRACE === undefined && target.shutdownGrace) flags.shutdownGrace = String(target.shutdownGrace.seconds);
  const { input } = resolveSituation({ flags, env, machine: targetMachine(target, cpus) });
  const detected = input.memSource === 'os.totalmem()' || input.memSource.startsWith('cgroup');
  if (detected && String(flags.mem ?? env.TUNE_MEM ?? '').trim() !== 'auto') throw noMemoryBudget(target);
  return input;
}
