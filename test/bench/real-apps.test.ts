// The pure parts of the real-apps benchmarks: the traffic mixes, wrk's per-worker counts, and the
// command lines built from tune's own JSON.
import { describe, expect, it } from 'vitest';
import { APPS, IO_DELAY_MS, appByKey, mixLua, workerCounts } from '../../bench/real/apps.mjs';
import { analyze } from '../../bench/real/report.mjs';
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

  it('the IO mix: only the upstream call, waiting IO_DELAY_MS, as workload io; the app itself unchanged', () => {
    const io = appByKey('flask:io') as { key: string; workload: string; paths: string[]; module: string };
    expect(io).toMatchObject({ key: 'flask:io', workload: 'io', module: APPS.flask.module });
    expect(io.paths).toHaveLength(100);
    expect(io.paths.every((p) => p.startsWith('/enrich/') && p.endsWith(`?delay_ms=${IO_DELAY_MS}`))).toBe(true);
    expect(appByKey('flask')).toBe(APPS.flask);
    expect(() => appByKey('flask:cpu')).toThrow(/unknown app flask:cpu/);
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

describe('the targets of the real-app runs', () => {
  // Two reps per cell: memory against the median; the rate against the median for IO, against any rep for the CPU-heavy mixes.
  const run = (totalPss: number, rps: number) => ({ ok: true, totalPss, meanWorkerPss: 0, meanWorkerUss: 0, threadsPerWorker: [1], cpuMsPerRequest: 5, loadAvg: [1], wrk: { rps, p50Ms: 1, p99Ms: 2, avgLatencyMs: 1, errors: 0, timeouts: 0 }, skew: {}, peak: { workers: [{}], master: { pss: 0 }, helpers: [] } });
  const cell = (app: string, predicted: { totalPss: number; rps: number }, runs: object[]) => ({ app, cls: 'sync', connections: 16, settings: {}, cmd: '', variants: Object.fromEntries(['recommendation', 'mixInputs', 'default', 'unstated'].map((k) => [k, { ...predicted, limitedBy: 'cpu', cpuMsPerRequest: 5, sustainableRps: predicted.rps, latencyMs: 10 }])), runs });
  const res = {
    options: { durationS: 8 },
    apps: { django: { workload: 'mixed', truth: { meanLatencyMs: 16, cpuMsPerRequest: 8 }, calibrations: {} }, 'django:io': { workload: 'io', truth: { meanLatencyMs: 200, cpuMsPerRequest: 3 }, calibrations: {} } },
    cells: [
      // Within noise: 100 req/s predicted, reps 80 and 140 (one within 15 %); memory 100 of 110 → 0.95.
      cell('django', { totalPss: 100, rps: 100 }, [run(100, 80), run(110, 140)]),
      // IO: 100 predicted of median 125 → 0.8, a miss though a rep (120) is near.
      cell('django:io', { totalPss: 100, rps: 100 }, [run(100, 120), run(100, 130)]),
    ],
  };
  const t = analyze(res).targets;
  it('counts memory, the IO rate and the mixed rate apart, and states the noise', () => {
    expect(t.memory).toEqual({ passed: 2, total: 2 });
    expect(t.rateMixed).toEqual({ passed: 1, total: 1 });
    expect(t.rateIo).toEqual({ passed: 0, total: 1 });
    expect(t.items[0]).toMatchObject({ id: 'django/sync/c16', io: false, noise: 1.75, ratePass: true });
    expect(t.items[1]).toMatchObject({ id: 'django:io/sync/c16', io: true, rate: 0.8, ratePass: false });
  });
});
