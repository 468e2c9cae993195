// `tune check`: read the configuration a project already has, work out what the server really runs
// with, judge it with the model, report, and fail the build on errors.
import path from 'node:path';
import { recommend } from '../core/recommend.js';
import type { Input } from '../core/input.js';
import { judge, type Judgement } from '../check/judge.js';
import { buildTargets } from '../check/targets.js';
import type { CheckFinding, ProjectFile, Target } from '../check/types.js';
import { detectCpus } from '../detect/host.js';
import { describeFinding, fixFor } from '../render/messages.js';
import { CHECK_FORMATS, type CheckFormat, type CheckReport, type CheckedTarget } from '../render/check/report.js';
import { renderCheckGithub } from '../render/check/github.js';
import { renderCheckJson } from '../render/check/json.js';
import { EXIT, UsageError } from './errors.js';
import { wantColor } from './color.js';
import type { Io } from './io.js';
import { discover, kindOf, readProjectFile } from './read-project.js';
import { resolveInput } from './resolve.js';
import { parseCpus } from '../core/units.js';

export async function runCheck(fileArgs: string[], opts: Record<string, unknown>, io: Io): Promise<number> {
  const env = io.env;
  const format = String(opts.format ?? 'table') as CheckFormat;
  if (!CHECK_FORMATS.includes(format)) throw new UsageError(`--format: must be one of ${CHECK_FORMATS.join(', ')} (got "${format}")`);
  const strict = opts.strict === true;

  const files = loadFiles(fileArgs, opts);
  const cpus = cpusForConfig(opts, env);
  // -c names the config file the server loads, as gunicorn's own -c does.
  const cmd = typeof opts.cmd === 'string' ? opts.cmd : typeof opts.config === 'string' ? `gunicorn -c ${opts.config}` : undefined;
  const { targets, findings: fileFindings } = buildTargets(files, { cpus, ...(cmd !== undefined ? { cmd } : {}), read: (p) => readRelated(files, p) });
  const broken = fileFindings.find((f) => f.code === 'FILE_ERROR');
  if (broken) throw new UsageError(`${broken.file}${broken.line ? `:${broken.line}` : ''}: ${describeFinding(broken).replace(/\.$/, '')}`);
  if (targets.length === 0)
    throw new UsageError(`no server configuration found in ${files.map((f) => f.path).join(', ') || 'the given files'}: pass --cmd, a compose file with a command, a Procfile or a gunicorn.conf.py`);

  const checked: CheckedTarget[] = [];
  const findings: CheckFinding[] = [...fileFindings];
  let machine: CheckReport['machine'] | undefined;
  let defaultMem = false;
  for (const target of targets) {
    const input = inputFor(target, opts, env, cpus);
    machine ??= { cpus: input.cpus, cpusSource: input.cpusSource, memBytes: input.memBytes, memSource: input.memSource };
    const j = judge(target, input);
    findings.push(...j.findings);
    if (j.evaluation?.memory.perWorkerSource === 'default') defaultMem = true;
    checked.push(toChecked(target, j, opts.suggest === true ? input : undefined));
  }
  if (defaultMem) findings.push({ code: 'DEFAULT_WORKER_MEM', severity: 'info', args: { bytes: 256 * 2 ** 20 } });

  const report = toReport(files, machine!, checked, findings, strict);
  const text =
    format === 'json'
      ? renderCheckJson(report)
      : format === 'github'
        ? renderCheckGithub(report)
        : (await import('../render/check/table.js')).renderCheckTable(report, { color: wantColor(opts.color !== false, env, io.isTTY) });
  io.out(text);
  return report.summary.errors > 0 ? EXIT.failed : EXIT.ok;
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
function cpusForConfig(opts: Record<string, unknown>, env: Record<string, string | undefined>): number {
  const given = typeof opts.cpus === 'string' ? opts.cpus : env.TUNE_CPUS;
  if (given !== undefined && given !== 'auto') {
    const r = parseCpus(given);
    if ('error' in r) throw new UsageError(`--cpus: ${r.error}`);
    return r.cpus;
  }
  return detectCpus().value;
}

/** The model's input for one target: flags first, then the compose service's limits; never a guess at memory. */
function inputFor(target: Target, opts: Record<string, unknown>, env: Record<string, string | undefined>, cpus: number): Input {
  const flags: Record<string, unknown> = { ...opts };
  delete flags.format; // check's --format is not tune's
  if (flags.mem === undefined && env.TUNE_MEM === undefined) {
    if (target.limits.memBytes === undefined)
      throw new UsageError(
        `no memory budget for ${target.name}: pass --mem, or set deploy.resources.limits.memory (or mem_limit) on the compose service`,
      );
    flags.mem = target.limits.memBytes;
  }
  if (flags.cpus === undefined && env.TUNE_CPUS === undefined) flags.cpus = target.limits.cpus ?? cpus;
  flags.class = 'sync'; // any valid class: the judged configuration carries its own
  const { input } = resolveInput({ flags, env });
  if (flags.mem === target.limits.memBytes && target.limits.source) input.memSource = `${target.limits.source.file}:${target.limits.source.line ?? ''}`.replace(/:$/, '');
  if (opts.cpus === undefined && target.limits.cpus !== undefined) input.cpusSource = target.limits.source?.file ?? 'compose limits';
  return input;
}

function toChecked(target: Target, j: Judgement, suggestFor: Input | undefined): CheckedTarget {
  const out: CheckedTarget = { name: target.name, server: target.server, source: target.source, settings: target.settings };
  if (j.workerClass) out.workerClass = j.workerClass;
  if (j.evaluation) {
    out.memory = j.evaluation.memory;
    out.capacity = j.evaluation.capacity;
  }
  if (suggestFor && j.workerClass) {
    const rec = recommend({ ...suggestFor, workerClass: j.workerClass });
    out.suggestions = Object.entries(rec.settings)
      .filter(([, v]) => v !== null)
      .map(([setting, recommended]) => ({ setting, current: target.settings[setting]?.value, recommended }));
  }
  return out;
}

function toReport(files: ProjectFile[], machine: CheckReport['machine'], targets: CheckedTarget[], raw: CheckFinding[], strict: boolean): CheckReport {
  // The same finding reached through two targets (one .env read by two services) is said once.
  const seen = new Set<string>();
  const findings = raw
    .map((f) => (strict && f.severity === 'warning' ? { ...f, severity: 'error' as const } : f))
    .filter((f) => {
      const key = `${f.code}|${f.file}|${f.line}|${f.target}|${JSON.stringify(f.args)}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .map((f) => {
      const fix = fixFor(f);
      return { ...f, message: describeFinding(f), ...(fix ? { fix } : {}) };
    })
    .sort((a, b) => rank(a.severity) - rank(b.severity));
  const count = (s: string) => findings.filter((f) => f.severity === s).length;
  return { files: files.map((f) => f.path), machine, targets, findings, summary: { errors: count('error'), warnings: count('warning'), notes: count('info') }, strict };
}

function rank(s: string): number {
  return s === 'error' ? 0 : s === 'warning' ? 1 : 2;
}
