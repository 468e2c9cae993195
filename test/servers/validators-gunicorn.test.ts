// gunicorn's validators in TypeScript against the real ones (Debian's gunicorn 20.1 gunicorn.config,
// run in /usr/bin/python3): every value of a wide table through every validator, one Python run.
import { describe, expect, it } from 'vitest';
import { debianVersion } from '../../src/servers/lookups.js';
import { py, type Py } from '../../src/servers/py.js';
import { run } from '../../src/servers/validator-kit.js';
import { validatorImpl } from '../../src/servers/validators.js';
import { have } from '../helpers/real-servers.js';
import { TEXT, VALUES } from './inputs.js';
import { enc, normalise, runOracle, tsOutcome, type PyOutcome } from './oracle.js';

// [validator, factory arguments]; auto_int is argparse's type= and only ever gets text.
const VALIDATORS: [string, unknown[]][] = [
  ['validate_bool', []], ['validate_pos_int', []], ['validate_string', []], ['validate_list_string', []],
  ['validate_list_of_existing_files', []], ['validate_string_to_list', []], ['validate_dict', []], ['validate_class', []],
  ['validate_callable', [1]], ['validate_callable', [2]], ['validate_callable', [-1]], ['validate_post_request', []],
  ['validate_user', []], ['validate_group', []], ['validate_chdir', []], ['validate_file_exists', []],
  ['validate_reload_engine', []], ['validate_hostport', []], ['validate_ssl_version', []],
];
// Values only the running server can judge: files, directories, imports, users, the process's uid.
const MAY_BE_UNCHECKED = new Set(['validate_list_of_existing_files', 'validate_class', 'validate_callable', 'validate_post_request', 'validate_user', 'validate_group', 'validate_chdir', 'validate_file_exists']);

const PY = String.raw`
from gunicorn import config as gc
out = []
for c in json.load(sys.stdin):
    fn = getattr(gc, c["validator"])
    if c["validator"] == "auto_int":
        out.append(outcome(fn, None, dec(c["value"])))
        continue
    if c["args"]:
        fn = fn(*c["args"])
    out.append(outcome(fn, dec(c["value"])))
print(json.dumps(out))
`;

interface Case {
  validator: string;
  args: unknown[];
  value: Py;
}

const cases: Case[] = [
  ...VALIDATORS.flatMap(([validator, args]) => VALUES.map((value) => ({ validator, args, value }))),
  ...TEXT.map((t) => ({ validator: 'auto_int', args: [], value: py(t) })),
];

describe.skipIf(!have.gunicorn)("gunicorn 20.1's validators", () => {
  const version = debianVersion('gunicorn')!;
  const expected = have.gunicorn ? runOracle('gunicorn', PY, cases.map((c) => ({ ...c, value: enc(c.value) }))) : [];
  const results = cases.map((c, i) => ({ c, ts: tsOutcome(run(validatorImpl('gunicorn', c.validator, version)!, c.value, c.args)), py: expected[i]! }));

  it(`${cases.length} values: the same value or the same exception as gunicorn`, () => {
    const differences = results
      .filter((r) => r.ts !== 'unchecked')
      .map((r) => ({ validator: `${r.c.validator}(${r.c.args.join(',')})`, value: enc(r.c.value), ts: normalise(r.ts as PyOutcome), py: normalise(r.py) }))
      .filter((d) => JSON.stringify(d.ts) !== JSON.stringify(d.py));
    expect(differences).toEqual([]);
  });

  it('only values that need the running server are left unchecked', () => {
    const unchecked = results.filter((r) => r.ts === 'unchecked');
    expect(unchecked.filter((r) => !MAY_BE_UNCHECKED.has(r.c.validator)).map((r) => [r.c.validator, enc(r.c.value)])).toEqual([]);
    // Numbers, booleans, None and non-path text are judged even by these.
    const judged = (name: string) => results.filter((r) => r.c.validator === name && r.ts !== 'unchecked').length;
    expect(judged('validate_user')).toBeGreaterThan(30);
    expect(judged('validate_callable')).toBeGreaterThan(VALUES.length / 2);
  });

  it('covers the wide table of the brief', () => {
    expect(cases.length).toBeGreaterThan(2000);
    const posInt = (t: string) => results.find((r) => r.c.validator === 'validate_pos_int' && r.c.value.kind === 'str' && r.c.value.value === t)!.py;
    expect(posInt('0x10')).toEqual({ ok: true, value: { int: '16' } });
    expect(posInt('3.0')).toMatchObject({ ok: false, type: 'ValueError', message: "invalid literal for int() with base 0: '3.0'" });
    expect(posInt('-1')).toMatchObject({ ok: false, message: 'Value must be positive: -1' });
  });
});
