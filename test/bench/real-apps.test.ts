// The pure parts of the real-apps benchmarks: the traffic mixes, wrk's per-worker counts, and the
// command lines built from tune's own JSON.
import { describe, expect, it } from 'vitest';
import { APPS, mixLua, workerCounts } from '../../bench/real/apps.mjs';
import { isSingleProcess, specFromRecommendation, userCommand, workerCount } from '../../bench/real/commands.mjs';
import { predictedRps } from '../../bench/real/predict.mjs';
import { tune } from '../cli/run.js';

describe('traffic mixes', () => {
  it('send each kind of request in its stated share', () => {
    const withPaths = (a: object) => a as { paths: string[] }; // set at load from each app's kinds
    const django = withPaths(APPS.django);
    expect(django.paths).toHaveLength(100);
    expect(django.paths.filter((p: string) => p.startsWith('/api/products/'))).toHaveLength(50);
    expect(django.paths.filter((p: string) => p.endsWith('/stock/'))).toHaveLength(20);
    expect(withPaths(APPS.fastapi).paths.filter((p: string) => p === '/reports/stock')).toHaveLength(20);
  });

  it('write a Lua script that names every path and prints the per-worker counts', () => {
    const lua = mixLua(['/a?x=1', '/b']);
    expect(lua).toContain('"/a?x=1",\n  "/b"');
    expect(lua).toContain('WORKER %s %d\\n');
  });

  it('read the per-worker counts back from wrk\'s report', () => {
    const raw = 'Running 5s test\n  Requests/sec: 100\nWORKER 123 40\nWORKER 456 60\n';
    expect(workerCounts(raw)).toEqual({ '123': 40, '456': 60 });
  });
});

describe('command lines from tune JSON', () => {
  const doc = (args: string[]) => JSON.parse(tune(['--cpus', '2', '--mem', '2g', '--format', 'json', ...args]).stdout);

  it("gunicorn: tune's flags, the gc.freeze config with preload, and no bind", async () => {
    const spec = await specFromRecommendation(doc(['--class', 'gthread']), 'analytics:app');
    expect(spec.args.slice(0, 2)).toEqual(['--workers', '2']);
    expect(spec.args).toContain('--threads=3');
    expect(spec.args).toContain('--preload');
    expect(spec.args.join(' ')).not.toContain('--bind');
    expect(spec.args[spec.args.indexOf('--config') + 1]).toMatch(/bench\/apps\/gcfreeze\.conf\.py$/);
    expect(userCommand(spec)).toMatch(/^gunicorn --workers 2 --worker-class=gthread --threads=3 .* --preload analytics:app$/);
    expect(workerCount(spec)).toBe(2);
  });

  it('uvicorn: one process without --workers or with 1, a supervisor beyond', async () => {
    const two = await specFromRecommendation(doc(['--class', 'uvicorn']), 'inventory:app');
    expect(userCommand(two)).toBe('uvicorn inventory:app --workers=2 --backlog=64 --timeout-keep-alive=5');
    expect(isSingleProcess(two)).toBe(false);
    expect(workerCount(two)).toBe(2);
    expect(isSingleProcess({ server: 'uvicorn', args: ['--workers', '1'] })).toBe(true);
    expect(isSingleProcess({ server: 'waitress', args: [] })).toBe(true);
  });
});

describe('predicted rate', () => {
  it('is the lower of the sustainable rate and connections over latency', () => {
    expect(predictedRps({ sustainableRps: 200, latencyMs: 20 }, 16)).toBe(200);
    expect(predictedRps({ sustainableRps: 2000, latencyMs: 20 }, 16)).toBe(800);
  });
});
