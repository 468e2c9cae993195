// The pure parts of the real-apps benchmarks: the traffic mixes, wrk's per-worker counts, and the
// command lines built from tune's own JSON.
import { describe, expect, it } from 'vitest';
// @ts-expect-error plain ESM bench module without types
import { APPS, mixLua, workerCounts } from '../../bench/real/apps.mjs';
// @ts-expect-error plain ESM bench module without types
import { isSingleProcess, specFromRecommendation, userCommand, workerCount } from '../../bench/real/commands.mjs';
// @ts-expect-error plain ESM bench module without types
import { predictedRps } from '../../bench/real/predict.mjs';

describe('traffic mixes', () => {
  it('send each kind of request in its stated share', () => {
    const django = APPS.django;
    expect(django.paths).toHaveLength(100);
    expect(django.paths.filter((p: string) => p.startsWith('/api/products/'))).toHaveLength(50);
    expect(django.paths.filter((p: string) => p.endsWith('/stock/'))).toHaveLength(20);
    expect(APPS.fastapi.paths.filter((p: string) => p === '/reports/stock')).toHaveLength(20);
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
  it('gunicorn: tune\'s flags, the gc.freeze config with preload, and no bind', () => {
    const rec = { server: 'gunicorn', settings: { bind: '0.0.0.0:8000', workers: 3, worker_class: 'gthread', threads: 8, preload_app: true } };
    const spec = specFromRecommendation(rec, 'analytics:app');
    expect(spec.args.slice(0, 2)).toEqual(['--workers', '3']);
    expect(spec.args).toContain('--threads=8');
    expect(spec.args).toContain('--preload');
    expect(spec.args.join(' ')).not.toContain('--bind');
    expect(spec.args[spec.args.indexOf('--config') + 1]).toMatch(/gcfreeze\.conf\.py$/);
    expect(userCommand(spec)).toBe('gunicorn --workers 3 --worker-class=gthread --threads=8 --preload analytics:app');
    expect(workerCount(spec)).toBe(3);
  });

  it('uvicorn: one process without --workers or with 1, a supervisor beyond', () => {
    const two = specFromRecommendation({ server: 'uvicorn', settings: { host: '0.0.0.0', port: 8000, workers: 2, loop: 'uvloop' } }, 'inventory:app');
    expect(userCommand(two)).toBe('uvicorn inventory:app --workers=2 --loop=uvloop');
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
