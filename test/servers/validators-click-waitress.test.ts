// uvicorn's click types and waitress's converters in TypeScript against the real ones (Debian's
// python3-click 8.1.3 as uvicorn 0.17 imports it, waitress 2.1 waitress.adjustments), every value
// of the wide table through each, one Python run per server.
import { describe, expect, it } from 'vitest';
import { debianVersion } from '../../src/servers/lookups.js';
import type { Py } from '../../src/servers/py.js';
import { run } from '../../src/servers/validator-kit.js';
import { validatorImpl } from '../../src/servers/validators.js';
import { have } from '../helpers/real-servers.js';
import { VALUES } from './inputs.js';
import { enc, normalise, runOracle, tsOutcome, type PyOutcome } from './oracle.js';

interface Case {
  validator: string;
  args: unknown[];
  value: Py;
}

function compare(server: 'uvicorn' | 'waitress', cases: Case[], expected: PyOutcome[], version: string) {
  const results = cases.map((c, i) => ({ c, ts: tsOutcome(run(validatorImpl(server, c.validator, version)!, c.value, c.args)), py: expected[i]! }));
  const differences = results
    .filter((r) => r.ts !== 'unchecked')
    .map((r) => ({ validator: r.c.validator, value: enc(r.c.value), ts: normalise(r.ts as PyOutcome), py: normalise(r.py) }))
    .filter((d) => JSON.stringify(d.ts) !== JSON.stringify(d.py));
  return { results, differences };
}

const CLICK_PY = String.raw`
import click
out = []
for c in json.load(sys.stdin):
    v = c["validator"]
    t = {"click.INT": click.INT, "click.FLOAT": click.FLOAT, "click.BOOL": click.BOOL, "click.STRING": click.STRING}.get(v)
    if v == "click.Choice":
        t = click.Choice(c["args"][0]) if c["args"][1] is None else click.Choice(c["args"][0], case_sensitive=c["args"][1])
    out.append(outcome(lambda x: t.convert(x, None, None), dec(c["value"])))
print(json.dumps(out))
`;

// uvicorn's own choices (lifespan, interface, log level) and a one-choice list for click's singular message.
const CHOICES: [string[], boolean | null][] = [[['auto', 'on', 'off'], null], [['critical', 'error', 'warning', 'info', 'debug', 'trace'], null], [['auto'], null], [['Auto', 'x'], false]];

describe.skipIf(!have.uvicorn)('click types as uvicorn 0.17 uses them', () => {
  const cases: Case[] = [
    ...['click.INT', 'click.FLOAT', 'click.BOOL', 'click.STRING'].flatMap((validator) => VALUES.map((value) => ({ validator, args: [], value }))),
    ...CHOICES.flatMap((args) => VALUES.map((value) => ({ validator: 'click.Choice', args, value }))),
  ];
  const expected = have.uvicorn ? runOracle('uvicorn', CLICK_PY, cases.map((c) => ({ ...c, value: enc(c.value) }))) : [];

  it(`${cases.length} values: the same value or the same error as click`, () => {
    const { results, differences } = compare('uvicorn', cases, expected, debianVersion('uvicorn')!);
    expect(differences).toEqual([]);
    expect(results.filter((r) => r.ts === 'unchecked')).toEqual([]);
  });

  it('click words: "1_000" is an integer, "3.0" is not, "on" is true', () => {
    const ts = (validator: string, value: Py) => run(validatorImpl('uvicorn', validator)!, value);
    expect(ts('click.INT', { kind: 'str', value: '1_000' })).toMatchObject({ ok: true, value: { kind: 'int', value: 1000n } });
    expect(ts('click.INT', { kind: 'str', value: '3.0' })).toMatchObject({ ok: false, message: "'3.0' is not a valid integer." });
    expect(ts('click.BOOL', { kind: 'str', value: ' On ' })).toMatchObject({ ok: true, value: { kind: 'bool', value: true } });
  });
});

const WAITRESS_PY = String.raw`
from waitress import adjustments as a
import builtins
out = []
for c in json.load(sys.stdin):
    fn = getattr(a, c["validator"], None) or getattr(builtins, c["validator"])
    out.append(outcome(fn, dec(c["value"])))
print(json.dumps(out))
`;

const CONVERTERS = ['int', 'str', 'asbool', 'asoctal', 'aslist', 'asset', 'slash_fixed_str', 'str_iftruthy', 'as_socket_list'];

describe.skipIf(!have.waitress)("waitress 2.1's converters", () => {
  const cases: Case[] = CONVERTERS.flatMap((validator) => VALUES.map((value) => ({ validator, args: [], value })));
  const expected = have.waitress ? runOracle('waitress', WAITRESS_PY, cases.map((c) => ({ ...c, value: enc(c.value) }))) : [];

  it(`${cases.length} values: the same value or the same exception as waitress`, () => {
    const { results, differences } = compare('waitress', cases, expected, debianVersion('waitress')!);
    // str() of a function holds its address: compared without it (normalise), as for gunicorn.
    expect(differences).toEqual([]);
    expect(results.filter((r) => r.ts === 'unchecked')).toEqual([]);
  });

  it('every converter _params names is implemented', () => {
    expect(CONVERTERS.every((c) => validatorImpl('waitress', c) !== undefined)).toBe(true);
  });
});
