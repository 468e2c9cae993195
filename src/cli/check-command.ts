// `tune check` on the command line: read the project's files, resolve the machine and load from the
// flags, environment and each service's limits, run the check (src/check/run.ts), print the report.
import path from 'node:path';
import { check, CheckInputError, type CheckResult } from '../check/run.js';
import type { ProjectFile, Target } from '../check/types.js';
import type { Situation } from '../core/input.js';
import { parseCpus } from '../core/units.js';
import { detectCpus } from '../detect/host.js';
import { CHECK_FORMATS, type CheckFormat } from '../render/check/report.js';
import { wantColor } from './color.js';
import { EXIT, UsageError } from './errors.js';
import type { Io } from './io.js';
import { discover, kindOf, readProjectFile } from './read-project.js';
import { resolveSituation } from './resolve.js';
import { noMemoryBudget, targetMachine, uncheckable } from './check-situation.js';

export async function runCheck(fileArgs: string[], opts: Record<string, unknown>, io: Io): Promise<number> {
  const env = io.env;
  const format = String(opts.format ?? 'table') as CheckFormat;
  if (!CHECK_FORMATS.includes(format)) throw new UsageError(`--format: must be one of ${CHECK_FORMATS.join(', ')} (got "${format}")`);

  const files = loadFiles(fileArgs, opts);
  const cpus = cpusForConfig(opts, env);
  // -c names the config file the server loads, as gunicorn's own -c does.
  const cmd = typeof opts.cmd === 'string' ? opts.cmd : typeof opts.config === 'string' ? `gunicorn -c ${opts.config}` : undefined;
  let result: CheckResult;
  try {
    result = check(files, {
      cpus: cpus.value,
      ...(cmd !== undefined ? { cmd } : {}),
      read: (p) => readRelated(files, p),
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
  const paths = fileArgs.length ? fileArgs : discover(typeof opts.dir === 'string' ? opts.dir : '.');
  if (typeof opts.config === 'string' && !paths.includes(opts.config)) paths.push(opts.config);
  return paths.map((p) => readProjectFile(p, p === opts.config ? 'gunicorn-conf' : kindOf(p)));
}

/** env_file paths in a compose file are relative to it. */
function readRelated(files: ProjectFile[], p: string): string | undefined {
  const compose = files.find((f) => f.kind === 'compose');
  const full = compose && !path.isAbsolute(p) ? path.join(path.dirname(compose.path), p) : p;
  try {
    return readProjectFile(full, 'dotenv').text;
  } catch {
    return undefined;
  }
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

/** The machine and load for one target: flags first, then the compose service's limits; never a guess at memory. */
function situationFor(target: Target, opts: Record<string, unknown>, env: Record<string, string | undefined>, cpus: { value: number; source: string }): Situation {
  const flags: Record<string, unknown> = { ...opts };
  delete flags.format; // check's --format is not tune's
  const { input } = resolveSituation({ flags, env, machine: targetMachine(target, cpus) });
  const detected = input.memSource === 'os.totalmem()' || input.memSource.startsWith('cgroup');
  if (detected && String(flags.mem ?? env.TUNE_MEM ?? '').trim() !== 'auto')
    throw noMemoryBudget(target);
  return input;
}
