// Machine presets shipped in presets/*.json, validated by the model's own input schema.
import { existsSync, readdirSync } from 'node:fs';
import { readTextFile } from '../io/read-text.js';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { UsageError } from './errors.js';
import { noSuchPreset, notAPresetName, parsePreset, presetFromTexts, PRESET_NAME, type Preset } from './preset-schema.js';

export type { Preset } from './preset-schema.js';

// presets/ sits at the package root; this code runs from dist/cli/, dist/bin/ or a chunk in
// dist/bin/chunks/, so look upwards for it.
const PRESETS_DIR = findPresetsDir(path.dirname(fileURLToPath(import.meta.url)));

// The single executable (scripts/build-sea.mjs) carries presets/*.json inside it, defined at build
// time as { name: text }: it has no folder beside it to look in.
declare const __TUNE_EMBEDDED_PRESETS__: Record<string, string> | undefined;
const EMBEDDED = typeof __TUNE_EMBEDDED_PRESETS__ === 'object' ? __TUNE_EMBEDDED_PRESETS__ : undefined;

function findPresetsDir(from: string): string {
  for (let dir = from, i = 0; i < 4; i++, dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'presets');
    if (existsSync(path.join(dir, 'package.json')) && existsSync(candidate)) return candidate;
  }
  return path.resolve(from, '..', '..', 'presets');
}

/** A preset by name (from presets/) or by path (anything with a slash or ending in .json). */
export function loadPreset(ref: string, dir = PRESETS_DIR): Preset {
  const byPath = ref.includes('/') || ref.endsWith('.json');
  if (!byPath && EMBEDDED && dir === PRESETS_DIR) return presetFromTexts(ref, EMBEDDED);
  if (!byPath && !PRESET_NAME.test(ref)) throw notAPresetName(ref);
  const file = byPath ? ref : path.join(dir, `${ref}.json`);
  let text: string;
  try {
    text = readTextFile(file);
  } catch (e) {
    if (byPath) throw new UsageError(`--preset ${ref}: ${(e as Error).message}`);
    throw noSuchPreset(ref, listPresetNames(dir));
  }
  return parsePreset(ref, text);
}

export function listPresetNames(dir = PRESETS_DIR): string[] {
  if (EMBEDDED && dir === PRESETS_DIR) return Object.keys(EMBEDDED).sort();
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
