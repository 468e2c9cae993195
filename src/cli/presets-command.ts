// `tune presets`: the machine shapes shipped with the tool.
import { listPresets } from './presets.js';

export function runPresets(opts: { json?: boolean }): number {
  const presets = listPresets();
  if (opts.json) {
    process.stdout.write(JSON.stringify(presets, null, 2) + '\n');
    return 0;
  }
  const width = Math.max(...presets.map((p) => p.name.length));
  for (const p of presets) process.stdout.write(`${p.name.padEnd(width)}  ${String(p.cpus ?? '-').padStart(4)} CPU  ${String(p.mem ?? '-').padStart(7)}  ${p.description}\n`);
  return 0;
}
