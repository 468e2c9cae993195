// gunicorn's validators (gunicorn/config.py validate_*), one TypeScript function each, with the same
// conversions and the same exception types and messages. Each is listed with the fingerprints of the
// gunicorn code versions it implements (see GUNICORN.validators): a new fingerprint after a
// regeneration fails test/servers until it is reviewed here. Newer validators: validators-gunicorn-new.ts.
import { NONE, PyError, pct, pyInt, pyList, pyStr, str, strip, toInt, truthy, typeName, type Py } from './py.js';
import { unchecked, Warned, type ValidatorImpl } from './validator-kit.js';

const fail = (type: string, message: string): never => {
  throw new PyError(type, message);
};

/** Python iteration of a value (a dict gives its keys, a str its characters). */
export function iterate(v: Py): Py[] {
  switch (v.kind) {
    case 'list':
    case 'tuple':
    case 'set':
      return v.items;
    case 'dict':
      return v.entries.map(([k]) => k);
    case 'str':
      return [...v.value].map(pyStr);
    case 'unknown':
      return unchecked(`the value is not known (${v.reason})`);
    default:
      return fail('TypeError', `'${typeName(v)}' object is not iterable`);
  }
}

/** str.lower().strip(), as the choice validators compare. */
export const lowerStrip = (s: string): string => strip(s.toLowerCase());

function validateString(v: Py): Py {
  if (v.kind === 'none') return NONE;
  if (v.kind === 'unknown') return unchecked(`the value is not known (${v.reason})`);
  if (v.kind !== 'str') return fail('TypeError', `Not a string: ${pct(v)}`);
  return pyStr(strip(v.value));
}

function validateBool(v: Py): Py {
  if (v.kind === 'none') return NONE;
  if (v.kind === 'bool') return v;
  if (v.kind !== 'str') return fail('TypeError', `Invalid type for casting: ${pct(v)}`);
  const t = lowerStrip(v.value);
  if (t === 'true' || t === 'false') return { kind: 'bool', value: t === 'true' };
  return fail('ValueError', `Invalid boolean: ${v.value}`);
}

/** int(val, 0) unless val is already an int (bools are ints). */
export function posIntValue(v: Py): bigint {
  return v.kind === 'int' || v.kind === 'bool' ? toInt(v) : toInt(v, 0);
}

function validatePosInt(v: Py): Py {
  const n = posIntValue(v);
  if (n < 0n) fail('ValueError', `Value must be positive: ${n}`);
  return pyInt(n);
}

function validateDict(v: Py): Py {
  return v.kind === 'dict' ? v : fail('TypeError', `Value is not a dictionary: ${pct(v)} `);
}

export function validateFileExists(v: Py): Py {
  if (v.kind === 'none') return NONE;
  return unchecked(`whether ${str(v)} exists on the server's disk`);
}

export function validateListString(v: Py): Py {
  if (!truthy(v)) return pyList([]);
  if (v.kind === 'str') return pyList([validateString(v)]);
  return pyList(iterate(v).map(validateString));
}

function validateListOfExistingFiles(v: Py): Py {
  const list = validateListString(v) as { items: Py[] };
  list.items.forEach(validateFileExists);
  return list as Py;
}

export function validateStringToList(v: Py): Py {
  const s = validateString(v);
  if (!truthy(s)) return pyList([]);
  const text = (s as { value: string }).value;
  return pyList(text.split(',').filter((x) => x !== '').map((x) => pyStr(strip(x))));
}

function validateClass(v: Py): Py {
  if (v.kind === 'function') return unchecked(`${v.name}() is called to get the class`);
  if (v.kind === 'class') return v;
  return validateString(v);
}

function callable(v: Py, arity: number): Py {
  if (v.kind === 'str') {
    const dot = v.value.lastIndexOf('.');
    if (dot < 0) fail('TypeError', `Value '${v.value}' is not import string. Format: module[.submodules...].object`);
    if (dot === 0) fail('ValueError', 'Empty module name');
    return unchecked(`${v.value} is imported when gunicorn starts`);
  }
  if (v.kind === 'unknown') return unchecked(`the value is not known (${v.reason})`);
  if (v.kind !== 'function' && v.kind !== 'class') fail('TypeError', `Value is not callable: ${pct(v)}`);
  if (arity === -1) return v;
  if (v.kind !== 'function' || v.arity === undefined) return unchecked(`the number of arguments of ${str(v)} is not known`);
  if (v.arity !== arity) fail('TypeError', `Value must have an arity of: ${arity}`);
  return v;
}

function validatePostRequest(v: Py): Py {
  const f = callable(v, -1);
  if (f.kind !== 'function' || f.arity === undefined) return unchecked(`the number of arguments of ${str(f)} is not known`);
  if (![2, 3, 4].includes(f.arity)) fail('TypeError', 'Value must have an arity of: 4');
  // A hook of 2 or 3 arguments is wrapped in a 4-argument lambda.
  return f.arity === 4 ? f : { kind: 'function', name: '<lambda>', arity: 4 };
}

// str.isdigit(): decimal digits plus the other Unicode digits (superscripts, circled …); int() then
// refuses the latter.
const IS_DIGIT = /^(?:\p{Nd}|[\u00b2\u00b3\u00b9\u1369-\u1371\u19da\u2070\u2074-\u2079\u2080-\u2089\u2460-\u2468\u2474-\u247c\u2488-\u2490\u24ea\u24f5-\u24fd\u24ff\u2776-\u277e\u2780-\u2788\u278a-\u2792\u{1f100}-\u{1f10a}])+$/u;

function userOrGroup(kind: 'user' | 'group') {
  return (v: Py): Py => {
    if (v.kind === 'none') return unchecked(`the server process's effective ${kind === 'user' ? 'uid' : 'gid'} is used`);
    if (v.kind === 'int' || v.kind === 'bool') return v;
    if (v.kind !== 'str') return fail('AttributeError', `'${typeName(v)}' object has no attribute 'isdigit'`);
    if (IS_DIGIT.test(v.value)) return pyInt(toInt(v));
    return unchecked(`whether the ${kind} '${v.value}' exists on the server machine`);
  };
}

function validateChdir(v: Py): Py {
  const s = validateString(v);
  if (s.kind === 'none') fail('TypeError', "join() argument must be str, bytes, or os.PathLike object, not 'NoneType'");
  return unchecked(`whether the directory ${str(s)} exists on the server`);
}

function validateHostport(v: Py): Py {
  const s = validateString(v);
  if (s.kind !== 'str') return NONE;
  const parts = s.value.split(':');
  if (parts.length !== 2) fail('TypeError', 'Value must consist of: hostname:port');
  return pyList([pyStr(parts[0]!), pyInt(toInt(pyStr(parts[1]!)))], 'tuple');
}

// ssl.PROTOCOL_* of CPython 3.11 (Debian 12's OpenSSL 3), in dir(ssl) order: what gunicorn 20.1 accepts.
const SSL_PROTOCOLS: [string, number][] = [['SSLv23', 2], ['TLS', 2], ['TLS_CLIENT', 16], ['TLS_SERVER', 17], ['TLSv1', 3], ['TLSv1_1', 4], ['TLSv1_2', 5]];

function validateSslVersion20(v: Py): Py {
  if (v.kind === 'list' || v.kind === 'dict' || v.kind === 'set') fail('TypeError', `unhashable type: '${v.kind}'`);
  const named = v.kind === 'str' ? SSL_PROTOCOLS.find(([k]) => k === v.value) : undefined;
  if (named) return pyInt(named[1]);
  try {
    const n = validatePosInt(v) as { value: bigint };
    if (SSL_PROTOCOLS.some(([, p]) => BigInt(p) === n.value)) return n as Py;
  } catch (e) {
    if (!(e instanceof PyError) || !['ValueError', 'TypeError'].includes(e.type)) throw e;
  }
  return fail('ValueError', `Invalid ssl_version: ${str(v)}. Valid options: ${SSL_PROTOCOLS.map(([k]) => k).join(', ')}`);
}

/** gunicorn 21+: ssl_version is ignored; any value but the default (ssl.PROTOCOL_SSLv23 = 2) warns. */
function validateSslVersion21(v: Py): Py | Warned {
  const isDefault = (v.kind === 'int' && v.value === 2n) || (v.kind === 'float' && v.value === 2);
  return isDefault ? v : new Warned(v, 'Warning: option `ssl_version` is deprecated and it is ignored. Use ssl_context instead.');
}

function validateStatsdAddress(v: Py): Py {
  const s = validateString(v);
  if (s.kind !== 'str') return NONE;
  const unix = /^unix:(\p{Nd}+)$/u.exec(s.value);
  if (unix) return pyList([pyStr('unix'), pyInt(toInt(pyStr(unix[1]!)))], 'tuple');
  const bad = () => fail('TypeError', "Value must be one of ('host:port', 'unix://PATH')");
  let netloc = s.value;
  // gunicorn.util.parse_address(netloc, default_port='8125')
  if (/^unix:(\/\/)?/.test(netloc)) return pyStr(netloc.split(/unix:(\/\/)?/).at(-1)!);
  const int = (text: string): bigint => {
    try {
      return toInt(pyStr(text));
    } catch (e) {
      return e instanceof PyError && e.type === 'ValueError' ? bad() : fail((e as PyError).type, (e as PyError).message);
    }
  };
  if (netloc.startsWith('fd://')) return pyInt(int(netloc.slice(5)));
  if (netloc.startsWith('tcp://')) netloc = netloc.split('tcp://')[1]!;
  let [host, port] = [netloc, '8125'];
  if (netloc.includes('[') && netloc.includes(']')) {
    host = netloc.split(']')[0]!.slice(1);
    port = [...netloc.split(']:'), '8125'][1]!;
  } else if (netloc.includes(':')) [host, port] = [...netloc.split(':'), '8125'] as [string, string];
  else if (netloc === '') [host, port] = ['0.0.0.0', '8125'];
  return pyList([pyStr(host.toLowerCase()), pyInt(int(port))], 'tuple');
}

// gunicorn/reloader.py reloader_engines (part of the validator's fingerprint).
const RELOADER_ENGINES = ['auto', 'poll', 'inotify'];

function validateReloadEngine(v: Py): Py {
  if (v.kind === 'list' || v.kind === 'dict' || v.kind === 'set') fail('TypeError', `unhashable type: '${v.kind}'`);
  if (v.kind === 'str' && RELOADER_ENGINES.includes(v.value)) return v;
  return fail('ConfigError', `Invalid reload_engine: ${pct(v, 'repr')}`);
}

/** argparse type=auto_int: a leading 0NNN is octal, then int(x, 0). */
export function autoInt(v: Py): Py {
  let x = (v as { value: string }).value;
  if (/^0\p{Nd}/iu.test(x)) x = x.replace('0', '0o');
  return pyInt(toInt(pyStr(x), 0));
}

/** gunicorn 20.1's validators (validators-gunicorn-new.ts has the later ones). */
export const GUNICORN_VALIDATORS: Readonly<Record<string, readonly ValidatorImpl[]>> = {
  auto_int: [{ fingerprints: ['80c0603c62'], run: autoInt }],
  validate_bool: [{ fingerprints: ['35a01a8a29'], run: validateBool }],
  validate_callable: [{ fingerprints: ['f4a70a9f60'], run: (v, args) => callable(v, Number(args[0] ?? -1)) }],
  validate_chdir: [{ fingerprints: ['56689ed641'], run: validateChdir }],
  validate_class: [{ fingerprints: ['648a695213'], run: validateClass }],
  validate_dict: [{ fingerprints: ['093d6b9d6e'], run: validateDict }],
  validate_file_exists: [{ fingerprints: ['9d0e145232'], run: validateFileExists }],
  validate_group: [{ fingerprints: ['a222582947'], run: userOrGroup('group') }],
  validate_hostport: [{ fingerprints: ['d601a4e82d'], run: validateHostport }],
  validate_list_of_existing_files: [{ fingerprints: ['aa8d5c715f'], run: validateListOfExistingFiles }],
  validate_list_string: [{ fingerprints: ['7a7478bf17'], run: validateListString }],
  validate_pos_int: [{ fingerprints: ['494318a36c'], run: validatePosInt }],
  validate_post_request: [{ fingerprints: ['bf8c9d0c43'], run: validatePostRequest }],
  validate_reload_engine: [{ fingerprints: ['abb7bfc7a4'], run: validateReloadEngine }],
  validate_ssl_version: [
    { fingerprints: ['5f20030c65'], run: validateSslVersion20 },
    { fingerprints: ['378afc4e96'], run: validateSslVersion21 },
  ],
  validate_statsd_address: [{ fingerprints: ['8046e0db49'], run: validateStatsdAddress }],
  validate_string: [{ fingerprints: ['87dd5218cc'], run: validateString }],
  validate_string_to_list: [{ fingerprints: ['27cafff8a5'], run: validateStringToList }],
  validate_user: [{ fingerprints: ['cdf37da575'], run: userOrGroup('user') }],
};
