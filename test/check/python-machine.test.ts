// What real config files ask of the machine (hasattr(os, …), os.sysconf, psutil, the interpreter), and
// files that cannot load at all (a setting written as an annotation raises NameError).
import { describe, expect, it } from 'vitest';
import { evaluateConfigFile } from '../../src/check/config-file.js';
import { evaluatePythonConfig } from '../../src/check/python/index.js';
import { codes, file, run, values } from './helpers.js';

const ctx = { cpus: 2, env: {} };
const value = (src: string, name: string, c: Parameters<typeof evaluatePythonConfig>[1] = ctx) => evaluatePythonConfig(src, c).values.get(name)?.value;

describe('the machine a config asks about', () => {
  it("hasattr(os, 'sysconf') and os.sysconf('SC_NPROCESSORS_ONLN') (snapsat's numCPUs)", () => {
    const src = 'import os\ndef numCPUs():\n    if not hasattr(os, "sysconf"):\n        raise RuntimeError("no sysconf")\n    return os.sysconf("SC_NPROCESSORS_ONLN")\nworkers = numCPUs() * 2 + 1\n';
    expect(value(src, 'workers')).toEqual({ kind: 'int', value: 5n });
  });
  it('SC_PHYS_PAGES × SC_PAGE_SIZE is the memory budget; unknown without one', () => {
    const src = 'import os\nm = os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")\n';
    expect(value(src, 'm', { ...ctx, memBytes: 2 ** 31 })).toEqual({ kind: 'int', value: 2n ** 31n });
    expect(value(src, 'm')).toMatchObject({ kind: 'unknown' });
  });
  it('psutil.virtual_memory().total is bound to --mem through check', () => {
    const conf = 'import psutil\nworkers = psutil.virtual_memory().total // (512 * 1024 * 1024)\n';
    expect(values(run([file('gunicorn.conf.py', 'gunicorn-conf', conf)], { memBytes: 2 ** 31 }))).toEqual({ workers: 4 });
  });
  it("hasattr(sys, 'pypy_version_info') is False on CPython, assumed and said", () => {
    const r = evaluateConfigFile('import sys\nworker_class = "tornado" if hasattr(sys, "pypy_version_info") else "gevent"\n', ctx);
    expect(r.settings.worker_class).toEqual({ value: 'gevent', line: 2 });
    expect(r.findings).toContainEqual(expect.objectContaining({ code: 'ASSUMED', severity: 'info' }));
  });
  it('other attributes stay unknown: they depend on the Python version', () => {
    expect(value('import os\nx = hasattr(os, "process_cpu_count")\n', 'x')).toMatchObject({ kind: 'unknown' });
  });
});

describe('files gunicorn cannot load', () => {
  it('settings written as annotations: NameError on the first undefined name, each annotation said', () => {
    const r = evaluateConfigFile("bind = '0.0.0.0:8000'\nworkers: 2\nworker_class: gevent\n", ctx);
    expect(r.findings.filter((f) => f.code === 'CONFIG_FAILS')).toEqual([expect.objectContaining({ severity: 'error', line: 3, args: { message: "NameError: name 'gevent' is not defined" } })]);
    expect(r.findings.filter((f) => f.code === 'ANNOTATION_NOT_SETTING').map((f) => f.args)).toEqual([
      { name: 'workers', value: '2' },
      { name: 'worker_class', value: 'gevent' },
    ]);
    expect(r.settings).toEqual({ bind: { value: '0.0.0.0:8000', line: 1 } });
  });
  it('with `from __future__ import annotations` nothing is evaluated, so nothing fails', () => {
    const r = evaluateConfigFile('from __future__ import annotations\nworker_class: gevent\n', ctx);
    expect(r.findings.map((f) => f.code)).toEqual(['ANNOTATION_NOT_SETTING']);
  });
  it('names gunicorn or Python define are no NameError (__file__, license, Ellipsis)', () => {
    const r = evaluateConfigFile('import os\nhere = os.path.dirname(__file__)\nx = Ellipsis\nworkers = 2\n', ctx);
    expect(r.findings.map((f) => f.code)).not.toContain('CONFIG_FAILS');
  });
  it('a file that can bind names we cannot see (globals()) makes no NameError certain', () => {
    const r = evaluateConfigFile('for k in ["a"]:\n    globals()[k] = 1\nworkers = a\n', ctx);
    expect(r.findings.map((f) => f.code)).not.toContain('CONFIG_FAILS');
  });
  it('a NameError inside try is caught, not a failure', () => {
    expect(evaluateConfigFile('try:\n    w = nope\nexcept NameError:\n    w = 2\nworkers = w\n', ctx).settings.workers).toEqual({ value: 2, line: 5 });
  });
  it('check exits 1 on it', () => {
    expect(codes(run([file('gunicorn.py', 'gunicorn-conf', 'worker_class: gevent\n')]))).toContain('CONFIG_FAILS');
  });
});
