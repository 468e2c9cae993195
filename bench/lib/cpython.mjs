// CPython's compile() as the oracle for `tune check`'s reading of Python files: one batched
// /usr/bin/python3 process says, for each source, whether gunicorn could load it, and where it fails.
// Used by bench/python-fidelity.mjs and by the tests (test/check/cpython.ts).
import { execFileSync } from 'node:child_process';

export const PYTHON = '/usr/bin/python3';

const COMPILE_ORACLE = `
import json, sys, warnings
warnings.simplefilter('ignore')
out = []
for src in json.load(sys.stdin):
    try:
        compile(src.encode('utf-8', 'surrogatepass'), 'gunicorn.conf.py', 'exec')
        out.append({'ok': True})
    except SyntaxError as e:
        out.append({'ok': False, 'line': e.lineno, 'msg': e.msg})
    except (ValueError, MemoryError, RecursionError) as e:
        out.append({'ok': False, 'line': None, 'msg': type(e).__name__})
json.dump(out, sys.stdout)
`;

/**
 * Whether compile() accepts each source; when not, the line of its SyntaxError (null for a ValueError,
 * MemoryError or RecursionError, which have none) and its message.
 * @param {string[]} sources
 * @returns {{ ok: boolean, line?: number | null, msg?: string }[]}
 */
export function cpythonCompile(sources) {
  const out = execFileSync(PYTHON, ['-c', COMPILE_ORACLE], { input: JSON.stringify(sources), maxBuffer: 1 << 28, encoding: 'utf8', env: { PATH: '/usr/bin:/bin' } });
  return JSON.parse(out);
}
