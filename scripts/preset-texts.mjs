// presets/*.json as { name: text }, for the programs that carry them inside (the web page, the single
// executable); both validate them with the CLI's own preset schema (src/cli/preset-schema.ts).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const dir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'presets');

export function presetTexts() {
  const texts = {};
  for (const f of readdirSync(dir).filter((n) => n.endsWith('.json')).sort()) texts[f.slice(0, -5)] = readFileSync(path.join(dir, f), 'utf8');
  return texts;
}
