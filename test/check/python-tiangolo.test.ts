// tiangolo/uvicorn-gunicorn-docker's gunicorn_conf.py (cb5abd5, verbatim in test/fixtures/check/tiangolo/), evaluated
// statically at several CPU counts and environments. Expected values follow the file's own logic
// (and were checked against CPython running the same file).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { evaluatePythonConfig, toJs, type PyConfigResult } from '../../src/check/python/index.js';

const SOURCE = readFileSync(new URL('../fixtures/check/tiangolo/gunicorn_conf.py', import.meta.url), 'utf8');

const run = (cpus: number, env: Record<string, string | undefined> = {}): PyConfigResult => evaluatePythonConfig(SOURCE, { cpus, env });
const js = (r: PyConfigResult, name: string): unknown => {
  const v = r.values.get(name);
  return v === undefined ? 'missing' : toJs(v.value);
};

// Long: one file, every environment variable it reads.
describe('tiangolo gunicorn_conf.py', () => {
  it('4 CPUs, empty environment: 4 workers and the file defaults', () => {
    const r = run(4);
    expect(r.syntaxErrors).toEqual([]);
    expect(r.unevaluated).toEqual([]);
    expect(r.values.get('workers')).toEqual({ value: { kind: 'int', value: 4n }, line: 41 });
    expect(js(r, 'bind')).toBe('0.0.0.0:80');
    expect(js(r, 'loglevel')).toBe('info');
    expect(js(r, 'accesslog')).toBe('-');
    expect(js(r, 'errorlog')).toBe('-');
    expect(js(r, 'worker_tmp_dir')).toBe('/dev/shm');
    expect(js(r, 'graceful_timeout')).toBe(120);
    expect(js(r, 'timeout')).toBe(120);
    expect(js(r, 'keepalive')).toBe(5);
    expect(js(r, 'use_max_workers')).toBe(null);
  });

  it('keeps int and float apart (workers_per_core is float("1"), workers an int)', () => {
    const r = run(4);
    expect(r.values.get('workers_per_core')?.value).toEqual({ kind: 'float', value: 1 });
    expect(r.values.get('default_web_concurrency')?.value).toEqual({ kind: 'float', value: 4 });
    expect(r.values.get('cores')?.value).toEqual({ kind: 'int', value: 4n });
    expect(r.values.get('workers')?.value.kind).toBe('int');
  });

  it('WEB_CONCURRENCY=3 wins, and its assert passes', () => {
    const r = run(4, { WEB_CONCURRENCY: '3' });
    expect(js(r, 'workers')).toBe(3);
    expect(r.unevaluated).toEqual([]);
  });

  it('1 CPU still gives 2 workers (the max(…, 2) floor)', () => {
    expect(js(run(1), 'workers')).toBe(2);
  });

  it.each([
    [2, {}, 2],
    [8, {}, 8],
    [64, { MAX_WORKERS: '24' }, 24],
    [8, { MAX_WORKERS: '24' }, 8],
    [8, { WORKERS_PER_CORE: '0.5' }, 4],
    [3, { WORKERS_PER_CORE: '2.5' }, 7],
    [4, { WORKERS_PER_CORE: '0.1' }, 2],
    [64, { WEB_CONCURRENCY: '5', MAX_WORKERS: '2' }, 5],
  ] as const)('%i CPUs with %o → %i workers', (cpus, env, workers) => {
    expect(js(run(cpus, env), 'workers')).toBe(workers);
  });

  it('BIND, HOST/PORT, LOG_LEVEL, ACCESS_LOG and timeouts come from the environment', () => {
    expect(js(run(2, { BIND: 'unix:/tmp/app.sock' }), 'bind')).toBe('unix:/tmp/app.sock');
    const r = run(2, { HOST: '127.0.0.1', PORT: '8080', LOG_LEVEL: 'debug', ACCESS_LOG: '', TIMEOUT: '30', KEEP_ALIVE: '75' });
    expect(js(r, 'bind')).toBe('127.0.0.1:8080');
    expect(js(r, 'loglevel')).toBe('debug');
    // ACCESS_LOG="" → `accesslog_var or None` is None.
    expect(js(r, 'accesslog')).toBe(null);
    expect(js(r, 'timeout')).toBe(30);
    expect(js(r, 'keepalive')).toBe(75);
    expect(js(r, 'graceful_timeout')).toBe(120);
  });

  it('WEB_CONCURRENCY=0 fails the assert (gunicorn would not start)', () => {
    const r = run(4, { WEB_CONCURRENCY: '0' });
    expect(js(r, 'workers')).toBe(0);
    expect(r.unevaluated).toEqual([{ line: 26, reason: 'assertion fails' }]);
  });

  it('WEB_CONCURRENCY=abc is int()’s ValueError, recorded on the names it reaches', () => {
    const r = run(4, { WEB_CONCURRENCY: 'abc' });
    expect(r.values.get('workers')?.value.kind).toBe('unknown');
    expect(r.unevaluated[0]).toEqual({
      name: 'web_concurrency',
      line: 25,
      reason: "ValueError: invalid literal for int() with base 10: 'abc'",
    });
    expect(r.unevaluated.find((u) => u.name === 'workers')).toEqual({
      name: 'workers',
      line: 41,
      reason: "depends on 'web_concurrency': ValueError: invalid literal for int() with base 10: 'abc'",
    });
  });

  it('reports imports, no functions, and ignores print(json.dumps(...))', () => {
    const r = run(4);
    expect(r.imports).toEqual([
      { module: 'json', line: 1 },
      { module: 'multiprocessing', line: 2 },
      { module: 'os', line: 3 },
    ]);
    expect(r.functions).toEqual([]);
    expect(r.values.has('json')).toBe(false);
    expect(toJs(r.values.get('log_data')!.value)).toEqual({
      loglevel: 'info',
      workers: 4,
      bind: '0.0.0.0:80',
      graceful_timeout: 120,
      timeout: 120,
      keepalive: 5,
      errorlog: '-',
      accesslog: '-',
      workers_per_core: 1,
      use_max_workers: null,
      host: '0.0.0.0',
      port: '80',
    });
  });
});
