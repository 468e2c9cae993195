// gunicorn validators added after 20.1 (gunicorn/config.py of benoitc/gunicorn 22.0 … main), with
// the fingerprints of the code versions they implement (see validators-gunicorn.ts).
import { ipAddress, ipNetwork } from './ipaddress.js';
import { NONE, PyError, pct, pyInt, pyList, pyStr, strip, type Py } from './py.js';
import type { ValidatorImpl } from './validator-kit.js';
import { lowerStrip, posIntValue, validateFileExists, validateListString, validateStringToList } from './validators-gunicorn.js';

const fail = (type: string, message: string): never => {
  throw new PyError(type, message);
};

/** A choice validator: None gives `none`, a non-string is a TypeError, the text is lower()ed and strip()ped. */
function choice(opts: { none: Py; notStr: (v: Py) => string; choices: readonly string[]; bad: (val: string, raw: string) => string }) {
  return (v: Py): Py => {
    if (v.kind === 'none') return opts.none;
    if (v.kind !== 'str') return fail('TypeError', opts.notStr(v));
    const val = lowerStrip(v.value);
    return opts.choices.includes(val) ? pyStr(val) : fail('ValueError', opts.bad(val, v.value));
  };
}

const castingError = (v: Py) => `Invalid type for casting: ${pct(v)}`;

const validateHeaderMap = choice({ none: NONE, notStr: castingError, choices: ['drop', 'refuse', 'dangerous'], bad: (_, raw) => `Invalid header map behaviour: ${raw}` });
const validateAsgiLoop = choice({ none: pyStr('auto'), notStr: castingError, choices: ['auto', 'asyncio', 'uvloop'], bad: (val) => `Invalid ASGI loop: ${val}` });
const validateAsgiLifespan = choice({ none: pyStr('auto'), notStr: castingError, choices: ['auto', 'on', 'off'], bad: (val) => `Invalid ASGI lifespan: ${val}` });
const validateHttpParser = choice({
  none: pyStr('auto'),
  notStr: () => 'http_parser must be a string',
  choices: ['auto', 'fast', 'python'],
  bad: () => 'http_parser must be one of: auto, fast, python',
});

function validateHttp2Cleartext(v: Py): Py {
  if (v.kind === 'bool') return pyStr(v.value ? 'prior-knowledge' : 'off');
  return choice({ none: pyStr('off'), notStr: castingError, choices: ['off', 'prior-knowledge', 'upgrade', 'both'], bad: (val) => `Invalid http2_cleartext: ${val}` })(v);
}

const PROXY_PROTOCOL: Record<string, string> = { false: 'off', off: 'off', '0': 'off', none: 'off', true: 'auto', auto: 'auto', '1': 'auto', v1: 'v1', v2: 'v2' };

function validateProxyProtocol(v: Py): Py {
  if (v.kind === 'none') return pyStr('off');
  if (v.kind === 'bool') return pyStr(v.value ? 'auto' : 'off');
  if (v.kind !== 'str') fail('TypeError', 'proxy_protocol must be string or bool');
  const val = lowerStrip((v as { value: string }).value);
  return Object.hasOwn(PROXY_PROTOCOL, val) ? pyStr(PROXY_PROTOCOL[val]!) : fail('ValueError', 'proxy_protocol must be: off, v1, v2, or auto');
}

// config.py VALID_HTTP_PROTOCOLS (part of the validator's fingerprint).
const HTTP_PROTOCOLS = ['h1', 'h2', 'h3'];

function validateHttpProtocols(v: Py): Py {
  const h1 = pyList([pyStr('h1')]);
  if (v.kind === 'none') return h1;
  if (v.kind !== 'str') return fail('TypeError', 'http_protocols must be a string');
  const val = strip(v.value);
  if (!val) return h1;
  const protocols = val.split(',').filter((p) => strip(p)).map((p) => lowerStrip(p));
  if (protocols.length === 0) return h1;
  for (const p of protocols)
    if (!HTTP_PROTOCOLS.includes(p)) fail('ValueError', `Invalid protocol '${p}'. Valid protocols: ${HTTP_PROTOCOLS.join(', ')}`);
  if (new Set(protocols).size !== protocols.length) fail('ValueError', 'Duplicate protocols specified');
  return pyList(protocols.map(pyStr));
}

function validateHttp2FrameSize(v: Py): Py {
  const n = posIntValue(v);
  // RFC 7540 §4.2: SETTINGS_MAX_FRAME_SIZE lies between 2^14 and 2^24 - 1.
  if (n < 16384n || n > 16777215n) fail('ValueError', `http2_max_frame_size must be between 16384 and 16777215, got ${n}`);
  return pyInt(n);
}

/** validate_string_to_addr_list: 23.0 checks ip_address(); 24.1.0 returns ip_network(strict=False) objects; 24.1.1+ checks ip_network(). */
function addrList(mode: 'address' | 'network-loose' | 'network') {
  return (v: Py): Py => {
    const list = (validateStringToList(v) as { items: Py[] }).items.map((a) => (a as { value: string }).value);
    return pyList(
      list.map((addr) => {
        if (addr === '*') return pyStr(addr);
        if (mode === 'address') ipAddress(addr);
        else if (mode === 'network') ipNetwork(addr, true);
        else return pyStr(ipNetwork(addr, false));
        return pyStr(addr);
      }),
    );
  };
}

// gunicorn.util.GLOB_MAGIC_RE
const GLOB_MAGIC = /[*?[]/;

function validateListOfFilesOrPatterns(v: Py): Py {
  const entries = (validateListString(v) as { items: Py[] }).items;
  for (const e of entries) {
    if (e.kind !== 'str') fail('TypeError', `expected string or bytes-like object, got '${e.kind === 'none' ? 'NoneType' : e.kind}'`);
    if (!GLOB_MAGIC.test((e as { value: string }).value)) validateFileExists(e);
  }
  return pyList(entries);
}

export const NEWER_GUNICORN_VALIDATORS: Readonly<Record<string, readonly ValidatorImpl[]>> = {
  validate_asgi_lifespan: [{ fingerprints: ['4efed5926c'], run: validateAsgiLifespan }],
  validate_asgi_loop: [{ fingerprints: ['128711132f'], run: validateAsgiLoop }],
  validate_header_map_behaviour: [{ fingerprints: ['22c1d78e88'], run: validateHeaderMap }],
  validate_http2_cleartext: [{ fingerprints: ['4d7ea080b2'], run: validateHttp2Cleartext }],
  validate_http2_frame_size: [{ fingerprints: ['655494e233'], run: validateHttp2FrameSize }],
  validate_http_parser: [{ fingerprints: ['22244fb5ff'], run: validateHttpParser }],
  validate_http_protocols: [{ fingerprints: ['0b25c56b1c'], run: validateHttpProtocols }],
  validate_list_of_files_or_patterns: [{ fingerprints: ['febb8b243b'], run: validateListOfFilesOrPatterns }],
  validate_proxy_protocol: [{ fingerprints: ['e0256c02ef'], run: validateProxyProtocol }],
  validate_string_to_addr_list: [
    { fingerprints: ['36f8bcca6e'], run: addrList('address') },
    { fingerprints: ['0d1ba7c7c4'], run: addrList('network-loose') },
    { fingerprints: ['584d82d1a3'], run: addrList('network') },
  ],
};
