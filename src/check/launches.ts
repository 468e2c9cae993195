// Where a server process is started from, and with what: each compose service, Procfile line,
// Render service, Kubernetes container, Dockerfile stage and start script becomes a Launch — its
// command (shell string or argv), the environment it runs with, and its platform's limits.
// A Dockerfile a compose service builds (or a container runs) is read into that launch, not counted again.
import * as posix from './posix-path.js';
import { shellWords } from './shell-words.js';
import { parseCompose, type ComposeService } from './compose.js';
import { parseDockerfile, stageCommand, type DockerCommand, type DockerStage } from './dockerfile.js';
import { checkFinding } from './findings.js';
import type { K8sContainer } from './k8s.js';
import { parseProcfile } from './procfile.js';
import type { ProjectFiles } from './project-files.js';
import type { RenderService } from './render-yaml.js';
import type { CheckFinding, ProjectFile, SourceRef, Target } from './types.js';

export type Env = Record<string, { value: string; source: SourceRef }>;

export interface Launch {
  name: string;
  source: SourceRef;
  command: string | string[];
  /** The file the command is written in: scripts and config files it names are found from there. */
  from?: string;
  env: Env;
  limits: Target['limits'];
  unlimited?: NonNullable<Target['unlimited']>;
  shutdownGrace?: Target['shutdownGrace'];
  /** Exec-form words the platform left unexpanded ($(VAR) of a variable set where we cannot see). */
  unresolved?: string[];
  /** What runs the command that we cannot see (the image's ENTRYPOINT of a container with only args). */
  wrapper?: string;
  findings: CheckFinding[];
}

export interface LaunchContext {
  files: ProjectFiles;
  /** .env files given: compose interpolation, and the lowest layer of every process's environment. */
  baseEnv: Env;
  /** The process environment (--env-from-process): compose interpolation and pass-through, and the runtime environment of Procfile, script, Dockerfile and --cmd processes. */
  processEnv: Env;
}

const values = (env: Env): Record<string, string> => Object.fromEntries(Object.entries(env).map(([k, v]) => [k, v.value]));
const at = (file: string, line?: number): SourceRef => ({ file, ...(line !== undefined ? { line } : {}) });
const envOf = (raw: Record<string, { value: string; line?: number }>, file: string): Env =>
  Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, { value: v.value, source: at(file, v.line) }]));

export function composeLaunches(file: ProjectFile, ctx: LaunchContext, readDotenv: (env: Env, path: string, text: string) => void): { launches: Launch[]; errors: CheckFinding[] } {
  // compose interpolates ${VAR} from the shell's environment first, then from .env.
  const vars = { ...values(ctx.baseEnv), ...values(ctx.processEnv) };
  const { services, errors } = parseCompose(file.text, vars);
  const launches: Launch[] = [];
  const out: CheckFinding[] = errors.map((e) => fileError(file.path, e.line, e.message));
  for (const svc of services) {
    out.push(...svc.errors.map((e) => fileError(file.path, e.line, e.message)));
    const name = `service ${svc.name}`;
    const findings: CheckFinding[] = [];
    const image = imageOf(svc, file.path, ctx.files, name, findings);
    const command = composeCommand(svc, image?.stage);
    if (command === undefined) continue;
    // The service's own command, or the image's as its Dockerfile writes it.
    const own = svc.cmd !== undefined || svc.entrypoint !== undefined || !image;
    const source = own ? at(file.path, svc.commandLine) : at(image.file.path, command.line);
    const env: Env = { ...ctx.baseEnv, ...(image ? envOf(image.stage.env, image.file.path) : {}) };
    for (const f of svc.envFiles) {
      const found = ctx.files.find(f.path, file.path, 'dotenv', { bareNames: true });
      if (found) readDotenv(env, found.path, found.text);
      else if (f.required) findings.push(checkFinding('ENV_FILE_MISSING', 'warning', { path: f.path, service: svc.name }, at(file.path, f.line)));
    }
    Object.assign(env, envOf(svc.environment, file.path));
    for (const k of svc.passThrough) if (ctx.processEnv[k]) env[k] = ctx.processEnv[k]!;
    const limits: Target['limits'] = {};
    if (svc.memBytes !== undefined) limits.memBytes = svc.memBytes;
    if (svc.cpus !== undefined) limits.cpus = svc.cpus;
    if (svc.limitsLine !== undefined) limits.source = at(file.path, svc.limitsLine);
    const unlimited = svc.unlimited.map((u) => ({ what: u.what, value: u.value, source: at(file.path, u.line), ...(u.raw !== undefined ? { raw: u.raw } : {}) }));
    for (const u of unlimited) findings.push(checkFinding('NO_LIMIT', 'info', { what: u.what, value: u.value, ...(u.raw !== undefined ? { raw: u.raw } : {}) }, u.source));
    launches.push({ name, source, command: command.value, from: own ? file.path : image.file.path, env, limits, ...(unlimited.length ? { unlimited } : {}), findings });
  }
  return { launches, errors: out };
}

/** The image a service runs: the Dockerfile of its build context, or the only Dockerfile given. */
function imageOf(svc: ComposeService, composePath: string, files: ProjectFiles, name: string, findings: CheckFinding[]): { stage: DockerStage; file: ProjectFile } | undefined {
  let file: ProjectFile | undefined;
  if (svc.build) {
    const ref = posix.join(svc.build.context, svc.build.dockerfile ?? 'Dockerfile');
    file = files.find(ref, composePath, 'dockerfile', { bareNames: true });
  } else if (svc.image !== undefined) {
    const given = files.ofKind('dockerfile');
    // The project's own Dockerfile given beside the compose file, and a command that is only arguments
    // (`webapp:server --workers=4`): taken to be the arguments of the image that Dockerfile builds.
    if (given.length === 1 && argumentsOnly(svc)) {
      file = given[0];
      findings.push(checkFinding('IMAGE_ASSUMED', 'info', { target: name, image: svc.image, dockerfile: file!.path }, at(composePath, svc.line)));
    }
  }
  if (!file) return undefined;
  files.use(file);
  const df = parseDockerfile(file.text);
  const stage = svc.build?.target !== undefined ? df.stages.find((s) => s.name === svc.build!.target) : df.stages.at(-1);
  return stage ? { stage, file } : undefined;
}

/** A command that starts with an option or an app (`module:attr`) is the arguments of the image's ENTRYPOINT. */
function argumentsOnly(svc: ComposeService): boolean {
  if (svc.entrypoint !== undefined || svc.cmd === undefined) return false;
  const first = Array.isArray(svc.cmd) ? svc.cmd[0] : shellWords(svc.cmd, { shlex: true }).words[0];
  return first !== undefined && (first.startsWith('-') || /^[\w.]+:[\w.()]+$/.test(first));
}

// The apache/airflow image's entrypoint runs `exec airflow "$@"` (scripts/docker/entrypoint_prod.sh): `command: webserver` is `airflow webserver`.
const AIRFLOW_IMAGE = /^(?:[\w.-]+(?::\d+)?\/)?apache\/airflow(?::|@|$)/;

/** compose's entrypoint/command over the image's ENTRYPOINT/CMD (an entrypoint resets the image's CMD). */
function composeCommand(svc: ComposeService, stage: DockerStage | undefined): DockerCommand | undefined {
  if (!stage && svc.entrypoint === undefined && svc.cmd !== undefined && svc.image !== undefined && AIRFLOW_IMAGE.test(svc.image)) {
    const words = Array.isArray(svc.cmd) ? svc.cmd : shellWords(svc.cmd, { shlex: true }).words;
    if (words[0] !== 'airflow' && words[0] !== 'bash' && words[0] !== 'python') return { value: ['airflow', ...words], line: svc.commandLine ?? 0 };
  }
  if (!stage) return svc.command === undefined ? undefined : { value: svc.command, line: svc.commandLine ?? 0 };
  const entrypoint = svc.entrypoint !== undefined ? asExec({ value: svc.entrypoint, line: 0 }) : stage.entrypoint;
  const cmd = svc.cmd !== undefined ? asExec({ value: svc.cmd, line: 0 }) : svc.entrypoint !== undefined ? undefined : stage.cmd;
  return stageCommand({ line: stage.line, from: stage.from, env: stage.env, ...(entrypoint ? { entrypoint } : {}), ...(cmd ? { cmd } : {}) });
}

/** compose splits a string command into words (no shell is involved). */
function asExec(c: DockerCommand): DockerCommand {
  return typeof c.value === 'string' ? { ...c, value: shellWords(c.value, { shlex: true }).words } : c;
}

export function procfileLaunches(file: ProjectFile, ctx: LaunchContext): { launches: Launch[]; errors: CheckFinding[] } {
  const { entries, errors } = parseProcfile(file.text);
  const out = errors.map((e) => fileError(file.path, e.line, e.message));
  const env = { ...ctx.baseEnv, ...ctx.processEnv };
  const launches: Launch[] = [];
  for (const e of entries) {
    const same = entries.filter((x) => x.name === e.name);
    const findings: CheckFinding[] = [];
    if (same.length > 1 && same[0] === e) findings.push(checkFinding('DUPLICATE_PROCESS', 'warning', { name: e.name, lines: same.map((x) => x.line).join(', ') }, at(file.path, e.line)));
    const name = same.length > 1 ? `Procfile ${e.name} (line ${e.line})` : `Procfile ${e.name}`;
    launches.push({ name, source: at(file.path, e.line), command: e.command, from: file.path, env, limits: {}, findings });
  }
  return { launches, errors: out };
}

export function renderLaunches(file: ProjectFile, services: RenderService[], ctx: LaunchContext): Launch[] {
  // Render gives a web service PORT=10000 unless it sets its own (render.com/docs/web-services#port-binding).
  const platform: Env = { PORT: { value: '10000', source: at(file.path) } };
  return services
    .filter((s) => s.command !== undefined)
    .map((s) => ({ name: `Render ${s.name}`, source: at(file.path, s.line), command: s.command!, from: file.path, env: { ...ctx.baseEnv, ...platform, ...envOf(s.env, file.path) }, limits: {}, findings: [] }));
}

export function k8sLaunches(containers: K8sContainer[], ctx: LaunchContext): Launch[] {
  const out: Launch[] = [];
  for (const c of containers) {
    const findings: CheckFinding[] = [];
    let stage: DockerStage | undefined;
    let image: ProjectFile | undefined;
    const given = ctx.files.ofKind('dockerfile');
    if (c.command === undefined && given.length === 1) {
      image = ctx.files.use(given[0]!);
      stage = parseDockerfile(image.text).stages.at(-1);
      findings.push(checkFinding('IMAGE_ASSUMED', 'info', { target: c.name, dockerfile: image.path }, at(c.file, c.line)));
    }
    // "If you supply only args, the default Entrypoint runs with your args"; a command drops the image's CMD.
    const entry = c.command ?? stage?.entrypoint?.value;
    const args = c.args ?? (c.command !== undefined ? undefined : stage?.cmd?.value);
    const combined = stage
      ? stageCommand({ line: stage.line, from: stage.from, env: stage.env, ...(entry !== undefined ? { entrypoint: { value: entry, line: stage.entrypoint?.line ?? 0 } } : {}), ...(args !== undefined ? { cmd: { value: args, line: stage.cmd?.line ?? 0 } } : {}) })
      : undefined;
    let wrapper: string | undefined;
    let command = combined?.value ?? (entry !== undefined && Array.isArray(entry) ? [...entry, ...(Array.isArray(args) ? args : [])] : undefined);
    if (command === undefined && entry === undefined && Array.isArray(c.args) && c.args.length > 0) {
      // Only args, and an image we cannot see: its ENTRYPOINT (tini, an `exec "$@"` script) taken to run them.
      command = c.args;
      wrapper = "the image's ENTRYPOINT";
    }
    if (command === undefined) continue;
    const source = c.command !== undefined || c.args !== undefined ? at(c.file, c.commandLine) : image && combined?.line ? at(image.path, combined.line) : at(c.file, c.line);
    const limitsFrom = c.limits.memBytes !== undefined || c.limits.cpus !== undefined ? c.limits : c.podLimits;
    const limits: Target['limits'] = {};
    if (limitsFrom?.memBytes !== undefined) limits.memBytes = limitsFrom.memBytes;
    if (limitsFrom?.cpus !== undefined) limits.cpus = limitsFrom.cpus;
    if (limitsFrom?.line !== undefined) limits.source = at(c.file, limitsFrom.line);
    const env: Env = { ...ctx.baseEnv, ...(stage ? envOf(stage.env, image!.path) : {}), ...envOf(c.env, c.file) };
    out.push({
      name: c.name,
      source,
      command,
      from: c.file,
      env,
      limits,
      ...(c.grace ? { shutdownGrace: { seconds: c.grace.seconds, source: at(c.file, c.grace.line) } } : {}),
      ...(c.unresolved.length ? { unresolved: c.unresolved } : {}),
      ...(wrapper ? { wrapper } : {}),
      findings: [...findings, ...c.errors.map((e) => fileError(c.file, e.line, e.message))],
    });
  }
  return out;
}

/** A Dockerfile nobody else runs: each stage's command (stages that run the same are one launch). */
export function dockerLaunches(file: ProjectFile, ctx: LaunchContext): Launch[] {
  const df = parseDockerfile(file.text);
  const seen = new Map<string, Launch>();
  for (const stage of df.stages) {
    const cmd = stageCommand(stage);
    if (!cmd) continue;
    const env = { ...ctx.baseEnv, ...envOf(stage.env, file.path), ...ctx.processEnv };
    const key = JSON.stringify([cmd.value, values(env)]);
    if (seen.has(key)) continue;
    const name = `${posix.basename(file.path)}${stage.name ? ` (stage ${stage.name})` : ''}`;
    seen.set(key, { name, source: at(file.path, cmd.line), command: cmd.value, from: file.path, env, limits: {}, findings: [] });
  }
  const launches = [...seen.values()];
  // One launch is named by the file alone.
  if (launches.length === 1) launches[0]!.name = posix.basename(file.path);
  return launches;
}

/** A start script given on its own: run as its shebang's shell would, without arguments. */
export function scriptLaunch(file: ProjectFile, ctx: LaunchContext): Launch {
  return { name: file.path, source: at(file.path), command: [file.path], from: file.path, env: { ...ctx.baseEnv, ...ctx.processEnv }, limits: {}, findings: [] };
}

export function fileError(file: string, line: number | undefined, message: string): CheckFinding {
  return { code: 'FILE_ERROR', severity: 'error', args: { message }, file, ...(line !== undefined ? { line } : {}) };
}
