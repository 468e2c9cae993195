// The click parameter types uvicorn's command line uses (click 8.1.3, Debian 12's python3-click,
// click/types.py): INT, FLOAT, BOOL, STRING, Choice and Path, converting a value as click does
// for a command-line word or a UVICORN_* variable, with click's messages. uvicorn.Config's own
// arguments are not checked by uvicorn ("none").
import { PyError, pyBool, pyFloat, pyInt, pyStr, repr, str, strip, toFloat, toInt, typeName, type Py } from './py.js';
import { unchecked, type Impl } from './validator-kit.js';

/** click's BadParameter; shown by click as "Invalid value for '--flag': <message>". */
const bad = (message: string): never => {
  throw new PyError('BadParameter', message);
};

function number(kind: 'integer' | 'float') {
  return (v: Py): Py => {
    try {
      return kind === 'integer' ? pyInt(toInt(v)) : pyFloat(toFloat(v));
    } catch (e) {
      // click turns a ValueError into its message; a TypeError (a list …) escapes as it is.
      if (e instanceof PyError && e.type === 'ValueError') return bad(`${repr(v)} is not a valid ${kind}.`);
      throw e;
    }
  };
}

const TRUE = new Set(['1', 'true', 't', 'yes', 'y', 'on']);
const FALSE = new Set(['0', 'false', 'f', 'no', 'n', 'off']);

function bool(v: Py): Py {
  if (v.kind === 'bool') return v;
  // `value in {False, True}`: 0, 1, 0.0 and 1.0 compare equal to the booleans.
  if ((v.kind === 'int' || v.kind === 'float') && (Number(v.value) === 0 || Number(v.value) === 1)) return pyBool(Number(v.value) === 1);
  // (a set is looked up as a frozenset, so only lists and dicts are unhashable here)
  if (v.kind === 'list' || v.kind === 'dict') throw new PyError('TypeError', `unhashable type: '${v.kind}'`);
  if (v.kind !== 'str') throw new PyError('AttributeError', `'${typeName(v)}' object has no attribute 'strip'`);
  const norm = strip(v.value).toLowerCase();
  if (TRUE.has(norm)) return pyBool(true);
  if (FALSE.has(norm)) return pyBool(false);
  return bad(`${repr(v)} is not a valid boolean.`);
}

function choice(v: Py, args: readonly unknown[]): Py {
  const [choices, caseSensitive] = args as [readonly string[], boolean | undefined];
  const sensitive = caseSensitive !== false;
  // str.casefold(): lower case, with ß as ss.
  const norm = (s: string) => (sensitive ? s : s.toLowerCase().replace(/ß/g, 'ss'));
  if (!sensitive && v.kind !== 'str') throw new PyError('AttributeError', `'${typeName(v)}' object has no attribute 'casefold'`);
  if (v.kind === 'list' || v.kind === 'dict' || v.kind === 'set') throw new PyError('TypeError', `unhashable type: '${v.kind}'`);
  const hit = v.kind === 'str' ? choices.find((c) => norm(c) === norm(v.value)) : undefined;
  if (hit !== undefined) return pyStr(hit);
  const list = choices.map((c) => repr(pyStr(c))).join(', ');
  return bad(choices.length === 1 ? `${repr(v)} is not ${list}.` : `${repr(v)} is not one of ${list}.`);
}

function path(v: Py, args: readonly unknown[]): Py {
  const opts = (args[1] ?? {}) as { exists?: boolean };
  if (opts.exists) return unchecked(`click checks that ${str(v)} exists`);
  return pyStr(str(v));
}

export const CLICK_TYPES: Readonly<Record<string, Impl>> = {
  'click.INT': number('integer'),
  'click.FLOAT': number('float'),
  'click.BOOL': bool,
  'click.STRING': (v) => (v.kind === 'unknown' ? unchecked(v.reason) : pyStr(str(v))),
  'click.Choice': choice,
  'click.Path': path,
  // uvicorn.Config's arguments without a command-line option: uvicorn takes them as they are.
  none: (v) => v,
};

/** click's message for a bad value of an option (click names it by its primary spellings). */
export function clickMessage(flags: readonly string[], message: string): string {
  return `Invalid value for ${flags.map((f) => `'${f}'`).join(' / ')}: ${message}`;
}
