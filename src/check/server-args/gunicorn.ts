// gunicorn's command line, parsed the way its argparse parser does (Python 3.11 argparse):
// exact long flags or unambiguous prefixes (allow_abbrev), `--flag=value`, short flags with the
// value attached (`-w4`) or following, clustered switches, `--` ending options, and
// positionals anywhere (the first is the app). Values are converted like argparse `type=int`.
import { didYouMean } from '../did-you-mean.js';
import { GUNICORN_SETTINGS } from '../settings/gunicorn.js';
import type { GunicornSetting } from '../settings/types.js';
import { ArgsCollector, intValue, nextIsValue, type ServerArgs } from './common.js';

interface Spec {
  setting: GunicornSetting | 'help' | 'version';
  flags: readonly string[];
}

const SPECS: Spec[] = [
  { setting: 'help', flags: ['-h', '--help'] },
  { setting: 'version', flags: ['-v', '--version'] },
  // Settings removed upstream would be "unrecognized arguments" on current gunicorn.
  ...GUNICORN_SETTINGS.filter((s) => s.cli.length > 0 && !s.removedIn).map((s) => ({ setting: s, flags: s.cli })),
];
const BY_FLAG = new Map(SPECS.flatMap((s) => s.flags.map((f) => [f, s] as const)));
const ALL_FLAGS = [...BY_FLAG.keys()];
const NEGATIVE_NUMBER = /^-\d+$|^-\d*\.\d+$/;

const takesNoValue = (s: Spec): boolean =>
  typeof s.setting === 'string' || s.setting.action === 'store_true' || s.setting.action === 'store_const';

interface Match {
  spec: Spec;
  flag: string;
  explicit?: string;
}

/** argparse `_parse_optional`: which option an argument is, if any. */
function resolve(arg: string): Match | { ambiguous: string[] } | { unknown: true } | undefined {
  if (!arg.startsWith('-') || arg === '-') return undefined;
  const exact = BY_FLAG.get(arg);
  if (exact) return { spec: exact, flag: arg };
  if (arg.includes('=')) {
    const [flag, explicit] = [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)];
    const spec = BY_FLAG.get(flag);
    if (spec) return { spec, flag, explicit };
  }
  const tuples: Match[] = [];
  if (arg.startsWith('--')) {
    const eq = arg.indexOf('=');
    const prefix = eq < 0 ? arg : arg.slice(0, eq);
    for (const f of ALL_FLAGS) {
      if (f.startsWith(prefix)) tuples.push({ spec: BY_FLAG.get(f)!, flag: f, ...(eq < 0 ? {} : { explicit: arg.slice(eq + 1) }) });
    }
  } else {
    const short = arg.slice(0, 2);
    for (const f of ALL_FLAGS) {
      if (f === short) tuples.push({ spec: BY_FLAG.get(f)!, flag: f, explicit: arg.slice(2) });
      else if (f.startsWith(arg)) tuples.push({ spec: BY_FLAG.get(f)!, flag: f });
    }
  }
  if (tuples.length > 1) return { ambiguous: tuples.map((t) => t.flag) };
  if (tuples.length === 1) return tuples[0]!;
  if (NEGATIVE_NUMBER.test(arg) || arg.includes(' ')) return undefined;
  return { unknown: true };
}

const isOption = (arg: string): boolean => resolve(arg) !== undefined;

/** Arguments after the program name (or the whole GUNICORN_CMD_ARGS). `unresolved`: see ArgsCollector. */
export function parseGunicornArgs(argv: readonly string[], unresolved: readonly string[] = []): ServerArgs {
  const out = new ArgsCollector(unresolved);
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      out.args.push(...argv.slice(i + 1));
      break;
    }
    const m = resolve(arg);
    if (m === undefined) {
      out.args.push(arg);
      continue;
    }
    if ('ambiguous' in m || 'unknown' in m) {
      const flag = arg.split('=')[0]!;
      const suggestion = didYouMean(flag, 'ambiguous' in m ? m.ambiguous : ALL_FLAGS);
      out.unknownFlags.push(suggestion ? { flag, suggestion } : { flag });
      // argparse stops here ("ambiguous option" / "unrecognized arguments").
      if ('ambiguous' in m) out.errors.push(`ambiguous option: ${flag} could match ${m.ambiguous.join(', ')}`);
      if (nextIsValue(argv, i, isOption)) i++;
      continue;
    }
    i = consume(out, m, argv, i);
  }
  if (out.args.length > 0) out.app = out.args[0]!;
  return out.result();
}

/** Applies one matched option; returns the index of the last argument it used. */
function consume(out: ArgsCollector, m: Match, argv: readonly string[], i: number): number {
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
        out.errors.push(`argument ${fullFlag}: ignored explicit argument '${m.explicit}'`);
        return i;
      }
      apply(out, m.spec, m.flag, '', abbreviated);
      const rest = `-${m.explicit}`;
      const sub = resolve(rest);
      if (sub && 'spec' in sub) return consume(out, sub, [...argv.slice(0, i), rest, ...argv.slice(i + 1)], i);
      out.errors.push(`argument ${fullFlag}: ignored explicit argument '${m.explicit}'`);
      return i;
    }
    apply(out, m.spec, writtenFlag, '', abbreviated);
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
      out.errors.push(`argument ${fullFlag}: expected one argument`);
      return i;
    }
  }
  apply(out, spec, writtenFlag, value, abbreviated);
  return used;
}

function apply(out: ArgsCollector, spec: Spec, flag: string, raw: string, opts: { full?: string }): void {
  if (spec.setting === 'help' || spec.setting === 'version') {
    out.errors.push(`${flag} prints ${spec.setting === 'help' ? 'the help' : 'the version'} and exits instead of starting the server`);
    return;
  }
  const s = spec.setting;
  if (s.action === 'store_true') return out.set(s.name, true, raw, flag, opts);
  if (s.action === 'store_const') return out.set(s.name, s.const as string | number | boolean, raw, flag, opts);
  if (s.name === 'config') {
    out.configFile = raw;
    return;
  }
  if (s.type === 'int' && !out.isUnresolved(raw)) {
    const n = intValue(raw, s.autoInt ? 0 : 10);
    if (typeof n === 'string') {
      out.errors.push(`argument ${spec.flags.join('/')}: invalid ${s.autoInt ? 'auto_int' : 'int'} value: '${raw}'`);
      return;
    }
    // validate_pos_int runs when gunicorn applies the value.
    if (n < 0) out.errors.push(`${s.name}: Value must be positive: ${n}`);
    return out.set(s.name, n, raw, flag, opts);
  }
  out.set(s.name, raw, raw, flag, { ...opts, collect: s.action === 'append' });
}
