// From a project's files to the server processes it starts, each with its effective settings: every
// place a command lives (compose, Procfile, Render, Kubernetes, Dockerfile, start scripts, --cmd)
// gives launches (launches.ts); each launch's command is followed to the server it starts
// (cmdline.ts), and its settings are resolved the way that server does (resolve-target.ts). Pure:
// files arrive read, and files they name are read on request.
import { parse as parseDotenv } from 'dotenv';
import { parseDocument } from 'yaml';
import { parseCommands } from './cmdline.js';
import { checkFinding } from './findings.js';
import { configSources, k8sContainers, looksLikeContainer, looksLikeK8s, readManifests, type K8sDocument } from './k8s.js';
import { composeLaunches, dockerLaunches, fileError, k8sLaunches, procfileLaunches, renderLaunches, scriptLaunch, type Env, type Launch, type LaunchContext } from './launches.js';
import { ProjectFiles } from './project-files.js';
import { looksLikeRender, parseRenderYaml } from './render-yaml.js';
import { resolveTarget, type ResolveContext, type Versions } from './resolve-target.js';
import type { CheckFinding, ProjectFile, SourceRef, Target } from './types.js';


export interface TargetOptions {
  cpus: number;
  /** The memory budget: what psutil.virtual_memory().total means while a config file is evaluated. */
  memBytes?: number;
  /** A server command line given with --cmd. */
  cmd?: string;
  /** `-c file`: the config file gunicorn loads, for every gunicorn process that names none itself. */
  configFile?: string;
  /** Files referenced by others (env_file, entrypoint scripts, build contexts), read on request. */
  read?: (path: string) => string | undefined;
  /** The server versions to judge against. */
  versions?: Versions;
  /** The process environment, counted at the precedence it has at run time (--env-from-process). */
  processEnv?: Record<string, string>;
}

export interface BuiltTargets {
  targets: Target[];
  findings: CheckFinding[];
  /** Files read on request because another file names them. */
  read: ProjectFile[];
  /** Scripts commands run that are not among the files. */
  missing: string[];
}

export function buildTargets(given: ProjectFile[], opts: TargetOptions): BuiltTargets {
  const files = new ProjectFiles(given, opts.read);
  const findings: CheckFinding[] = [];
  const baseEnv: Env = {};
  for (const f of files.ofKind('dotenv')) addDotenv(baseEnv, f.path, f.text);
  const processEnv: Env = Object.fromEntries(Object.entries(opts.processEnv ?? {}).map(([k, value]) => [k, { value, source: { file: 'environment' } }]));
  const ctx: LaunchContext = { files, baseEnv, processEnv };

  const launches: Launch[] = [];
  const k8sDocs: K8sDocument[] = [];
  for (const f of files.ofKind('compose', 'yaml', 'k8s', 'render')) {
    const kind = f.kind === 'yaml' || f.kind === 'compose' ? yamlKind(f) : f.kind;
    if (kind === 'k8s') {
      const { docs, errors } = readManifests(f.path, f.text);
      findings.push(...errors.map((e) => fileError(f.path, e.line, e.message)));
      k8sDocs.push(...docs);
    } else if (kind === 'render') {
      const { services, errors } = parseRenderYaml(f.text);
      findings.push(...errors.map((e) => fileError(f.path, e.line, e.message)));
      launches.push(...renderLaunches(f, services, ctx));
    } else {
      const r = composeLaunches(f, ctx, addDotenv);
      findings.push(...r.errors);
      launches.push(...r.launches);
    }
  }
  launches.push(...k8sLaunches(k8sContainers(k8sDocs, configSources(k8sDocs)), ctx));
  for (const f of files.ofKind('procfile')) {
    const r = procfileLaunches(f, ctx);
    findings.push(...r.errors);
    launches.push(...r.launches);
  }
  if (opts.cmd !== undefined) launches.push({ name: '--cmd', source: { file: '--cmd' }, command: opts.cmd, env: { ...baseEnv, ...processEnv }, limits: {}, findings: [] });

  const rctx: ResolveContext = { files, cpus: opts.cpus, ...(opts.memBytes !== undefined ? { memBytes: opts.memBytes } : {}), versions: opts.versions ?? {}, ...(opts.configFile ? { configFile: opts.configFile } : {}) };
  const missing: string[] = [];
  const targets = run(launches, rctx, missing);
  // Dockerfiles and scripts that no other file runs start processes of their own.
  for (const f of files.ofKind('dockerfile')) if (!files.used.has(f.path)) targets.push(...run(dockerLaunches(f, ctx), rctx, missing));
  for (const f of files.ofKind('script')) if (!files.used.has(f.path)) targets.push(...run([scriptLaunch(f, ctx)], rctx, missing));

  // A config file alone is a gunicorn started without flags (gunicorn auto-loads ./gunicorn.conf.py; -c names another).
  const confs = files.ofKind('gunicorn-conf');
  const lone = opts.configFile ?? confs[0]?.path;
  if (targets.length === 0 && lone !== undefined) {
    const env = { ...baseEnv, ...processEnv };
    const parsed = { server: 'gunicorn' as const, program: 'gunicorn', env: {}, args: [], settings: {}, configFile: lone, unknownFlags: [], abbreviations: [], errors: [] };
    targets.push(resolveTarget(lone, { file: lone }, parsed, env, { limits: {}, from: lone }, rctx));
  }
  return { targets, findings, read: files.extra, missing: [...new Set(missing)] };
}

/** Each launch's command followed to the servers it starts; one launch may start several (a script's branches). */
function run(launches: Launch[], rctx: ResolveContext, missing: string[]): Target[] {
  const out: Target[] = [];
  for (const l of launches) {
    const lost: string[] = [];
    const env = Object.fromEntries(Object.entries(l.env).map(([k, v]) => [k, v.value]));
    const parsed = parseCommands(l.command, env, {
      script: (p) => {
        const f = rctx.files.find(p, l.from, 'script');
        return f && { path: rctx.files.use(f).path, text: f.text };
      },
      versions: rctx.versions,
      ...(l.unresolved ? { unresolved: l.unresolved } : {}),
      missing: (p) => lost.push(p),
    });
    if (parsed.length === 0) {
      missing.push(...lost);
      continue;
    }
    parsed.forEach((p) => {
      const name = parsed.length > 1 ? `${l.name} (${p.script ? `${p.script.file}:${p.script.line}` : p.program})` : l.name;
      const source: SourceRef = p.script ? { file: p.script.file, line: p.script.line } : l.source;
      const target = resolveTarget(name, source, p, l.env, { limits: l.limits, ...(l.from ? { from: l.from } : {}), ...(l.unlimited ? { unlimited: l.unlimited } : {}), ...(l.shutdownGrace ? { shutdownGrace: l.shutdownGrace } : {}) }, rctx);
      const unresolved = [...new Set(target.findings.flatMap((f) => ((f.code === 'UNRESOLVED_VALUE' || f.code === 'UNEVALUATED') && f.setting ? [f.setting] : [])))].join(', ');
      // A missing env_file says which settings it may have set.
      const own = l.findings.map((f) => (f.code === 'ENV_FILE_MISSING' && unresolved ? { ...f, args: { ...f.args, unresolved } } : f));
      target.findings.unshift(...own.map((f) => ({ ...f, target: name }) as CheckFinding));
      const wrapper = p.wrapper ?? l.wrapper;
      if (wrapper) target.findings.push(checkFinding('WRAPPER_ASSUMED', 'info', { wrapper, server: p.server }, { target: name, ...source }));
      out.push(target);
    });
  }
  return out;
}

/** What a YAML file is: Kubernetes (apiVersion + kind), a Render blueprint, or compose. */
function yamlKind(f: ProjectFile): 'k8s' | 'render' | 'compose' {
  const { docs } = readManifests(f.path, f.text);
  if (docs.length > 0 && docs.every((d) => looksLikeK8s(d.value) || looksLikeContainer(d.value))) return 'k8s';
  const first = parseDocument(f.text, { prettyErrors: false, uniqueKeys: false });
  if (first.errors.length === 0) {
    try {
      if (looksLikeRender(first.toJS({ maxAliasCount: 100 }))) return 'render';
    } catch {
      // compose reports what is wrong with it.
    }
  }
  return 'compose';
}

function addDotenv(env: Env, file: string, text: string) {
  const parsed = parseDotenv(text);
  const lines = text.split(/\r?\n/);
  for (const [k, value] of Object.entries(parsed)) {
    const i = lines.findIndex((l) => new RegExp(`^\\s*(export\\s+)?${k}\\s*=`).test(l));
    env[k] = { value, source: { file, ...(i >= 0 ? { line: i + 1 } : {}) } };
  }
}
