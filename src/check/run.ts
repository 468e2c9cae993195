// `tune check` as a library function: a project's files in, a report of every server process they start
// and what is wrong with it out. Pure: files arrive read, the machine and load arrive resolved (per
// target, since a compose service carries its own limits), and nothing is printed.
import type { WorkerClass } from '../core/classes.js';
import { DEFAULT_WORKER_BYTES } from '../core/coefficients.js';
import { defaultWorkerMemFinding } from '../core/assess.js';
import type { Situation } from '../core/input.js';
import { recommend } from '../core/recommend.js';
import type { Capacity, MemoryEstimate, SettingValue } from '../core/types.js';
import type { Server } from '../core/classes.js';
import { judge, type Judgement } from './judge.js';
import { projectModule } from './modules-source.js';
import { serverVersions, type VersionChoice } from './versions.js';
import { buildTargets } from './targets.js';
import type { CheckFinding, Effective, ProjectFile, SourceRef, Target } from './types.js';

export interface CheckedTarget {
  name: string;
  server: string;
  /** The server version the settings were judged against. */
  version?: string;
  /** The model's class; absent for a class the model does not know (see judgedAs). */
  workerClass?: WorkerClass;
  /** A worker class the model does not know: what it is, and the nearest kind it was judged as. */
  judgedAs?: Judgement['judgedAs'];
  source: SourceRef;
  settings: Record<string, Effective>;
  memory?: MemoryEstimate;
  capacity?: Capacity;
  /** With `suggest`: each setting's current value beside what `tune` recommends for the same machine and class. */
  suggestions?: { setting: string; current: SettingValue | undefined; recommended: SettingValue }[];
}

export interface CheckResult {
  /** The files given, then those read because a given file names them. */
  files: string[];
  /** The server versions judged against, and where each comes from. */
  versions: Partial<Record<Server, VersionChoice>>;
  machine: { cpus: number; cpusSource: string; memBytes: number; memSource: string };
  targets: CheckedTarget[];
  findings: CheckFinding[];
  summary: { errors: number; warnings: number; notes: number };
  strict: boolean;
}

export interface CheckOptions {
  /** What cpu_count() means while a config file is evaluated. */
  cpus: number;
  /** The memory budget given (--mem): what psutil.virtual_memory().total means in a config file. */
  memBytes?: number;
  /** A server command line given on its own (`--cmd`). */
  cmd?: string;
  /** `-c file`: the config gunicorn loads for every gunicorn process that names none itself. */
  configFile?: string;
  /** Files other files name (compose env_file, entrypoint scripts, build contexts), read on request; undefined when unreadable. */
  read?: (path: string) => string | undefined;
  /** Version pins found in the project (requirements*.txt, pyproject.toml, lock files). */
  pinFiles?: { path: string; text: string }[];
  /** Versions given (--gunicorn-version …): they win over pins. */
  versions?: Partial<Record<Server, string>>;
  /** The process environment, counted where it counts at run time (--env-from-process). */
  processEnv?: Record<string, string>;
  /** The machine and load a target is judged against; its limits are the compose service's, when it has some. */
  situation: (target: Target) => Situation;
  /** Warnings fail too. */
  strict?: boolean;
  /** Add tune's recommendation beside each setting. */
  suggest?: boolean;
}

/** Thrown when the files cannot be judged at all (a file that is not what its name says, nothing to check). */
export class CheckInputError extends Error {
  override name = 'CheckInputError';
  constructor(
    message: string,
    readonly finding?: CheckFinding,
    /** Scripts the commands run that are not among the files. */
    readonly missing: string[] = [],
  ) {
    super(message);
  }
}

const RANK = { error: 0, warning: 1, info: 2 } as const;

export function check(files: ProjectFile[], opts: CheckOptions): CheckResult {
  const versions = serverVersions(opts.versions ?? {}, opts.pinFiles ?? []);
  const built = buildTargets(files, {
    cpus: opts.cpus,
    ...(opts.memBytes !== undefined ? { memBytes: opts.memBytes } : {}),
    ...(opts.cmd !== undefined ? { cmd: opts.cmd } : {}),
    ...(opts.configFile !== undefined ? { configFile: opts.configFile } : {}),
    ...(opts.read ? { read: opts.read } : {}),
    ...(opts.processEnv ? { processEnv: opts.processEnv } : {}),
    versions: Object.fromEntries(Object.entries(versions).map(([k, v]) => [k, v.version])),
  });
  const { targets, findings: fileFindings } = built;
  const allFiles = [...files, ...built.read];
  const broken = fileFindings.find((f) => f.code === 'FILE_ERROR');
  if (broken) throw new CheckInputError(String(broken.args.message), broken);
  const named = files.map((f) => (f.path === '-' ? 'standard input' : f.path)).join(', ');
  if (targets.length === 0) throw new CheckInputError(`no server configuration found in ${named || 'the given files'}`, undefined, built.missing);
  const moduleSource = opts.read ? projectModule(allFiles, opts.read) : undefined;
  const checked: CheckedTarget[] = [];
  const raw: CheckFinding[] = [...fileFindings];
  let machine: CheckResult['machine'] | undefined;
  let defaultMem = false;
  for (const target of targets) {
    const situation = opts.situation(target);
    machine ??= { cpus: situation.cpus, cpusSource: situation.cpusSource, memBytes: situation.memBytes, memSource: situation.memSource };
    const assumed = !versions.gunicorn.pin && !versions.gunicorn.given;
    const j = judge(target, situation, { uvicornVersion: versions.uvicorn.version, gunicornAssumed: assumed, ...(moduleSource ? { moduleSource } : {}) });
    const rec = j.workerClass ? recommend({ ...situation, workerClass: j.workerClass, app: 'app:app', bind: '0.0.0.0:8000', legacyUvicornWorker: false }) : undefined;
    for (const f of j.findings) {
      // What the fix says and what --suggest shows must agree: the recommendation rides along.
      if (f.code === 'DOES_NOT_FIT' && rec) raw.push({ ...f, args: { ...f.args, recommendedWorkers: Number(rec.settings.workers), ...(rec.settings.threads !== undefined ? { recommendedThreads: Number(rec.settings.threads) } : {}) } });
      else raw.push(f);
    }
    if (j.evaluation?.memory.perWorkerSource === 'default') defaultMem = true;
    const out: CheckedTarget = { name: target.name, server: target.server, ...(target.version ? { version: target.version } : {}), source: target.source, settings: target.settings };
    if (j.workerClass) out.workerClass = j.workerClass;
    if (j.judgedAs) out.judgedAs = j.judgedAs;
    if (j.evaluation) {
      out.memory = j.evaluation.memory;
      out.capacity = j.evaluation.capacity;
    }
    if (opts.suggest && rec)
      out.suggestions = Object.entries(rec.settings)
        .filter(([, v]) => v !== null)
        .map(([setting, recommended]) => ({ setting, current: target.settings[setting]?.value, recommended }));
    checked.push(out);
  }
  // A command that runs a script we cannot read starts nothing we can judge: say which.
  for (const path of built.missing) raw.push({ code: 'SCRIPT_NOT_FOUND', severity: 'info', args: { path } });
  // Said once by the report, not once per target.
  if (defaultMem) raw.push(defaultWorkerMemFinding(DEFAULT_WORKER_BYTES));
  const used = new Set(targets.map((t) => t.server));
  for (const [server, v] of Object.entries(versions) as [Server, VersionChoice][]) {
    if (!used.has(server) || v.given) continue;
    raw.push({ code: 'SERVER_VERSION', severity: 'info', args: { server, version: v.version, ...(v.pin ? { pinned: v.pin.spec, file: v.pin.file } : {}), ...(v.older ? { older: true } : {}) }, ...(v.pin ? { file: v.pin.file, ...(v.pin.line ? { line: v.pin.line } : {}) } : {}) });
  }

  const strict = opts.strict === true;
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
    .sort((a, b) => RANK[a.severity] - RANK[b.severity]);
  const count = (s: CheckFinding['severity']) => findings.filter((f) => f.severity === s).length;
  const shown = Object.fromEntries(Object.entries(versions).filter(([k]) => used.has(k as Server)));
  return { files: allFiles.map((f) => f.path), versions: shown, machine: machine!, targets: checked, findings, summary: { errors: count('error'), warnings: count('warning'), notes: count('info') }, strict };
}
