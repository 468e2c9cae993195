// Machine presets shipped in presets/*.json, validated by the model's own input schema.
import { existsSync, readdirSync } from 'node:fs';
import { readTextFile } from '../io/read-text.js';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { rawInputSchema } from '../core/input.js';
import { UsageError } from './errors.js';

// presets/ sits at the package root; this code runs from dist/cli/, dist/bin/ or a chunk in
// dist/bin/chunks/, so look upwards for it.
const PRESETS_DIR = findPresetsDir(path.dirname(fileURLToPath(import.meta.url)));

function findPresetsDir(from: string): string {
  for (let dir = from, i = 0; i < 4; i++, dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'presets');
    if (existsSync(path.join(dir, 'package.json')) && existsSync(candidate)) return candidate;
  }
  return path.resolve(from, '..', '..', 'presets');
}

// Built on first use: most runs name no preset, and building a schema is part of every cold start.
function presetSchema() {
  return rawInputSchema
    .omit({ cpusSource: true, memSource: true, profile: true })
    .partial()
    .extend({
      name: z.string().regex(/^[a-z0-9-]+$/, 'lowercase letters, digits and dashes'),
      description: z.string().min(1),
      source: z.string().min(1),
    })
    .strict();
}

export type Preset = z.input<ReturnType<typeof presetSchema>>;

/** A preset by name (from presets/) or by path (anything with a slash or ending in .json). */
export function loadPreset(ref: string, dir = PRESETS_DIR): Preset {
  const byPath = ref.includes('/') || ref.endsWith('.json');
  if (!byPath && !/^[a-z0-9-]+$/.test(ref)) throw new UsageError(`--preset: "${ref}" is not a preset name (see tune presets)`);
  const file = byPath ? ref : path.join(dir, `${ref}.json`);
  let text: string;
  try {
    text = readTextFile(file);
  } catch (e) {
    if (byPath) throw new UsageError(`--preset ${ref}: ${(e as Error).message}`);
    const known = listPresetNames(dir);
    const near = known.filter((n) => n.includes(ref) || ref.includes(n)).slice(0, 3);
    throw new UsageError(`--preset: no preset "${ref}"${near.length ? ` (did you mean ${near.join(', ')}?)` : ''}; tune presets lists them`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new UsageError(`--preset ${ref}: not valid JSON (${(e as Error).message})`);
  }
  const r = presetSchema().safeParse(json);
  if (!r.success) {
    const i = r.error.issues[0]!;
    throw new UsageError(`--preset ${ref}: ${i.path.join('.') || '(file)'}: ${i.code === 'unrecognized_keys' ? `unknown field(s) ${i.keys.join(', ')}` : i.message}`);
  }
  return json as Preset;
}

export function listPresetNames(dir = PRESETS_DIR): string[] {
  try {
    return readdirSync(dir)
      .filter((f) => f.endsWith('.json'))
      .map((f) => f.slice(0, -5))
      .sort();
  } catch {
    return [];
  }
}

export function listPresets(dir = PRESETS_DIR): Preset[] {
  return listPresetNames(dir).map((n) => loadPreset(n, dir));
}
