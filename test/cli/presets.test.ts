import { describe, expect, it } from 'vitest';
import { parseInput } from '../../src/core/input.js';
import { recommend } from '../../src/core/recommend.js';
import { listPresetNames, loadPreset } from '../../src/cli/presets.js';

describe('every shipped preset', () => {
  const names = listPresetNames();
  it('ships the shapes the issue names', () => {
    expect(names).toEqual(expect.arrayContaining(['aws-t3-small', 'aws-t3-medium', 'aws-t3-large', 'heroku-standard-1x', 'heroku-standard-2x', 'heroku-performance-m', 'heroku-performance-l', 'cloud-run-1cpu-512mi', 'cloud-run-2cpu-1gi', 'k8s-small-pod', 'aws-t3-small-shared']));
  });
  it.each(names)('%s validates, names itself and gives a recommendation that fits', (name) => {
    const { name: n, description, source, ...values } = loadPreset(name);
    expect(n).toBe(name);
    expect(description.length).toBeGreaterThan(10);
    expect(source.length).toBeGreaterThan(5);
    const p = parseInput({ ...values, workerClass: 'gthread' });
    expect(p.ok).toBe(true);
    if (p.ok) expect(recommend(p.input).memory.fits).toBe(true);
  });
  it('Heroku 1X at 512 MB holds what Heroku’s own formula allows (2 × 256 MB) only without headroom', () => {
    const { name: _n, description: _d, source: _s, ...values } = loadPreset('heroku-standard-1x');
    const p = parseInput({ ...values, workerClass: 'sync', headroom: 0, preload: false });
    expect(p.ok && recommend(p.input).settings.workers).toBe(1);
  });
});
