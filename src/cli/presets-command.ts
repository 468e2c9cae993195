// `tune presets`: the machine shapes shipped with the tool.
import type { Io } from './io.js';
import { listPresets } from './presets.js';

export function runPresets(opts: { json?: boolean }, io: Io): number {
  const presets = listPresets();
  if (opts.json) {
    io.out(JSON.stringify(presets, null, 2) + '\n');
    return 0;
  }
  const width = Math.max(...presets.map((p) => p.name.length));
  for (const p of presets) io.out(`${p.name.padEnd(width)}  ${String(p.cpus ?? '-').padStart(4)} CPU  ${String(p.mem ?? '-').padStart(7)}  ${p.description}\n`);
  return 0;
}
