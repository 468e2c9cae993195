import { describe, expect, it } from 'vitest';
import { parseInput } from '../../src/core/input.js';
import { recommend } from '../../src/core/recommend.js';
import { listPresetNames, loadPreset } from '../../src/cli/presets.js';

/**
 * The first CPU count and the first memory size a preset's description states ("2 vCPU", "8 CPU cores",
 * "2x CPU share", "4-core", "500m CPU"; "8 GiB", "512 MB", "512Mi"). Vendors' MB and GB are binary
 * here: Heroku's 512 MB dyno has 512 MiB.
 */
function describedMachine(description: string): { cpus: number; memBytes: number } {
  const cpu = /(\d+(?:\.\d+)?)(m?)x? (?:v?CPU)|(\d+)-core/.exec(description);
  const mem = /(\d+(?:\.\d+)?) ?(Gi|Mi|GiB|MiB|GB|MB)\b/.exec(description);
  if (!cpu || !mem) throw new Error(`no CPU count or memory size in "${description}"`);
  const cpus = cpu[3] ? Number(cpu[3]) : Number(cpu[1]) / (cpu[2] ? 1000 : 1);
  return { cpus, memBytes: Number(mem[1]) * 2 ** (mem[2]!.startsWith('G') ? 30 : 20) };
}

describe('every shipped preset', () => {
  const names = listPresetNames();
  it('ships the shapes the issue names', () => {
    expect(names).toEqual(expect.arrayContaining(['aws-t3-small', 'aws-t3-medium', 'aws-t3-large', 'heroku-standard-1x', 'heroku-standard-2x', 'heroku-performance-m', 'heroku-performance-l', 'cloud-run-1cpu-512mi', 'cloud-run-2cpu-1gi', 'k8s-small-pod', 'aws-t3-small-shared']));
  });
  it.each(names)('%s validates, names itself, says where its figures come from and gives a recommendation that fits', (name) => {
    const { name: n, description, source, ...values } = loadPreset(name);
    expect(n).toBe(name);
    // A vendor's shape cites the vendor's pages; an invented shape says it is one.
    expect(source).toMatch(name.startsWith('vm-') ? /^a machine shape, not a vendor's catalogue entry/ : /^https:\/\/\S+/);
    const p = parseInput({ ...values, workerClass: 'gthread' });
    expect(p.ok).toBe(true);
    if (!p.ok) return;
    // The machine the description names is the one the values give.
    expect(describedMachine(description)).toEqual({ cpus: p.input.cpus, memBytes: p.input.memBytes });
    expect(recommend(p.input).memory.fits).toBe(true);
  });
  it('Heroku 1X at 512 MB holds what Heroku’s own formula allows (2 × 256 MB) only without headroom', () => {
    const { name: _n, description: _d, source: _s, ...values } = loadPreset('heroku-standard-1x');
    const p = parseInput({ ...values, workerClass: 'sync', headroom: 0, preload: false });
    expect(p.ok && recommend(p.input).settings.workers).toBe(1);
  });
});
