// The real servers as oracles: one /usr/bin/python3 run per call evaluates a batch of cases and
// answers in JSON, with Python values in a typed form so that int/float/tuple/set survive the trip.
// Under CI a missing server fails (requireServer), locally the caller skips with have.x.
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import { PYTHON, baseEnv, requireServer, type Server } from '../helpers/real-servers.js';
import type { Py } from '../../src/servers/py.js';
import type { Checked } from '../../src/servers/validators.js';

/** Typed JSON for Python values: {int: "3"}, {float: "2.5"}, {str}, {bool}, null, {list|tuple|set: [...]}, {dict: [[k, v]]}. */
export type Enc = null | { [tag: string]: unknown };

export function enc(v: Py): Enc {
  switch (v.kind) {
    case 'none':
      return null;
    case 'int':
      return { int: v.value.toString() };
    case 'float':
      return { float: Number.isNaN(v.value) ? 'nan' : v.value === Infinity ? 'inf' : v.value === -Infinity ? '-inf' : String(v.value) };
    case 'str':
      return { str: v.value };
    case 'bool':
      return { bool: v.value };
    case 'list':
    case 'tuple':
      return { [v.kind]: v.items.map(enc) };
    case 'set':
      return { set: v.items.map(enc).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))) };
    case 'dict':
      return { dict: v.entries.map(([k, x]) => [enc(k), enc(x)]) };
    case 'function':
      return { function: { name: v.name, arity: v.arity ?? -1 } };
    default:
      return { other: v.kind };
  }
}

/** The Python half: dec() and enc() matching the TypeScript ones above. */
export const PY_CODEC = String.raw`
import json, math, sys

def dec(x):
    if x is None:
        return None
    (tag, v), = x.items()
    if tag == "int": return int(v)
    if tag == "float": return float(v)
    if tag in ("str", "bool"): return v
    if tag == "list": return [dec(i) for i in v]
    if tag == "tuple": return tuple(dec(i) for i in v)
    if tag == "set": return set(dec(i) for i in v)
    if tag == "dict": return {dec(k): dec(i) for k, i in v}
    if tag == "function":
        ns = {}
        exec("def %s(%s): pass" % (v["name"], ", ".join("a%d" % i for i in range(v["arity"]))), ns)
        return ns[v["name"]]
    raise ValueError(tag)

def enc(v):
    if v is None: return None
    if isinstance(v, bool): return {"bool": v}
    if isinstance(v, int): return {"int": str(v)}
    if isinstance(v, float):
        return {"float": "nan" if math.isnan(v) else "inf" if v == math.inf else "-inf" if v == -math.inf else repr(v)}
    if isinstance(v, str): return {"str": v}
    if isinstance(v, list): return {"list": [enc(i) for i in v]}
    if isinstance(v, tuple): return {"tuple": [enc(i) for i in v]}
    if isinstance(v, (set, frozenset)): return {"set": sorted((enc(i) for i in v), key=lambda e: json.dumps(e, separators=(",", ":")))}
    if isinstance(v, dict): return {"dict": [[enc(k), enc(i)] for k, i in v.items()]}
    if callable(v):
        import inspect
        try:
            arity = len(inspect.signature(v).parameters)
        except (TypeError, ValueError):
            arity = -1
        return {"function": {"name": getattr(v, "__name__", "?"), "arity": arity}}
    return {"other": type(v).__name__}

def outcome(fn, *args):
    try:
        return {"ok": True, "value": enc(fn(*args))}
    except BaseException as e:
        return {"ok": False, "type": type(e).__name__, "message": str(e)}
`;

export interface PyOutcome {
  ok: boolean;
  value?: Enc;
  type?: string;
  message?: string;
}

/** Run `script` (after PY_CODEC) with `cases` as JSON on stdin; it prints one JSON list of outcomes. `server` null: the standard library only. */
export function runOracle<C>(server: Server | null, script: string, cases: C[]): PyOutcome[] {
  if (server) requireServer(server);
  const r = spawnSync(PYTHON, ['-c', `${PY_CODEC}\n${script}`], {
    input: JSON.stringify(cases),
    encoding: 'utf8',
    cwd: os.tmpdir(),
    env: baseEnv(),
    timeout: 60_000,
    maxBuffer: 64 * 1024 * 1024,
  });
  if (r.status !== 0) throw new Error(`python oracle failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as PyOutcome[];
}

/** The TypeScript outcome in the oracle's form; "unchecked" when the TS side cannot judge statically. */
export function tsOutcome(c: Checked): PyOutcome | 'unchecked' {
  if (c.ok === 'unchecked') return 'unchecked';
  return c.ok ? { ok: true, value: enc(c.value) } : { ok: false, type: c.type, message: c.message };
}

/**
 * Comparable form: floats as numbers (Python prints 1e+16, JS 10000000000000000), function reprs
 * without their address ("<function f at 0x7f…>" → "<function f>").
 */
export function normalise(o: PyOutcome): PyOutcome {
  const fix = (e: unknown): unknown =>
    Array.isArray(e)
      ? e.map(fix)
      : e && typeof e === 'object'
        ? Object.fromEntries(Object.entries(e).map(([k, x]) => [k, k === 'float' && typeof x === 'string' ? String(Number(x)) : fix(x)]))
        : typeof e === 'string'
          ? e.replace(/ at 0x[0-9a-f]+>/g, '>')
          : e;
  const out: PyOutcome = { ...o, value: fix(o.value) as Enc };
  if (out.message !== undefined) out.message = out.message.replace(/ at 0x[0-9a-f]+>/g, '>');
  if (out.value === undefined) delete out.value;
  return out;
}
