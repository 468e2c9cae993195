// The pure half of resolving the model's input, shared by the CLI (src/cli/resolve.ts adds the files and
// the host) and the web page (web/src): values by layer → one raw input → the model's parser, and the
// error text that names where a bad value came from (`--mem: …`, `TUNE_MEM: …`, `preset x: mem: …`).
// No I/O here: whatever a layer holds arrives already read.
import { parseProfile, type Profile } from '../core/profile.js';
import type { ParseResult } from '../core/input.js';
import { UsageError } from './errors.js';
import { attrOf, INPUT_OPTIONS, type Field, type InputOption } from './input-options.js';

type Value = string | number | boolean;

export interface Layer {
  /** How an error names a value from this layer. */
  label: (o: InputOption) => string;
  /** What the output says about where cpus/mem came from. */
  source: string;
  values: Partial<Record<Field, Value>>;
}

/** Where each input came from: a label for messages (`--preload`, `TUNE_PRELOAD`, `preset x: bind`) and whether it was a flag. */
export type Origins = Partial<Record<string, { label: string; flag: boolean }>>;

/** The command line's values, under commander's attribute names (`dbMaxConnections`). */
export function flagLayer(flags: Record<string, unknown>): Layer {
  const layer: Layer = { label: (o) => o.flag, source: 'given', values: {} };
  for (const o of INPUT_OPTIONS) {
    const v = flags[attrOf(o.flag)];
    if (v !== undefined) layer.values[o.field] = v as Value;
  }
  return layer;
}

/** TUNE_* values from the environment, or from the dotenv file named `file`. */
export function envLayer(env: Record<string, string | undefined>, file?: string): Layer {
  const layer: Layer = file === undefined ? { label: (o) => o.env, source: 'environment', values: {} } : { label: (o) => `${o.env} in ${file}`, source: file, values: {} };
  for (const o of INPUT_OPTIONS) if (env[o.env] !== undefined) layer.values[o.field] = env[o.env] as string;
  return layer;
}

/** A preset's values (src/cli/preset-schema.ts has validated it). */
export function presetLayer(preset: { name: string; description?: string; source?: string } & Record<string, unknown>): Layer {
  const { name, description: _d, source: _s, ...values } = preset;
  return { label: (o) => `preset ${name}: ${o.field}`, source: `preset ${name}`, values: values as Layer['values'] };
}

/** Each input from the first layer that has it. */
export function mergeLayers(layers: Layer[]): { raw: Record<string, unknown>; origin: Partial<Record<Field, Layer>> } {
  const raw: Record<string, unknown> = {};
  const origin: Partial<Record<Field, Layer>> = {};
  for (const o of INPUT_OPTIONS) {
    const layer = layers.find((l) => l.values[o.field] !== undefined);
    if (layer) {
      raw[o.field] = layer.values[o.field];
      origin[o.field] = layer;
    }
  }
  return { raw, origin };
}

/**
 * Parses the merged raw input; a bad value is a UsageError naming where it came from. `flags` is the
 * command line's layer: a contradiction typed there is an error, elsewhere a warning (conflicts.ts).
 */
export function parseLayered<T>(raw: Record<string, unknown>, origin: Partial<Record<Field, Layer>>, flags: Layer, parse: (raw: Record<string, unknown>) => ParseResult<T>): { input: T; origins: Origins } {
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
    if (layer) origins[o.field] = { label: layer.label(o), flag: layer === flags };
  }
  return { input: parsed.input, origins };
}

/** A profile from the text of `tune calibrate --save`; errors read `--profile <file>: …`. */
export function profileFromText(file: string, text: string): Profile {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new UsageError(`--profile ${file}: not valid JSON (${(e as Error).message})`);
  }
  const r = parseProfile(json);
  if (!r.ok) throw new UsageError(`--profile ${file}: ${r.error}`);
  return r.profile;
}
