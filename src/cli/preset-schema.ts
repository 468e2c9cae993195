// A preset file's shape and the error text for a bad one. Pure, so the web page validates the presets
// it bundles exactly as `tune --preset` does (src/cli/presets.ts reads them from presets/).
import { z } from 'zod';
import { rawInputSchema } from '../core/input.js';
import { UsageError } from './errors.js';

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

/** The preset in `text`, named `ref` in errors (`--preset ref: …`). */
export function parsePreset(ref: string, text: string): Preset {
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

/** A name `tune --preset` looks up (anything else is a path). */
export const PRESET_NAME = /^[a-z0-9-]+$/;

export function notAPresetName(ref: string): UsageError {
  return new UsageError(`--preset: "${ref}" is not a preset name (see tune presets)`);
}

export function noSuchPreset(ref: string, known: string[]): UsageError {
  const near = known.filter((n) => n.includes(ref) || ref.includes(n)).slice(0, 3);
  return new UsageError(`--preset: no preset "${ref}"${near.length ? ` (did you mean ${near.join(', ')}?)` : ''}; tune presets lists them`);
}

/** A preset by name from texts carried in the program itself (the web page, the single executable). */
export function presetFromTexts(ref: string, texts: Record<string, string>): Preset {
  if (!PRESET_NAME.test(ref)) throw notAPresetName(ref);
  const text = Object.hasOwn(texts, ref) ? texts[ref] : undefined;
  if (text === undefined) throw noSuchPreset(ref, Object.keys(texts).sort());
  return parsePreset(ref, text);
}
