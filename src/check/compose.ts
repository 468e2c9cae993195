// docker-compose files: each service's command, environment and resource limits, with compose's own
// `${VAR:-default}` interpolation from the project's .env.
import { parseDocument } from 'yaml';
import { parseDockerBytes } from '../core/units.js';
import { lineCounter, readable } from './yaml-util.js';

export interface ComposeService {
  name: string;
  /** command (or entrypoint + command) as a string or argv, as written. */
  command?: string | string[];
  commandLine?: number;
  /** entrypoint and command apart (they replace the image's ENTRYPOINT and CMD). */
  entrypoint?: string | string[];
  cmd?: string | string[];
  /** `build:` — the folder of the Dockerfile the image is built from. */
  build?: { context: string; dockerfile?: string; target?: string };
  image?: string;
  line?: number;
  environment: Record<string, { value: string; line?: number }>;
  /** `environment: [NAME]` without a value: passed through from the shell that runs compose. */
  passThrough: string[];
  envFiles: { path: string; required: boolean; line?: number }[];
  memBytes?: number;
  cpus?: number;
  limitsLine?: number;
  /** Limits written as 0, which Docker reads as "no limit". */
  unlimited: { what: 'memory' | 'cpus'; value: string; raw?: string; line?: number }[];
  errors: { line?: number; message: string }[];
}

// Alias expansion is where YAML "billion laughs" bombs live; the yaml package counts expanded aliases
// and refuses beyond this many.
const MAX_ALIASES = 100;

export function parseCompose(text: string, vars: Record<string, string>): { services: ComposeService[]; errors: { line?: number; message: string }[] } {
  // merge: compose files use YAML merge keys (`<<: *defaults`).
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: false, merge: true });
  const lineOf = lineCounter(text);
  if (doc.errors.length) return { services: [], errors: doc.errors.map((e) => ({ line: lineOf(e.pos[0]), message: readable(e.message) })) };
  let root: unknown;
  try {
    root = doc.toJS({ maxAliasCount: MAX_ALIASES });
  } catch (e) {
    return { services: [], errors: [{ message: readable((e as Error).message) }] };
  }
  if (!isMap(root) || !isMap(root.services)) return { services: [], errors: [{ message: 'no services: mapping' }] };

  const services: ComposeService[] = [];
  for (const [name, raw] of Object.entries(root.services)) {
    if (!isMap(raw)) continue;
    const at: At = (...path) => {
      const node = doc.getIn(['services', name, ...path], true) as { range?: [number, number, number] } | undefined;
      return node?.range ? lineOf(node.range[0]) : undefined;
    };
    services.push(readService(name, raw, at, vars));
  }
  return { services, errors: [] };
}

/** The line of a node of this service, by its path below it. */
type At = (...path: (string | number)[]) => number | undefined;
type Raw = Record<string, unknown>;

function readService(name: string, raw: Raw, at: At, vars: Record<string, string>): ComposeService {
  const svc: ComposeService = { name, environment: {}, passThrough: [], envFiles: [], unlimited: [], errors: [] };
  const entry = stringOrList(raw.entrypoint);
  const cmd = stringOrList(raw.command);
  const sub = (v: string | string[]) => (Array.isArray(v) ? v.map((x) => interpolate(x, vars)) : interpolate(v, vars));
  if (entry !== undefined) svc.entrypoint = sub(entry);
  if (cmd !== undefined) svc.cmd = sub(cmd);
  if (entry !== undefined || cmd !== undefined) {
    svc.command = joinCommand(entry, cmd, vars);
    svc.commandLine = at(raw.command !== undefined ? 'command' : 'entrypoint');
  }
  const line = at();
  if (line !== undefined) svc.line = line;
  if (typeof raw.image === 'string') svc.image = interpolate(raw.image, vars);
  if (typeof raw.build === 'string') svc.build = { context: interpolate(raw.build, vars) };
  else if (isMap(raw.build)) {
    const b = raw.build;
    svc.build = { context: typeof b.context === 'string' ? interpolate(b.context, vars) : '.' };
    if (typeof b.dockerfile === 'string') svc.build.dockerfile = interpolate(b.dockerfile, vars);
    if (typeof b.target === 'string') svc.build.target = interpolate(b.target, vars);
  }
  readEnvironment(svc, raw.environment, at, vars);
  readEnvFiles(svc, raw.env_file, at, vars);
  readLimits(svc, raw, at, vars);
  return svc;
}

function readEnvironment(svc: ComposeService, env: unknown, at: At, vars: Record<string, string>): void {
  if (Array.isArray(env)) {
    env.forEach((item, i) => {
      if (typeof item !== 'string') return;
      const eq = item.indexOf('=');
      // `- NAME` alone passes the variable through from the shell that runs compose.
      if (eq > 0) svc.environment[item.slice(0, eq)] = { value: interpolate(item.slice(eq + 1), vars), line: at('environment', i) };
      else if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(item)) svc.passThrough.push(item);
    });
  } else if (isMap(env)) {
    for (const [k, v] of Object.entries(env)) {
      if (v === null || v === undefined) {
        svc.passThrough.push(k);
        continue;
      }
      if (typeof v === 'object') {
        svc.errors.push({ line: at('environment', k), message: `environment.${k} is not a string or number` });
        continue;
      }
      svc.environment[k] = { value: interpolate(String(v), vars), line: at('environment', k) };
    }
  }
}

function readEnvFiles(svc: ComposeService, envFile: unknown, at: At, vars: Record<string, string>): void {
  (Array.isArray(envFile) ? envFile : envFile === undefined ? [] : [envFile]).forEach((f: unknown, i: number) => {
    const p = typeof f === 'string' ? f : isMap(f) && typeof f.path === 'string' ? f.path : undefined;
    // compose's long form: `required: false` lets the file be missing.
    const required = !(isMap(f) && (f.required === false || f.required === 'false'));
    const line = at('env_file', ...(Array.isArray(envFile) ? [i] : []));
    if (p) svc.envFiles.push({ path: interpolate(p, vars), required, ...(line !== undefined ? { line } : {}) });
  });
}

function readLimits(svc: ComposeService, raw: Raw, at: At, vars: Record<string, string>): void {
  const limits = isMap(raw.deploy) && isMap(raw.deploy.resources) && isMap(raw.deploy.resources.limits) ? raw.deploy.resources.limits : undefined;
  // Docker reads limits by its own units (binary whatever the case), and 0 means no limit.
  const mem = limits?.memory ?? raw.mem_limit;
  const memPath = limits?.memory !== undefined ? ['deploy', 'resources', 'limits', 'memory'] : ['mem_limit'];
  if (mem !== undefined && mem !== null) {
    const text = typeof mem === 'number' ? mem : interpolate(String(mem), vars);
    const r = parseDockerBytes(text);
    if ('error' in r) svc.errors.push({ line: at(...memPath), message: `memory limit ${r.error}` });
    else if (r.bytes > 0) {
      svc.memBytes = r.bytes;
      svc.limitsLine = at(...memPath);
    } else svc.unlimited.push({ what: 'memory', value: String(text), raw: String(mem), line: at(...memPath) });
  }
  const cpus = limits?.cpus ?? raw.cpus;
  const cpuPath = limits?.cpus !== undefined ? ['deploy', 'resources', 'limits', 'cpus'] : ['cpus'];
  if (cpus !== undefined && cpus !== null) {
    const text = interpolate(String(cpus), vars);
    const n = /^\s*(\d+(\.\d*)?|\.\d+)\s*$/.test(text) ? Number(text) : NaN;
    if (!Number.isFinite(n)) svc.errors.push({ line: at(...cpuPath), message: `cpus "${text}" is not a number` });
    else if (n > 0) svc.cpus = n;
    else svc.unlimited.push({ what: 'cpus', value: text, raw: String(cpus), line: at(...cpuPath) });
  }
}

/** Compose interpolation: ${VAR}, ${VAR:-default}, ${VAR-default}, $VAR, and $$ for a literal $. */
function interpolate(text: string, vars: Record<string, string>): string {
  return text.replace(/\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?-)([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g, (m, name, op, def, bare) => {
    if (m === '$$') return '$';
    const key = name ?? bare;
    const value = vars[key];
    if (op === ':-') return value === undefined || value === '' ? def : value;
    if (op === '-') return value === undefined ? def : value;
    return value ?? '';
  });
}

function joinCommand(entry: string | string[] | undefined, cmd: string | string[] | undefined, vars: Record<string, string>): string | string[] {
  const sub = (v: string | string[]) => (Array.isArray(v) ? v.map((s) => interpolate(s, vars)) : interpolate(v, vars));
  if (entry === undefined) return sub(cmd!);
  if (cmd === undefined) return sub(entry);
  const a = sub(entry);
  const b = sub(cmd);
  return Array.isArray(a) && Array.isArray(b) ? [...a, ...b] : [a, b].flat().join(' ');
}

function stringOrList(v: unknown): string | string[] | undefined {
  if (typeof v === 'string') return v;
  if (Array.isArray(v) && v.every((x) => typeof x === 'string' || typeof x === 'number')) return v.map(String);
  return undefined;
}

function isMap(v: unknown): v is Record<string, any> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
