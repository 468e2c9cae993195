// gunicorn's command line, parsed the way its argparse parser does (Python 3.11 argparse):
// exact long flags or unambiguous prefixes (allow_abbrev), `--flag=value`, short flags with the
// value attached (`-w4`) or following, clustered switches, `--` ending options, and
// positionals anywhere (the first is the app). The options and their argparse details come from
// the settings catalogue (src/servers) for a gunicorn version (default: the newest it knows); a
// value goes through argparse's type= and then gunicorn's own validator, as gunicorn applies it.
import { newestVersion, optionsOf, settings, type GunicornForm, type SettingAt } from '../../servers/index.js';
import { validateSetting } from '../../servers/validators.js';
import { toPlain } from '../../servers/py.js';
import { didYouMean } from '../did-you-mean.js';
import { ArgsCollector, nextIsValue, refuses, type ServerArgs } from './common.js';

type GunicornSetting = SettingAt<GunicornForm>;

interface Spec {
  setting: GunicornSetting | 'help' | 'version';
  flags: readonly string[];
}

interface Table {
  version: string;
  byFlag: Map<string, Spec>;
  allFlags: string[];
}

const tables = new Map<string, Table>();

function tableFor(version = newestVersion('gunicorn')): Table {
  let t = tables.get(version);
  if (!t) {
    const specs: Spec[] = [
      // argparse's own -h/--help, and Config.parser's -v/--version.
      { setting: 'help', flags: ['-h', '--help'] },
      ...optionsOf('gunicorn', version).flatMap((o) => (o.action === 'version' ? [{ setting: 'version' as const, flags: o.flags! }] : [])),
      ...settings('gunicorn', version).filter((s) => s.flags.length > 0).map((s) => ({ setting: s, flags: s.flags })),
    ];
    const byFlag = new Map(specs.flatMap((s) => s.flags.map((f) => [f, s] as const)));
    t = { version, byFlag, allFlags: [...byFlag.keys()] };
    tables.set(version, t);
  }
  return t;
}

const NEGATIVE_NUMBER = /^-\d+$|^-\d*\.\d+$/;

const takesNoValue = (s: Spec): boolean =>
  typeof s.setting === 'string' || s.setting.action === 'store_true' || s.setting.action === 'store_const';

interface Match {
  spec: Spec;
  flag: string;
  explicit?: string;
}

/** argparse `_parse_optional`: which option an argument is, if any. */
function resolve(t: Table, arg: string): Match | { ambiguous: string[] } | { unknown: true } | undefined {
  if (!arg.startsWith('-') || arg === '-') return undefined;
  const exact = t.byFlag.get(arg);
  if (exact) return { spec: exact, flag: arg };
  if (arg.includes('=')) {
    const [flag, explicit] = [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)];
    const spec = t.byFlag.get(flag);
    if (spec) return { spec, flag, explicit };
  }
  const tuples: Match[] = [];
  if (arg.startsWith('--')) {
    const eq = arg.indexOf('=');
    const prefix = eq < 0 ? arg : arg.slice(0, eq);
    for (const f of t.allFlags) {
      if (f.startsWith(prefix)) tuples.push({ spec: t.byFlag.get(f)!, flag: f, ...(eq < 0 ? {} : { explicit: arg.slice(eq + 1) }) });
    }
  } else {
    const short = arg.slice(0, 2);
    for (const f of t.allFlags) {
      if (f === short) tuples.push({ spec: t.byFlag.get(f)!, flag: f, explicit: arg.slice(2) });
      else if (f.startsWith(arg)) tuples.push({ spec: t.byFlag.get(f)!, flag: f });
    }
  }
  if (tuples.length > 1) return { ambiguous: tuples.map((x) => x.flag) };
  if (tuples.length === 1) return tuples[0]!;
  if (NEGATIVE_NUMBER.test(arg) || arg.includes(' ')) return undefined;
  return { unknown: true };
}

/**
 * Arguments after the program name (or the whole GUNICORN_CMD_ARGS). `unresolved`: see
 * ArgsCollector. `version`: the gunicorn version whose options and validators apply.
 */
export function parseGunicornArgs(argv: readonly string[], unresolved: readonly string[] = [], version?: string): ServerArgs {
  const t = tableFor(version);
  const isOption = (arg: string): boolean => resolve(t, arg) !== undefined;
  const out = new ArgsCollector(unresolved);
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      out.args.push(...argv.slice(i + 1));
      break;
    }
    const m = resolve(t, arg);
    if (m === undefined) {
      out.args.push(arg);
      continue;
    }
    if ('ambiguous' in m || 'unknown' in m) {
      const flag = arg.split('=')[0]!;
      const suggestion = didYouMean(flag, 'ambiguous' in m ? m.ambiguous : t.allFlags);
      out.unknownFlags.push(suggestion ? { flag, suggestion } : { flag });
      // argparse stops here ("ambiguous option" / "unrecognized arguments").
      if ('ambiguous' in m) out.errors.push(refuses(`ambiguous option: ${flag} could match ${m.ambiguous.join(', ')}`));
      if (nextIsValue(argv, i, isOption)) i++;
      continue;
    }
    i = consume(t, out, m, argv, i, isOption);
  }
  if (out.args.length > 0) out.app = out.args[0]!;
  return out.result();
}

/** Applies one matched option; returns the index of the last argument it used. */
function consume(t: Table, out: ArgsCollector, m: Match, argv: readonly string[], i: number, isOption: (a: string) => boolean): number {
  const { spec } = m;
  const fullFlag = spec.flags.join('/');
  const typed = argv[i]!;
  // Long flags may be abbreviated (`--work` → `--workers`); short ones carry their value (`-w4`).
  const long = typed.startsWith('--');
  const writtenFlag = long ? typed.split('=')[0]! : m.flag;
  const abbreviated = long && writtenFlag !== m.flag ? { full: m.flag } : {};
  if (takesNoValue(spec)) {
    if (m.explicit !== undefined && m.explicit !== '') {
      // `-Rw4`: a switch clustered with more short flags; `--preload=x` is an error.
      if (long) {
        out.errors.push(refuses(`argument ${fullFlag}: ignored explicit argument '${m.explicit}'`));
        return i;
      }
      apply(t, out, m.spec, m.flag, '', abbreviated);
      const rest = `-${m.explicit}`;
      const sub = resolve(t, rest);
      if (sub && 'spec' in sub) return consume(t, out, sub, [...argv.slice(0, i), rest, ...argv.slice(i + 1)], i, isOption);
      out.errors.push(refuses(`argument ${fullFlag}: ignored explicit argument '${m.explicit}'`));
      return i;
    }
    apply(t, out, m.spec, writtenFlag, '', abbreviated);
    return i;
  }
  const setting = spec.setting as GunicornSetting;
  let value = m.explicit;
  let used = i;
  if (value === undefined || (value === '' && !typed.includes('='))) {
    const next = argv[i + 1];
    if (next !== undefined && !isOption(next)) {
      value = next;
      used = i + 1;
    } else if (setting.nargs === '?') {
      value = String(setting.const);
    } else {
      out.errors.push(refuses(`argument ${fullFlag}: expected one argument`));
      return i;
    }
  }
  apply(t, out, spec, writtenFlag, value, abbreviated);
  return used;
}

function apply(t: Table, out: ArgsCollector, spec: Spec, flag: string, raw: string, opts: { full?: string }): void {
  if (spec.setting === 'help' || spec.setting === 'version') {
    out.errors.push({ code: 'EXITS_INSTEAD', flag, prints: spec.setting });
    return;
  }
  const s = spec.setting;
  if (s.name === 'config') {
    out.configFile = raw;
    return;
  }
  const switchValue = s.action === 'store_true' ? true : s.action === 'store_const' ? (s.const as string | number | boolean) : undefined;
  if (out.isUnresolved(raw)) return out.set(s.name, switchValue ?? raw, raw, flag, { ...opts, collect: s.action === 'append' });
  // argparse's type= (int, auto_int), then the setting's validator when gunicorn applies it.
  const checked = validateSetting('gunicorn', s.name, raw, { via: 'cli', version: t.version })!;
  if (checked.ok === false && checked.type === 'ArgumentError') {
    out.errors.push(refuses(checked.message));
    return;
  }
  let value: string | number | boolean = switchValue ?? raw;
  if (checked.ok === false) out.errors.push(refuses(`${s.name}: ${checked.message}`));
  // Keep what the validator made of ints and switches; other values stay as written.
  const plain = checked.ok === true ? toPlain(checked.value) : s.argType && checked.ok === false ? intOf(raw) : undefined;
  if (typeof plain === 'number' || typeof plain === 'boolean') value = plain;
  out.set(s.name, value, raw, flag, { ...opts, collect: s.action === 'append' });
}

/** The int argparse made of the text, when only the validator refused it (a negative number). */
function intOf(raw: string): number | undefined {
  const n = Number(raw.trim());
  return Number.isInteger(n) ? n : undefined;
}
