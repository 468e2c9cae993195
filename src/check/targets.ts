// From a project's files to the server processes it starts, each with its effective settings, resolved
// the way the server itself does: gunicorn — WEB_CONCURRENCY < config file < GUNICORN_CMD_ARGS < flags;
// uvicorn — WEB_CONCURRENCY / UVICORN_* < flags; waitress — flags. Pure: files arrive already read.
import { parse as parseDotenv } from 'dotenv';
import type { Server } from '../core/classes.js';
import type { SettingValue } from '../core/types.js';
import { parseCommand, parseGunicornCmdArgs, type ArgError, type ParsedCommand } from './cmdline.js';
import { parseCompose } from './compose.js';
import { evaluateConfigFile } from './config-file.js';
import { toPlain } from '../servers/py.js';
import { validateSetting } from '../servers/validators.js';
import { didYouMean, knownSetting, settingNames } from './known-settings.js';
import { parseProcfile } from './procfile.js';
import { checkFinding } from './findings.js';
import type { CheckFinding, Effective, ProjectFile, SourceRef, Target } from './types.js';

export interface TargetOptions {
  cpus: number;
  /** A server command line given with --cmd. */
  cmd?: string;
  /** Files referenced by others (compose env_file) that the caller can read on request. */
  read?: (path: string) => string | undefined;
}

type Env = Record<string, { value: string; source: SourceRef }>;

export function buildTargets(files: ProjectFile[], opts: TargetOptions): { targets: Target[]; findings: CheckFinding[] } {
  const findings: CheckFinding[] = [];
  const baseEnv: Env = {};
  for (const f of files.filter((x) => x.kind === 'dotenv')) addDotenv(baseEnv, f.path, f.text);
  const vars = Object.fromEntries(Object.entries(baseEnv).map(([k, v]) => [k, v.value]));
  const confs = files.filter((f) => f.kind === 'gunicorn-conf');

  const targets: Target[] = [];
  const add = (name: string, source: SourceRef, command: string | string[], env: Env, limits: Target['limits'] = {}) => {
    const parsed = parseCommand(command, vars);
    if (!parsed) return;
    targets.push(resolveTarget(name, source, parsed, env, confs, opts, limits));
  };

  for (const f of files.filter((x) => x.kind === 'compose')) {
    const { services, errors } = parseCompose(f.text, vars);
    for (const e of errors) findings.push(fileError(f.path, e.line, e.message));
    for (const svc of services) {
      for (const e of svc.errors) findings.push(fileError(f.path, e.line, e.message));
      if (svc.command === undefined) continue;
      const env: Env = { ...baseEnv };
      for (const p of svc.envFiles) {
        const text = opts.read?.(p);
        if (text === undefined) findings.push(fileError(f.path, svc.commandLine, `env_file ${p} could not be read`));
        else addDotenv(env, p, text);
      }
      for (const [k, v] of Object.entries(svc.environment)) env[k] = { value: v.value, source: { file: f.path, ...(v.line ? { line: v.line } : {}) } };
      const limits: Target['limits'] = {};
      if (svc.memBytes !== undefined) limits.memBytes = svc.memBytes;
      if (svc.cpus !== undefined) limits.cpus = svc.cpus;
      if (svc.limitsLine !== undefined) limits.source = { file: f.path, line: svc.limitsLine };
      add(`service ${svc.name}`, { file: f.path, ...(svc.commandLine ? { line: svc.commandLine } : {}) }, svc.command, env, limits);
    }
  }
  for (const f of files.filter((x) => x.kind === 'procfile')) {
    const { entries, errors } = parseProcfile(f.text);
    for (const e of errors) findings.push(fileError(f.path, e.line, e.message));
    for (const e of entries) add(`Procfile ${e.name}`, { file: f.path, line: e.line }, e.command, baseEnv);
  }
  if (opts.cmd !== undefined) add('--cmd', { file: '--cmd' }, opts.cmd, baseEnv);
  // A gunicorn.conf.py alone is a gunicorn started without flags (gunicorn auto-loads it).
  if (targets.length === 0 && confs.length > 0) {
    const conf = confs[0]!;
    targets.push(resolveTarget(conf.path, { file: conf.path }, { server: 'gunicorn', program: 'gunicorn', env: {}, args: [], settings: {}, configFile: conf.path, unknownFlags: [], abbreviations: [], errors: [] }, baseEnv, confs, opts, {}));
  }
  return { targets, findings };
}

function resolveTarget(name: string, source: SourceRef, cmd: ParsedCommand, baseEnv: Env, confs: ProjectFile[], opts: TargetOptions, limits: Target['limits']): Target {
  // `WEB_CONCURRENCY=4 gunicorn …`: assignments in front of the command win over the files.
  const env: Env = { ...baseEnv };
  for (const [k, value] of Object.entries(cmd.env ?? {})) env[k] = { value, source };
  const target: Target = { name, server: cmd.server, source, settings: {}, limits, findings: [] };
  const set = (key: string, value: SettingValue, src: SourceRef, via: Effective['via']) => (target.settings[key] = { value, source: src, via });
  const note = (f: CheckFinding) => target.findings.push({ ...f, target: name });

  // Why the server would not start with this command line.
  for (const e of cmd.errors) note(argError(e, cmd.server, source));
  for (const u of cmd.unknownFlags)
    note({ code: 'UNKNOWN_FLAG', severity: 'error', args: { flag: u.flag, server: cmd.server, ...(u.suggestion ? { suggestion: u.suggestion } : {}) }, ...at(source) });
  for (const a of cmd.abbreviations ?? []) note({ code: 'ABBREVIATED_FLAG', severity: 'warning', args: { flag: a.flag, full: a.full }, ...at(source) });

  if (cmd.server === 'gunicorn') {
    // Read at import: int(os.environ.get('WEB_CONCURRENCY', 1)), then validate_pos_int.
    if (env.WEB_CONCURRENCY) fromEnv(target, 'workers', 'WEB_CONCURRENCY', env.WEB_CONCURRENCY, note);
    const cmdArgs = env.GUNICORN_CMD_ARGS ? parseGunicornCmdArgs(env.GUNICORN_CMD_ARGS.value) : undefined;
    const confPath = cmd.configFile ?? (cmdArgs?.configFile as string | undefined) ?? defaultConfig(confs);
    if (confPath !== undefined) {
      const conf = findConf(confs, confPath);
      if (!conf) note({ code: 'CONFIG_NOT_FOUND', severity: 'warning', args: { path: confPath, base: confPath.split('/').pop()! }, ...at(source) });
      else {
        const envValues = Object.fromEntries(Object.entries(env).map(([k, v]) => [k, v.value]));
        const r = evaluateConfigFile(conf.text, { cpus: opts.cpus, env: envValues });
        for (const [k, v] of Object.entries(r.settings)) set(k, v.value, { file: conf.path, line: v.line }, 'config');
        for (const f of r.findings) note({ ...f, file: conf.path });
      }
    }
    if (cmdArgs) {
      for (const e of cmdArgs.errors) note(argError(e, 'gunicorn', env.GUNICORN_CMD_ARGS!.source, 'GUNICORN_CMD_ARGS'));
      for (const u of cmdArgs.unknownFlags)
        note({ code: 'UNKNOWN_FLAG', severity: 'error', args: { flag: u.flag, server: 'gunicorn', ...(u.suggestion ? { suggestion: u.suggestion } : {}) }, ...at(env.GUNICORN_CMD_ARGS!.source) });
      for (const [k, v] of Object.entries(cmdArgs.settings)) set(k, v.value, env.GUNICORN_CMD_ARGS!.source, 'cmd-args');
    }
  } else if (cmd.server === 'uvicorn') {
    // uvicorn.Config reads $WEB_CONCURRENCY when --workers is not given; click reads UVICORN_<OPTION> for every option.
    if (env.WEB_CONCURRENCY) fromEnv(target, 'workers', 'WEB_CONCURRENCY', env.WEB_CONCURRENCY, note);
    for (const [k, v] of Object.entries(env)) {
      if (!k.startsWith('UVICORN_') || k === 'UVICORN_APP') continue;
      const key = k.slice(8).toLowerCase();
      if (!knownSetting('uvicorn', key)?.env.includes(k)) {
        const suggestion = didYouMean(key, settingNames('uvicorn'));
        if (suggestion) note({ code: 'UNKNOWN_SETTING', severity: 'error', args: { name: k, server: 'uvicorn', suggestion: `UVICORN_${suggestion.toUpperCase()}` }, ...at(v.source) });
        continue;
      }
      // click skips an empty variable.
      if (v.value !== '') fromEnv(target, key, k, v, note);
    }
  }
  for (const [k, v] of Object.entries(cmd.settings)) set(k, v.value, source, 'cli');
  return target;
}

/**
 * A setting read from an environment variable, converted and validated the way the server does
 * (src/servers validators); a value the server refuses is an error finding naming the variable.
 */
function fromEnv(target: Target, key: string, envVar: string, v: { value: string; source: SourceRef }, note: (f: CheckFinding) => void) {
  const checked = validateSetting(target.server, key, v.value, { via: 'env', envVar });
  if (checked?.ok === false) {
    note({ code: 'INVALID_VALUE', severity: 'error', setting: key, args: { setting: envVar, value: v.value, reason: `${checked.type}: ${checked.message}` }, ...at(v.source) });
    return;
  }
  const plain = checked?.ok === true ? toPlain(checked.value) : v.value;
  const value: SettingValue = typeof plain === 'number' || typeof plain === 'boolean' || typeof plain === 'string' || plain === null ? plain : v.value;
  target.settings[key] = { value, source: v.source, via: 'env' };
}

function defaultConfig(confs: ProjectFile[]): string | undefined {
  return confs.find((c) => /(^|\/)gunicorn\.conf\.py$/.test(c.path))?.path;
}

/** Config paths in commands are container paths (/app/gunicorn_conf.py): match by file name. */
function findConf(confs: ProjectFile[], p: string): ProjectFile | undefined {
  const base = p.split('/').pop();
  return confs.find((c) => c.path === p) ?? confs.find((c) => c.path.split('/').pop() === base);
}

function addDotenv(env: Env, file: string, text: string) {
  const parsed = parseDotenv(text);
  const lines = text.split(/\r?\n/);
  for (const [k, value] of Object.entries(parsed)) {
    const i = lines.findIndex((l) => new RegExp(`^\\s*(export\\s+)?${k}\\s*=`).test(l));
    env[k] = { value, source: { file, ...(i >= 0 ? { line: i + 1 } : {}) } };
  }
}

function fileError(file: string, line: number | undefined, message: string): CheckFinding {
  return { code: 'FILE_ERROR', severity: 'error', args: { message }, file, ...(line !== undefined ? { line } : {}) };
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
