// `tune inspect` as a library function: from a pid to what runs (processes, memory, threads,
// connections), its configuration as the server loaded it, the profile calibrate would write, and
// `tune check` of that configuration judged with the measured memory. Reads /proc only.
import os from 'node:os';
import { check, type CheckResult } from '../check/run.js';
import type { Profile } from '../core/profile.js';
import type { Situation } from '../core/input.js';
import { listProcDir, procAvailable, procHidesPids, readCmdline, readCwd, readEnviron, readProcFile, readStatus } from '../proc/index.js';
import { compare } from './compare.js';
import { runningConfig, type RunningConfig } from './configuration.js';
import { InspectError } from './errors.js';
import type { InspectFinding } from './findings.js';
import { locateServer } from './locate.js';
import { runningProfile } from './profile.js';
import { installedVersions } from './versions.js';
import { readSnapshot, type Snapshot } from './snapshot.js';

export interface InspectOptions {
  pid: number;
  /** The machine and load the server (its top pid) is judged against; with the measured profile once there is one. */
  situation: (serverPid: number, profile: Profile | undefined) => Situation;
  strict?: boolean;
  suggest?: boolean;
}

export interface InspectResult {
  snapshot: Snapshot;
  cwd: string | null;
  /** The environment the server started with (all of it: the renderers show only the server's variables). */
  env: Record<string, string>;
  config: RunningConfig;
  /** What cpu_count() returned in the server while its config file was evaluated. */
  cpusForConfig: number;
  check: CheckResult;
  profile?: Profile;
  findings: InspectFinding[];
  summary: { errors: number; warnings: number; notes: number };
}

export function inspect(opts: InspectOptions): InspectResult {
  if (!procAvailable()) throw new InspectError('inspect needs Linux: it reads the server from /proc (smaps_rollup: kernel 4.14 or later)');
  const { pid } = opts;
  if (!readProcFile(pid, 'stat').ok) throw new InspectError(`no process with pid ${pid}${procHidesPids() ? ' (or /proc is mounted with hidepid and hides it from this user)' : ''}`);
  const located = locateServer(pid);
  if (!located.ok) {
    const what = readCmdline(pid).join(' ') || `pid ${pid}`;
    if (located.reason === 'none') throw new InspectError(`pid ${pid} (${clip(what)}) is not a gunicorn, uvicorn or waitress server, and none runs below it`);
    const named = located.candidates.slice(0, 5).map((c) => `${c.pid} (${clip(c.cmdline.join(' '))})`);
    const more = located.candidates.length - named.length;
    throw new InspectError(`${located.candidates.length} servers run below pid ${pid}: ${named.join(', ')}${more > 0 ? ` and ${more} more` : ''}; pass --pid with one of them`);
  }
  const top = located.pid;
  // Every other file of the process is readable only with the same ptrace-read permission as these.
  for (const [name, r] of [['smaps_rollup', readProcFile(top, 'smaps_rollup')], ['fd', listProcDir(top, 'fd')]] as const) {
    if (!r.ok && r.problem === 'denied') throw new InspectError(denied(top, name));
  }
  const envRead = readEnviron(top);
  if (!envRead.ok) throw new InspectError(envRead.problem === 'denied' ? denied(top, 'environ') : `pid ${top} exited while it was read`);
  const env = envRead.value;
  const cwdRead = readCwd(top);
  const cwd = cwdRead.ok ? cwdRead.value : null;

  const snapshot = readSnapshot(top, located.command);
  const config = runningConfig(snapshot, env, cwd);
  const cpusForConfig = pythonCpuCount(env);
  // The versions that run, from the interpreter's package metadata: judged against them, not the newest.
  const versions = installedVersions(top, readCmdline(top)[0] ?? '', env);
  const run = (profile?: Profile) =>
    relabel(check(config.files, { cpus: cpusForConfig, cmd: config.cmd, versions, situation: () => opts.situation(top, profile), strict: opts.strict === true, suggest: opts.suggest === true }), config);

  // First without a profile, to learn the worker class and preload; then judged with the measured memory.
  const first = run();
  const target = first.targets[0];
  const preload = target?.settings.preload_app?.value === true;
  const workers = snapshot.processes.filter((p) => p.role === 'worker');
  const profile = target?.workerClass && workers.length > 0 ? runningProfile(snapshot, { workerClass: target.workerClass, app: located.command.parsed.app, preload }) : undefined;
  const judged = profile ? run(profile) : first;
  // The check cannot know whether uvicorn found uvloop; the workers' mapped files say it.
  const uvloop = workers.length > 0 && workers.every((p) => p.native.includes('uvloop'));
  const result = uvloop ? dropFindings(judged, 'UVICORN_NEEDS_UVLOOP') : judged;
  const findings = compare(snapshot, config, result.targets[0], preload);
  const all = [...result.findings, ...findings].map((f) => (opts.strict && f.severity === 'warning' ? 'error' : f.severity));
  const count = (s: string) => all.filter((x) => x === s).length;
  return {
    snapshot,
    cwd,
    env,
    config,
    cpusForConfig,
    check: result,
    ...(profile ? { profile } : {}),
    findings: findings.map((f) => (opts.strict && f.severity === 'warning' ? { ...f, severity: 'error' as const } : f)),
    summary: { errors: count('error'), warnings: count('warning'), notes: count('info') },
  };
}

function denied(pid: number, file: string): string {
  const owner = readStatus(pid)?.uid;
  const me = process.getuid?.();
  return `cannot read /proc/${pid}/${file}: permission denied (pid ${pid} runs as uid ${owner ?? '?'}, tune as uid ${me ?? '?'}: run tune inspect as that user or as root)`;
}

const clip = (s: string) => (s.length > 80 ? `${s.slice(0, 77)}...` : s);

/**
 * What os.cpu_count() returned inside the server, which its config file's cpu_count() calls saw: the
 * online CPUs, or PYTHON_CPU_COUNT (Python 3.13+). The same kernel answers for us.
 */
function pythonCpuCount(env: Record<string, string>): number {
  const forced = Number(env.PYTHON_CPU_COUNT);
  return Number.isInteger(forced) && forced > 0 ? forced : os.cpus().length;
}

/**
 * The check names the command line "--cmd" and lines of the synthetic environment file: in the
 * report they are the process's cmdline and environ, whose lines mean nothing. A config file that
 * could not be read is said by CONFIG_UNREADABLE, not the check's "pass it to tune check".
 */
function relabel(r: CheckResult, config: RunningConfig): CheckResult {
  const name = `pid ${config.labels.cmdline.split('/')[2]}`;
  const file = (f: string | undefined) => (f === '--cmd' ? config.labels.cmdline : f);
  const place = <T extends { file?: string; line?: number; target?: string }>(x: T): T => {
    const y = { ...x, ...(x.file !== undefined ? { file: file(x.file) } : {}), ...(x.target === '--cmd' ? { target: name } : {}) };
    if (y.file === config.labels.environ) delete y.line;
    return y;
  };
  const findings = r.findings.filter((f) => !(f.code === 'CONFIG_NOT_FOUND' && config.configFile?.unreadable)).map(place);
  const targets = r.targets.map((t) => ({
    ...t,
    name: t.name === '--cmd' ? name : t.name,
    source: place(t.source),
    settings: Object.fromEntries(Object.entries(t.settings).map(([k, e]) => [k, { ...e, source: place(e.source) }])),
  }));
  return withSummary({ ...r, files: r.files.map((f) => file(f)!), targets, findings });
}

function dropFindings(r: CheckResult, code: string): CheckResult {
  return withSummary({ ...r, findings: r.findings.filter((f) => f.code !== code) });
}

function withSummary(r: CheckResult): CheckResult {
  const count = (s: string) => r.findings.filter((f) => f.severity === s).length;
  return { ...r, summary: { errors: count('error'), warnings: count('warning'), notes: count('info') } };
}
