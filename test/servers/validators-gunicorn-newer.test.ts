// gunicorn validators newer than the installed 20.1, and Python's ipaddress they rely on.
// - ipaddress.ip_address / ip_network: against /usr/bin/python3's own module, always.
// - Every code version of every validator the catalogue lists: against the real functions of that
//   gunicorn release, when a git mirror of benoitc/gunicorn is given as GUNICORN_GIT (the validator
//   functions are taken from `git show <tag>:gunicorn/config.py` and run in /usr/bin/python3).
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import { describe, expect, it } from 'vitest';
import { ipAddress, ipNetwork } from '../../src/servers/ipaddress.js';
import { GUNICORN } from '../../src/servers/lookups.js';
import { py, PyError } from '../../src/servers/py.js';
import { run } from '../../src/servers/validator-kit.js';
import { validatorImpl } from '../../src/servers/validators.js';
import { PYTHON, baseEnv } from '../helpers/real-servers.js';
import { VALUES } from './inputs.js';
import { PY_CODEC, enc, normalise, runOracle, tsOutcome, type PyOutcome } from './oracle.js';

const ADDRESSES = [
  '127.0.0.1', '0.0.0.0', '255.255.255.255', '256.1.1.1', '1.2.3', '1.2.3.4.5', '01.2.3.4', '1.2.3.04', '1.2.3.0', ' 1.2.3.4', '1.2.3.4 ',
  '::1', '::', '1::', '::ffff:1.2.3.4', 'fe80::1%eth0', 'fe80::1%', '2001:db8::1:0:0:1', '2001:db8:0:0:1:0:0:1', '1:2:3:4:5:6:7:8', '1:2:3:4:5:6:7:8:9',
  '1::2::3', ':1:2:3:4:5:6:7', '1:2:3:4:5:6:7:', '12345::', 'g::1', 'FFFF::', '0:0:0:0:0:0:0:0', '1:0:0:2:0:0:0:3',
  '10.0.0.0/8', '10.0.0.1/8', '10.0.0.0/255.0.0.0', '10.0.0.0/0.255.255.255', '10.0.0.0/255.0.255.0', '10.0.0.0/33', '10.0.0.0/', '10.0.0.0/a',
  '192.168.1.1/24', '::1/128', '2001:db8::/32', '2001:db8::1/32', '2001:db8::/129', 'fe80::1%eth0/64', '1/2/3', '*', '', 'localhost', '[::1]',
];

describe('ipaddress, as CPython 3.11 has it', () => {
  const script = String.raw`
import ipaddress
out = []
for a in json.load(sys.stdin):
    out.append([outcome(lambda x: str(ipaddress.ip_address(x)), a),
                outcome(lambda x: str(ipaddress.ip_network(x)), a),
                outcome(lambda x: str(ipaddress.ip_network(x, strict=False)), a)])
print(json.dumps(out))
`;
  const expected = runOracle(null, script, ADDRESSES) as unknown as PyOutcome[][];
  const ts = (f: () => string): PyOutcome => {
    try {
      return { ok: true, value: { str: f() } };
    } catch (e) {
      if (!(e instanceof PyError)) throw e;
      return { ok: false, type: e.type, message: e.message };
    }
  };
  it.each(ADDRESSES.map((a, i) => [a, i] as const))('%j', (a, i) => {
    // AddressValueError / NetmaskValueError are ValueErrors that ip_address/ip_network never let out.
    expect([ts(() => ipAddress(a)), ts(() => ipNetwork(a, true)), ts(() => ipNetwork(a, false))]).toEqual(expected[i]);
  });
});

const MIRROR = process.env.GUNICORN_GIT;

// The validators of one gunicorn tag, without importing that gunicorn: config.py's module-level
// functions and constants, and util.py's helpers they call, run against the installed 20.1's errors.
const NEWER_PY = String.raw`
import ast, glob, grp, inspect, ipaddress, os, pwd, re, ssl, subprocess, warnings
from gunicorn.errors import ConfigError
from gunicorn.reloader import reloader_engines
warnings.simplefilter("ignore")

def load(mirror, tag):
    def module(path, keep):
        src = subprocess.run(["git", "-C", mirror, "show", "%s:%s" % (tag, path)], check=True, capture_output=True, text=True).stdout
        tree = ast.parse(src)
        tree.body = [n for n in tree.body if keep(n)]
        return tree
    util_ns = {"re": re, "os": os, "inspect": inspect}
    exec(compile(module("gunicorn/util.py", lambda n: isinstance(n, ast.FunctionDef) and n.name in ("parse_address", "is_glob_pattern", "get_arity", "getcwd")
        or isinstance(n, ast.Assign) and ast.unparse(n.targets[0]) in ("GLOB_MAGIC_RE", "positionals")), "util", "exec"), util_ns)
    util = type("util", (), {k: staticmethod(v) if callable(v) else v for k, v in util_ns.items()})
    ns = {"re": re, "os": os, "inspect": inspect, "ipaddress": ipaddress, "glob": glob, "warnings": warnings, "sys": sys, "ssl": ssl,
          "pwd": pwd, "grp": grp, "util": util, "ConfigError": ConfigError, "reloader_engines": reloader_engines,
          "SSLVersion": type("SSLVersion", (), {"default": ssl.PROTOCOL_SSLv23})}
    exec(compile(module("gunicorn/config.py", lambda n: isinstance(n, ast.FunctionDef) or isinstance(n, ast.Assign)
        and isinstance(n.targets[0], ast.Name) and n.targets[0].id.isupper() and n.targets[0].id != "KNOWN_SETTINGS"), "config", "exec"), ns)
    return ns

cache = {}
out = []
for c in json.load(sys.stdin):
    ns = cache.get(c["tag"]) or cache.setdefault(c["tag"], load(c["mirror"], c["tag"]))
    fn = ns[c["validator"]]
    out.append(outcome(lambda v: fn(None, v) if c["validator"] == "auto_int" else fn(v), dec(c["value"])))
print(json.dumps(out))
`;

describe.skipIf(!MIRROR)('every code version of the gunicorn validators (GUNICORN_GIT mirror)', () => {
  // One case list per (validator, code version), at the first release with that code.
  const versions = Object.entries(GUNICORN.validators).flatMap(([validator, history]) =>
    history.filter((h) => !h.since.includes('+')).map((h) => ({ validator, tag: h.since.startsWith('main@') ? 'HEAD' : h.since, version: h.since })),
  );
  const skip = new Set(['validate_callable', 'validate_post_request', 'auto_int']); // factories / argparse types: covered on 20.1
  const cases = versions.filter((v) => !skip.has(v.validator)).flatMap((v) => VALUES.map((value) => ({ ...v, value })));
  const expected = MIRROR ? runPy(cases.map((c) => ({ mirror: MIRROR, tag: c.tag, validator: c.validator, value: enc(c.value) }))) : [];

  it('the same value or the same exception as that release', () => {
    const differences = cases
      .map((c, i) => ({ c, ts: tsOutcome(run(validatorImpl('gunicorn', c.validator, c.version)!, c.value)), py: expected[i]! }))
      .filter((r) => r.ts !== 'unchecked')
      .map((r) => ({ at: `${r.c.validator}@${r.c.version}`, value: enc(r.c.value), ts: normalise(r.ts as PyOutcome), py: normalise(r.py) }))
      .filter((d) => JSON.stringify(d.ts) !== JSON.stringify(d.py));
    expect(differences).toEqual([]);
    expect(cases.length).toBeGreaterThan(1000);
  });
});

function runPy(cases: unknown[]): PyOutcome[] {
  const r = spawnSync(PYTHON, ['-c', `${PY_CODEC}\n${NEWER_PY}`], { input: JSON.stringify(cases), encoding: 'utf8', cwd: os.tmpdir(), env: baseEnv(), timeout: 120_000, maxBuffer: 64 << 20 });
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout) as PyOutcome[];
}

it('hand-checked newer validators', () => {
  const v = (name: string, value: unknown, version = '26.1.0') => run(validatorImpl('gunicorn', name, version)!, py(value as never));
  expect(v('validate_proxy_protocol', ' TRUE ')).toMatchObject({ ok: true, value: { value: 'auto' } });
  expect(v('validate_http_protocols', 'h2, H1')).toMatchObject({ ok: true, value: { items: [{ value: 'h2' }, { value: 'h1' }] } });
  expect(v('validate_http_protocols', 'h1,h1')).toMatchObject({ ok: false, message: 'Duplicate protocols specified' });
  expect(v('validate_string_to_addr_list', '10.0.0.1/8')).toMatchObject({ ok: false, message: '10.0.0.1/8 has host bits set' });
  expect(v('validate_string_to_addr_list', '10.0.0.1/8', '24.1.0')).toMatchObject({ ok: true, value: { items: [{ value: '10.0.0.0/8' }] } });
  expect(v('validate_ssl_version', 'TLSv1_2')).toMatchObject({ ok: true, warning: expect.stringContaining('deprecated') });
});
