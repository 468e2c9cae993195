// What CPython (/usr/bin/python3) says about the inputs of a test file: one batched process per
// call, so expected values are computed, never copied. Only snippets written in the tests are run
// (never a fixture that could have side effects), with os.environ and the CPU/memory counts patched
// to what the evaluator is given.
import { execFileSync } from 'node:child_process';

const PYTHON = '/usr/bin/python3';

function run<T>(script: string, input: unknown): T {
  // The snippets' own print() output must not mix with the JSON answer.
  const guarded = `import io, sys\n_out, sys.stdout = sys.stdout, io.StringIO()\n${script.replace('json.dump(out, sys.stdout)', 'json.dump(out, _out)')}`;
  const out = execFileSync(PYTHON, ['-c', guarded], { input: JSON.stringify(input), encoding: 'utf8', maxBuffer: 1 << 26, env: { PATH: '/usr/bin:/bin' } });
  return JSON.parse(out) as T;
}

export interface PyOutcome {
  /** repr() of the value, or "ExcType: message" when it raised. */
  repr: string;
  /** type(value).__name__, or undefined when it raised. */
  type?: string;
  raised?: string;
}

/** repr and type of each expression, evaluated with eval(). */
export function pythonEval(exprs: string[]): PyOutcome[] {
  return run(
    `
import json, sys
out = []
for e in json.load(sys.stdin):
    try:
        v = eval(e, {})
        out.append({'repr': repr(v), 'type': type(v).__name__})
    except Exception as x:
        out.append({'repr': f'{type(x).__name__}: {x}', 'raised': type(x).__name__})
json.dump(out, sys.stdout)
`,
    exprs,
  );
}

export interface ConfigCase {
  src: string;
  env?: Record<string, string>;
  cpus?: number;
  memBytes?: number;
}

/** Runs each config with exec() under the given environment and counts: repr of every top-level name. */
export function pythonConfig(cases: ConfigCase[]): Record<string, string>[] {
  return run(
    `
import json, sys, os, multiprocessing, collections
import psutil
out = []
for c in json.load(sys.stdin):
    cpus, mem = c.get('cpus', 4), c.get('memBytes')
    os.cpu_count = lambda: cpus
    multiprocessing.cpu_count = lambda: cpus
    os.sched_getaffinity = lambda pid: set(range(cpus))
    psutil.cpu_count = lambda logical=True: cpus if logical else None
    psutil.virtual_memory = lambda: collections.namedtuple('svmem', 'total')(mem)
    os.environ.clear()
    os.environ.update(c.get('env', {}))
    g = {'__name__': '__config__'}
    exec(compile(c['src'], 'gunicorn.conf.py', 'exec'), g)
    out.append({k: repr(v) for k, v in g.items() if not k.startswith('__') and type(v).__name__ not in ('module', 'function', 'type')})
json.dump(out, sys.stdout)
`,
    cases,
  );
}

/** Whether compile() accepts each source, and the line and message of its SyntaxError: bench/lib/cpython.mjs, the benchmark's oracle too. */
export { cpythonCompile as pythonCompile } from '../../bench/lib/cpython.mjs';
