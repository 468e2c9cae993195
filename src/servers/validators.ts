// The servers' validators and converters by the name the catalogue gives them, in the code version of
// a given server version (chosen by fingerprint), and validateSetting(): a value of a setting, given
// the way the server gets it, accepted exactly when the server accepts it.
import { GUNICORN, setting, UVICORN, WAITRESS } from './lookups.js';
import { py, pyInt, pyList, pyStr, repr, splitWhitespace, toInt, type Py, type PyInput } from './py.js';
import type { GunicornForm, ServerName, UvicornForm, ValidatorHistory, VersionInfo } from './types.js';
import { run, type Checked, type Impl, type ValidatorImpl } from './validator-kit.js';
import { CLICK_TYPES, clickMessage } from './validators-click.js';
import { autoInt, GUNICORN_VALIDATORS } from './validators-gunicorn.js';
import { NEWER_GUNICORN_VALIDATORS } from './validators-gunicorn-new.js';
import { WAITRESS_CONVERTERS } from './validators-waitress.js';
import { resolveIn } from './versions.js';

export type { Checked } from './validator-kit.js';

/** Every implementation, by server and validator name (for the tests that hold them to the catalogue). */
export const IMPLEMENTATIONS: Readonly<Record<'gunicorn' | 'waitress', Readonly<Record<string, readonly ValidatorImpl[]>>>> = {
  gunicorn: { ...GUNICORN_VALIDATORS, ...NEWER_GUNICORN_VALIDATORS },
  waitress: WAITRESS_CONVERTERS,
};

const HISTORY: Record<'gunicorn' | 'waitress', { versions: readonly VersionInfo[]; validators: ValidatorHistory }> = { gunicorn: GUNICORN, waitress: WAITRESS };

/** The implementation of a validator as it is in `version` (default: the newest known), or undefined. */
export function validatorImpl(server: ServerName, name: string, version?: string): Impl | undefined {
  if (server === 'uvicorn') return CLICK_TYPES[name];
  const impls = IMPLEMENTATIONS[server][name];
  const history = HISTORY[server].validators[name];
  if (!impls) return undefined;
  if (!history) return impls.find((i) => i.fingerprints.length === 0)?.run;
  const versions = HISTORY[server].versions;
  const at = versions.findIndex((v) => v.version === resolveIn(versions, version));
  const index = (label: string) => versions.findIndex((v) => v.version === label);
  const fp = ([...history].reverse().find((h) => index(h.since) <= at) ?? history[0]!).fingerprint;
  return impls.find((i) => i.fingerprints.includes(fp))?.run;
}

/** Run a validator by name (`args`: validate_callable's arity, a Choice's choices …). */
function validate(server: ServerName, name: string, value: PyInput, opts: { version?: string; args?: readonly unknown[] } = {}): Checked {
  const impl = validatorImpl(server, name, opts.version);
  if (!impl) throw new Error(`no implementation of ${server} ${name}${opts.version ? ` for ${opts.version}` : ''}`);
  return run(impl, py(value), opts.args ?? []);
}

/**
 * How the server gets the value: `config` — from Python (gunicorn.conf.py, waitress.serve(**kw),
 * uvicorn.run(**kw)); `cli` — a command-line word (a list for repeatable options); `env` — an
 * environment variable the server reads for it (`envVar`: which one, default the first).
 */
export interface SettingInput {
  version?: string;
  via?: 'config' | 'cli' | 'env';
  envVar?: string;
}

/** A setting's value checked by the server's own conversion and validator; undefined for an unknown setting. */
export function validateSetting(server: ServerName, name: string, value: PyInput, opts: SettingInput = {}): Checked | undefined {
  const s = setting(server, name, opts.version);
  if (!s) return undefined;
  const v = py(value);
  const via = opts.via ?? 'config';
  const version = opts.version;
  if (server === 'gunicorn') return gunicorn(s as GunicornForm & { name: string }, v, via, version);
  if (server === 'uvicorn') return uvicorn(s as UvicornForm & { name: string }, v, via, opts.envVar);
  return validate('waitress', s.validator, v, { version });
}

function gunicorn(s: GunicornForm & { name: string }, v: Py, via: string, version?: string): Checked {
  const check = (x: Py) => validate('gunicorn', s.validator, x, { version, args: s.validatorArgs ?? [] });
  if (via === 'env') {
    // The default expression reads the variable: int(os.environ.get(...)) or the text itself.
    if (!s.default?.expr?.startsWith('int(')) return check(v);
    const n = run((x) => pyInt(toInt(x)), v);
    return n.ok === true ? check(n.value) : n;
  }
  if (via !== 'cli') return check(v);
  if (s.action === 'store_true') return check({ kind: 'bool', value: true });
  if (s.action === 'store_const') return check(py(s.const as PyInput));
  if (s.action === 'append') return check(v.kind === 'list' ? v : pyList([v]));
  if (!s.argType || v.kind !== 'str') return check(v);
  // argparse type=int / type=auto_int: a failure is argparse's usage error.
  const converted = run(s.argType === 'int' ? (x) => pyInt(toInt(x)) : autoInt, v);
  if (converted.ok !== true) return { ok: false, type: 'ArgumentError', message: `argument ${s.flags.join('/')}: invalid ${s.argType} value: ${repr(v)}` };
  return check(converted.value);
}

function uvicorn(s: UvicornForm & { name: string }, v: Py, via: string, envVar?: string): Checked {
  if (via === 'config') return { ok: true, value: v };
  // A variable uvicorn.Config reads itself (WEB_CONCURRENCY, FORWARDED_ALLOW_IPS): int() or the text.
  const autoEnv = `${UVICORN.envPrefix}_${s.name.toUpperCase()}`;
  if (via === 'env' && envVar !== undefined && envVar !== autoEnv && s.env.includes(envVar))
    return s.type === 'int' ? run((x) => pyInt(toInt(x)), v) : { ok: true, value: v };
  const impl = CLICK_TYPES[s.validator]!;
  const args = s.validator === 'click.Choice' ? [s.choices, s.caseSensitive] : [undefined, s.path];
  // click names the option by its primary spellings: "Invalid value for '--port': …".
  const primary = s.flags.filter((f) => !(s.falseFlags ?? []).includes(f));
  const one = (x: Py): Checked => {
    const r = run(impl, x, args);
    return r.ok === false && r.type === 'BadParameter' ? { ...r, message: clickMessage(primary, r.message) } : r;
  };
  if (!s.multiple) return one(v);
  // A repeatable option: each word converted; from the environment, split on whitespace (click.Path: on ':').
  const items = v.kind === 'list' ? v.items : via === 'env' && v.kind === 'str' ? (s.validator === 'click.Path' ? v.value.split(':') : splitWhitespace(v.value)).map(pyStr) : [v];
  const out: Py[] = [];
  for (const item of items) {
    const r = one(item);
    if (r.ok !== true) return r;
    out.push(r.value);
  }
  return { ok: true, value: pyList(out, 'tuple') };
}
