// One server process's effective settings, resolved the way the server itself does: gunicorn —
// WEB_CONCURRENCY < config file < GUNICORN_CMD_ARGS < flags; uvicorn — WEB_CONCURRENCY / UVICORN_* <
// flags; waitress — flags. Values are converted and validated by the servers' own validators for the
// version in use (src/servers).
import type { Server } from '../core/classes.js';
import type { SettingValue } from '../core/types.js';
import { toPlain } from '../servers/py.js';
import { validateSetting } from '../servers/validators.js';
import { parseGunicornCmdArgs, type ArgError, type ParsedCommand } from './cmdline.js';
import { evaluateConfigFile } from './config-file.js';
import { checkFinding } from './findings.js';
import { didYouMean, knownSetting, settingNames } from './known-settings.js';
import type { Env } from './launches.js';
import type { ProjectFiles } from './project-files.js';
import type { CheckFinding, Effective, SourceRef, Target } from './types.js';

/** Catalogue versions per server (src/servers labels); absent: the newest the catalogue knows. */
export type Versions = Partial<Record<Server, string>>;

export interface ResolveContext {
  files: ProjectFiles;
  cpus: number;
  memBytes?: number;
  versions: Versions;
  configFile?: string;
}

// Settings the model judges: a value we cannot resolve changes the verdict; elsewhere (bind, port: the
// platform's $PORT) it is only noted.
const JUDGED = new Set(['workers', 'worker_class', 'threads', 'worker_connections', 'preload_app', 'timeout', 'graceful_timeout', 'keepalive', 'max_requests', 'max_requests_jitter', 'backlog', 'limit_concurrency', 'connection_limit']);

interface LaunchInfo {
  limits: Target['limits'];
  from?: string;
  unlimited?: Target['unlimited'];
  shutdownGrace?: Target['shutdownGrace'];
}

export function resolveTarget(name: string, source: SourceRef, cmd: ParsedCommand, baseEnv: Env, launch: LaunchInfo, ctx: ResolveContext): Target {
  // `WEB_CONCURRENCY=4 gunicorn …`: assignments in front of the command win over the files.
  const env: Env = { ...baseEnv };
  for (const [k, value] of Object.entries(cmd.env ?? {})) env[k] = { value, source };
  const version = ctx.versions[cmd.server];
  const target: Target = { name, server: cmd.server, source, settings: {}, limits: launch.limits, findings: [], ...(version ? { version } : {}) };
  if (launch.unlimited) target.unlimited = launch.unlimited;
  if (launch.shutdownGrace) target.shutdownGrace = launch.shutdownGrace;
  const set = (key: string, value: SettingValue, src: SourceRef, via: Effective['via']) => (target.settings[key] = { value, source: src, via });
  const note = (f: CheckFinding) => target.findings.push({ ...f, target: name });

  // Why the server would not start with this command line.
  for (const e of cmd.errors) note(argError(e, cmd.server, source));
  for (const u of cmd.unknownFlags) note(checkFinding('UNKNOWN_FLAG', 'error', { flag: u.flag, server: cmd.server, ...(u.suggestion ? { suggestion: u.suggestion } : {}) }, at(source)));
  for (const a of cmd.abbreviations ?? []) note(checkFinding('ABBREVIATED_FLAG', 'warning', { flag: a.flag, full: a.full }, at(source)));

  if (cmd.server === 'gunicorn') gunicornLayers(target, cmd, env, launch, ctx, set, note);
  else if (cmd.server === 'uvicorn') uvicornLayers(target, env, note);
  for (const [k, v] of Object.entries(cmd.settings)) {
    if (v.unresolved) {
      // `--workers $WORKERS` with WORKERS set nowhere we can see: the value is not known, not "$WORKERS".
      note(checkFinding('UNRESOLVED_VALUE', JUDGED.has(k) ? 'warning' : 'info', { setting: k, raw: v.raw, judged: JUDGED.has(k) }, { setting: k, ...at(source) }));
      continue;
    }
    set(k, v.value, source, 'cli');
  }
  return target;
}

type Setter = (key: string, value: SettingValue, src: SourceRef, via: Effective['via']) => void;

function gunicornLayers(target: Target, cmd: ParsedCommand, env: Env, launch: LaunchInfo, ctx: ResolveContext, set: Setter, note: (f: CheckFinding) => void): void {
  const version = ctx.versions.gunicorn;
  // Read at import: int(os.environ.get('WEB_CONCURRENCY', 1)), then validate_pos_int.
  if (env.WEB_CONCURRENCY) fromEnv(target, 'workers', 'WEB_CONCURRENCY', env.WEB_CONCURRENCY, note, version);
  const cmdArgs = env.GUNICORN_CMD_ARGS ? parseGunicornCmdArgs(env.GUNICORN_CMD_ARGS.value, version) : undefined;
  // gunicorn loads -c, else GUNICORN_CMD_ARGS's -c, else ./gunicorn.conf.py when it exists.
  const named = cmd.configFile ?? (cmdArgs?.configFile as string | undefined) ?? ctx.configFile;
  const confPath = named ?? 'gunicorn.conf.py';
  const conf = ctx.files.find(confPath, launch.from, 'gunicorn-conf', { bareNames: true });
  if (!conf && named !== undefined) note(checkFinding('CONFIG_NOT_FOUND', 'warning', { path: named, base: named.split('/').pop()! }, at(target.source)));
  if (conf) {
    const envValues = Object.fromEntries(Object.entries(env).map(([k, v]) => [k, v.value]));
    const r = evaluateConfigFile(conf.text, { cpus: ctx.cpus, env: envValues, ...(ctx.memBytes !== undefined ? { memBytes: ctx.memBytes } : {}), ...(version ? { version } : {}) });
    for (const [k, v] of Object.entries(r.settings)) set(k, v.value, { file: conf.path, line: v.line }, 'config');
    for (const f of r.findings) note({ ...f, file: conf.path });
  }
  if (cmdArgs) {
    const src = env.GUNICORN_CMD_ARGS!.source;
    for (const e of cmdArgs.errors) note(argError(e, 'gunicorn', src, 'GUNICORN_CMD_ARGS'));
    for (const u of cmdArgs.unknownFlags) note(checkFinding('UNKNOWN_FLAG', 'error', { flag: u.flag, server: 'gunicorn', ...(u.suggestion ? { suggestion: u.suggestion } : {}) }, at(src)));
    for (const [k, v] of Object.entries(cmdArgs.settings)) set(k, v.value, src, 'cmd-args');
  }
}

function uvicornLayers(target: Target, env: Env, note: (f: CheckFinding) => void): void {
  // uvicorn.Config reads $WEB_CONCURRENCY when --workers is not given; click reads UVICORN_<OPTION> for every option.
  if (env.WEB_CONCURRENCY) fromEnv(target, 'workers', 'WEB_CONCURRENCY', env.WEB_CONCURRENCY, note);
  for (const [k, v] of Object.entries(env)) {
    if (!k.startsWith('UVICORN_') || k === 'UVICORN_APP') continue;
    const key = k.slice(8).toLowerCase();
    if (!knownSetting('uvicorn', key)?.env.includes(k)) {
      const suggestion = didYouMean(key, settingNames('uvicorn'));
      if (suggestion) note(checkFinding('UNKNOWN_SETTING', 'error', { name: k, server: 'uvicorn', suggestion: `UVICORN_${suggestion.toUpperCase()}` }, at(v.source)));
      continue;
    }
    // click skips an empty variable.
    if (v.value !== '') fromEnv(target, key, k, v, note);
  }
}

/**
 * A setting read from an environment variable, converted and validated the way the server does
 * (src/servers validators); a value the server refuses is an error finding naming the variable.
 */
function fromEnv(target: Target, key: string, envVar: string, v: { value: string; source: SourceRef }, note: (f: CheckFinding) => void, version?: string) {
  const checked = validateSetting(target.server, key, v.value, { via: 'env', envVar, ...(version ? { version } : {}) });
  if (checked?.ok === false) {
    note(checkFinding('INVALID_VALUE', 'error', { setting: envVar, value: v.value, reason: `${checked.type}: ${checked.message}` }, { setting: key, ...at(v.source) }));
    return;
  }
  const plain = checked?.ok === true ? toPlain(checked.value) : v.value;
  const value: SettingValue = typeof plain === 'number' || typeof plain === 'boolean' || typeof plain === 'string' || plain === null ? plain : v.value;
  target.settings[key] = { value, source: v.source, via: 'env' };
}

function at(src: SourceRef): { file: string; line?: number } {
  return { file: src.file, ...(src.line !== undefined ? { line: src.line } : {}) };
}

/** A command-line problem as a finding: the server's own words, or which rule applies. */
function argError(e: ArgError, server: Server, where: SourceRef, via?: string): CheckFinding {
  const loc = at(where);
  switch (e.code) {
    case 'SERVER_REFUSES':
      return checkFinding('SERVER_REFUSES', 'error', { server, message: via ? `${via}: ${e.message}` : e.message }, loc);
    case 'SHELL_SYNTAX':
      return checkFinding('SHELL_SYNTAX', 'error', { message: via ? `${via}: ${e.message}` : e.message }, loc);
    case 'EXITS_INSTEAD':
      return checkFinding('EXITS_INSTEAD', 'error', { server, flag: e.flag, prints: e.prints }, loc);
    case 'REMOVED_OPTION':
      return checkFinding('REMOVED_OPTION', 'error', { server, flag: e.flag, version: e.version }, loc);
    case 'IGNORED_AFTER_APP':
      return checkFinding('IGNORED_AFTER_APP', 'warning', { server, flags: e.flags }, loc);
  }
}
