import { parseInput, type RawInput } from '../../src/core/input.js';
import { recommend } from '../../src/core/recommend.js';

function input(raw: Partial<RawInput>) {
  const r = parseInput({ cpus: 2, mem: '2g', ...raw });
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.input;
}

export function rec(raw: Partial<RawInput>) {
  return recommend(input(raw));
}

export const codes = (list: { code: string }[] | undefined) => (list ?? []).map((x) => x.code);
