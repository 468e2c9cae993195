// Values that depend on the machine the file runs on (whether a module is installed): the evaluator
// says which values they can take; check settles a setting when every one means the same to the model.
import { describe, expect, it } from 'vitest';
import { evaluateConfigFile } from '../../src/check/config-file.js';
import { evaluatePythonConfig } from '../../src/check/python/index.js';

const ctx = { cpus: 2, env: {} };

describe('values that depend on an import', () => {
  it('a conditional on importlib.util.find_spec keeps both branches as candidates', () => {
    const r = evaluatePythonConfig('import importlib.util\nx = "a" if importlib.util.find_spec("m") else "b"\n', ctx);
    expect(r.values.get('x')!.value).toEqual({ kind: 'unknown', reason: "depends on whether 'm' can be imported", candidates: [{ kind: 'str', value: 'a' }, { kind: 'str', value: 'b' }] });
  });
  it('try/except ImportError keeps both assignments as candidates', () => {
    const r = evaluatePythonConfig('try:\n    import uvicorn_worker\n    k = "uvicorn_worker.UvicornWorker"\nexcept ImportError:\n    k = "uvicorn.workers.UvicornWorker"\n', ctx);
    expect(r.values.get('k')!.value).toMatchObject({ kind: 'unknown', candidates: [{ value: 'uvicorn_worker.UvicornWorker' }, { value: 'uvicorn.workers.UvicornWorker' }] });
  });
  it('check settles worker_class when both are the same kind of worker, with a note', () => {
    const r = evaluateConfigFile('import importlib.util\nworker_class = "uvicorn_worker.UvicornWorker" if importlib.util.find_spec("uvicorn_worker") else "uvicorn.workers.UvicornWorker"\n', ctx);
    expect(r.settings.worker_class).toEqual({ value: 'uvicorn_worker.UvicornWorker', line: 2 });
    expect(r.findings).toEqual([expect.objectContaining({ code: 'DEPENDS_ON_MACHINE', severity: 'info', setting: 'worker_class' })]);
  });
  it('…but not when the kinds differ: gevent or sync is a real unknown, said with both values', () => {
    const r = evaluateConfigFile('try:\n    import gevent\n    worker_class = "gevent"\nexcept ImportError:\n    worker_class = "sync"\n', ctx);
    expect(r.settings).not.toHaveProperty('worker_class');
    expect(r.findings[0]).toMatchObject({ code: 'UNEVALUATED', severity: 'warning', args: { reason: "depends on whether 'gevent' can be imported (try at line 1): either gevent or sync" } });
  });
});
