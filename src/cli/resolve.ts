// Collects the model's input from its layers — flags > TUNE_* environment > --env-file > preset >
// defaults — resolves `auto` from the host, and validates the result, naming where a bad value came from.
import { parse as parseDotenv } from 'dotenv';
import { CHOICE_FIELDS, parseInput, parseSituation, type Input, type ParseResult, type Situation } from '../core/input.js';
import { detectCpus, detectMemory, DEFAULT_PATHS, type HostPaths } from '../detect/host.js';
import { readTextFile } from '../io/read-text.js';
import { UsageError } from './errors.js';
import { INPUT_OPTIONS } from './input-options.js';
import { envLayer, flagLayer, mergeLayers, parseLayered, presetLayer, type Layer, type Origins } from './layers.js';
import { loadPreset } from './presets.js';
import { readProfile } from './profile-file.js';
import { findPins, pinnedVersion } from '../check/pins.js';
import { pinFiles } from './read-project.js';
import { GEVENT_MIN_FOR_GUNICORN } from '../core/classes.js';
import { compareVersions } from '../servers/versions.js';

export interface ResolveOptions {
  flags: Record<string, unknown>;
  env: Record<string, string | undefined>;
  hostPaths?: HostPaths;
  /** The machine as a project's files describe it (a compose service's limits): below every layer, above detection. */
  machine?: { cpus?: { value: number; source: string }; mem?: { value: number; source: string } };
  /** Folder whose requirements / pyproject / lock files give the server versions, below every layer (tune, calibrate). */
  pinsDir?: string;
}

/** Extra names the environment and .env files may carry besides the inputs. */
const OTHER_ENV = new Set(['TUNE_PRESET', 'TUNE_PROFILE', 'TUNE_CGROUP_ROOT']);

export type { Origins } from './layers.js';

export function resolveInput(opts: ResolveOptions): { input: Input; notices: string[]; origins: Origins } {
  return resolveWith(opts, parseInput);
}

/** The gunicorn and uvicorn versions a project pins, as the lowest layer: what the emitted settings must suit. */
function pinLayer(dir: string): (Layer & { said: Partial<Record<'gunicornVersion' | 'uvicornVersion', string>> }) | undefined {
  const pins = findPins(pinFiles([dir]));
  const said: Partial<Record<'gunicornVersion' | 'uvicornVersion', string>> = {};
  const values: Record<string, string> = {};
  for (const [server, field] of [['gunicorn', 'gunicornVersion'], ['uvicorn', 'uvicornVersion']] as const) {
    const pin = pins[server];
    const v = pin ? pinnedVersion(server, pin) : undefined;
    if (!pin || !v || v.older) continue;
    values[field] = v.version;
    said[field] = `${server} ${v.version} (${pin.spec} in ${pin.file})`;
  }
  if (!Object.keys(values).length) return undefined;
  return { label: (o) => `${o.flag} from ${said[o.field as keyof typeof said] ?? 'the project'}`, source: 'pins', values, said };
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

  const fromFlags = flagLayer(flags);
  const layers: Layer[] = [fromFlags, envLayer(env)];
  if (envFile) layers.push(envLayer(envFile, String(flags.envFile)));
  for (const [k] of Object.entries(env)) if (k.startsWith('TUNE_') && !known(k)) notices.push(`ignoring unknown environment variable ${k}`);
  if (envFile) for (const k of Object.keys(envFile)) if (k.startsWith('TUNE_') && !known(k)) notices.push(`ignoring unknown ${k} in ${flags.envFile}`);

  const presetRef = (flags.preset as string | undefined) ?? env.TUNE_PRESET ?? envFile?.TUNE_PRESET;
  if (presetRef) layers.push(presetLayer(loadPreset(presetRef)));
  const pins = opts.pinsDir !== undefined ? pinLayer(opts.pinsDir) : undefined;
  if (pins) layers.push(pins);
  const { raw, origin } = mergeLayers(layers);
  // Said where the version changes the output: gunicorn's for its asgi worker and its gevent worker from 24, uvicorn's for UvicornWorker.
  const cls = String(raw.workerClass ?? '').trim();
  const matters = {
    gunicornVersion: cls === 'asgi' || (cls === 'gevent' && pins?.values.gunicornVersion !== undefined && compareVersions(String(pins.values.gunicornVersion), GEVENT_MIN_FOR_GUNICORN.since) >= 0),
    uvicornVersion: cls === 'uvicorn-worker',
  };
  const fromPins = (['gunicornVersion', 'uvicornVersion'] as const).filter((f) => pins && origin[f] === pins && matters[f]);
  const pinned = fromPins.length ? `the project pins ${fromPins.map((f) => pins!.said[f]).join(' and ')}` : undefined;
  if (pinned) notices.push(`${pinned}: settings for that version (--gunicorn-version / --uvicorn-version to change)`);

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

  const { input, origins } = withPinsSaid(pinned, () => parseLayered(raw, origin, fromFlags, parse));
  if (profileRef) origins.profile = { label: flags.profile !== undefined ? '--profile' : env.TUNE_PROFILE !== undefined ? 'TUNE_PROFILE' : `TUNE_PROFILE in ${flags.envFile}`, flag: flags.profile !== undefined };
  return { input, notices, origins };
}

/** A refusal that a pinned version caused (asgi on gunicorn 23) says where the version came from. */
function withPinsSaid<T>(pinned: string | undefined, parse: () => T): T {
  try {
    return parse();
  } catch (e) {
    if (pinned && e instanceof UsageError && /\b(gunicorn|uvicorn) \d/.test(e.message)) throw new UsageError(`${e.message}; ${pinned} (--gunicorn-version / --uvicorn-version to change)`);
    throw e;
  }
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
