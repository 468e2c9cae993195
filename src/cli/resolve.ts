// Collects the model's input from its layers — flags > TUNE_* environment > --env-file > preset >
// defaults — resolves `auto` from the host, and validates the result, naming where a bad value came from.
import { parse as parseDotenv } from 'dotenv';
import { CHOICE_FIELDS, parseInput, parseSituation, type Input, type ParseResult, type Situation } from '../core/input.js';
import { detectCpus, detectMemory, DEFAULT_PATHS, type HostPaths } from '../detect/host.js';
import { readTextFile } from '../io/read-text.js';
import { UsageError } from './errors.js';
import { attrOf, INPUT_OPTIONS, type Field } from './input-options.js';
import { loadPreset } from './presets.js';
import { readProfile } from './profile-file.js';

type Value = string | number | boolean;

interface Layer {
  /** How an error names a value from this layer. */
  label: (o: (typeof INPUT_OPTIONS)[number]) => string;
  /** What the output says about where cpus/mem came from. */
  source: string;
  values: Partial<Record<Field, Value>>;
}

export interface ResolveOptions {
  flags: Record<string, unknown>;
  env: Record<string, string | undefined>;
  hostPaths?: HostPaths;
  /** The machine as a project's files describe it (a compose service's limits): below every layer, above detection. */
  machine?: { cpus?: { value: number; source: string }; mem?: { value: number; source: string } };
}

/** Extra names the environment and .env files may carry besides the inputs. */
const OTHER_ENV = new Set(['TUNE_PRESET', 'TUNE_PROFILE', 'TUNE_CGROUP_ROOT']);

/** Where each input came from: a label for messages (`--preload`, `TUNE_PRELOAD`, `preset x: bind`) and whether it was a flag. */
export type Origins = Partial<Record<string, { label: string; flag: boolean }>>;

export function resolveInput(opts: ResolveOptions): { input: Input; notices: string[]; origins: Origins } {
  return resolveWith(opts, parseInput);
}

/** The machine and load alone, for `tune check`: the configuration judged names its own server. */
export function resolveSituation(opts: ResolveOptions): { input: Situation; notices: string[]; origins: Origins } {
  return resolveWith(opts, (raw) => {
    for (const f of CHOICE_FIELDS) delete (raw as Record<string, unknown>)[f];
    return parseSituation(raw);
  });
}

function resolveWith<T>(opts: ResolveOptions, parse: (raw: Record<string, unknown>) => ParseResult<T>): { input: T; notices: string[]; origins: Origins } {
  const notices: string[] = [];
  const { flags, env } = opts;
  const envFile = typeof flags.envFile === 'string' ? readEnvFile(flags.envFile) : undefined;

  const fromFlags: Layer = { label: (o) => o.flag, source: 'given', values: {} };
  const fromEnv: Layer = { label: (o) => o.env, source: 'environment', values: {} };
  const fromFile: Layer = { label: (o) => `${o.env} in ${flags.envFile}`, source: String(flags.envFile), values: {} };
  for (const o of INPUT_OPTIONS) {
    const v = flags[attrOf(o.flag)];
    if (v !== undefined) fromFlags.values[o.field] = v as Value;
    if (env[o.env] !== undefined) fromEnv.values[o.field] = env[o.env] as string;
    if (envFile?.[o.env] !== undefined) fromFile.values[o.field] = envFile[o.env] as string;
  }
  for (const [k] of Object.entries(env)) if (k.startsWith('TUNE_') && !known(k)) notices.push(`ignoring unknown environment variable ${k}`);
  if (envFile) for (const k of Object.keys(envFile)) if (k.startsWith('TUNE_') && !known(k)) notices.push(`ignoring unknown ${k} in ${flags.envFile}`);

  const presetRef = (flags.preset as string | undefined) ?? env.TUNE_PRESET ?? envFile?.TUNE_PRESET;
  const layers: Layer[] = [fromFlags, fromEnv, fromFile];
  if (presetRef) {
    const { name, description: _d, source: _s, ...values } = loadPreset(presetRef);
    layers.push({ label: (o) => `preset ${name}: ${o.field}`, source: `preset ${name}`, values: values as Layer['values'] });
  }

  const raw: Record<string, unknown> = {};
  const origin: Partial<Record<Field, Layer>> = {};
  for (const o of INPUT_OPTIONS) {
    const layer = layers.find((l) => l.values[o.field] !== undefined);
    if (layer) {
      raw[o.field] = layer.values[o.field];
      origin[o.field] = layer;
    }
  }

  const paths = env.TUNE_CGROUP_ROOT ? { ...DEFAULT_PATHS, cgroupRoot: env.TUNE_CGROUP_ROOT } : (opts.hostPaths ?? DEFAULT_PATHS);
  const auto = (v: unknown) => v === undefined || String(v).trim() === 'auto';
  if (auto(raw.cpus)) {
    const d = (raw.cpus === undefined ? opts.machine?.cpus : undefined) ?? detectCpus(paths);
    raw.cpus = d.value;
    raw.cpusSource = d.source;
  } else raw.cpusSource = origin.cpus!.source;
  if (auto(raw.mem)) {
    const d = (raw.mem === undefined ? opts.machine?.mem : undefined) ?? detectMemory(paths);
    raw.mem = d.value;
    raw.memSource = d.source;
  } else raw.memSource = origin.mem!.source;

  const profileRef = (flags.profile as string | undefined) ?? env.TUNE_PROFILE ?? envFile?.TUNE_PROFILE;
  if (profileRef) {
    raw.profile = readProfile(profileRef);
    raw.profileFile = profileRef;
  }

  const parsed = parse(raw);
  if (!parsed.ok) {
    const e = parsed.errors[0]!;
    const option = INPUT_OPTIONS.find((o) => o.field === e.field);
    const where = option ? (origin[option.field]?.label(option) ?? option.flag) : e.field;
    throw new UsageError(`${where}: ${e.message}`);
  }
  const origins: Origins = {};
  for (const o of INPUT_OPTIONS) {
    const layer = origin[o.field];
    if (layer) origins[o.field] = { label: layer.label(o), flag: layer === fromFlags };
  }
  if (profileRef) origins.profile = { label: flags.profile !== undefined ? '--profile' : env.TUNE_PROFILE !== undefined ? 'TUNE_PROFILE' : `TUNE_PROFILE in ${flags.envFile}`, flag: flags.profile !== undefined };
  return { input: parsed.input, notices, origins };
}

function known(name: string): boolean {
  return OTHER_ENV.has(name) || INPUT_OPTIONS.some((o) => o.env === name);
}

function readEnvFile(file: string): Record<string, string> {
  let text: string;
  try {
    text = readTextFile(file);
  } catch (e) {
    throw new UsageError(`--env-file ${file}: ${(e as Error).message}`);
  }
  return parseDotenv(text);
}
