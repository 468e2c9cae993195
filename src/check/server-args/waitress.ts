// waitress-serve's command line, parsed the way Adjustments.parse_args does it with
// getopt.getopt: long options only, unique prefixes accepted (`--thread=4` is --threads),
// `--name=value` or `--name value`, bool adjustments as --name / --no-name, --listen
// repeatable, and option parsing stopping at the first non-option (the app).
import { didYouMean } from '../did-you-mean.js';
import { WAITRESS_SETTINGS } from '../settings/waitress.js';
import { ArgsCollector, intValue, type ServerArgs } from './common.js';

/** getopt long-option table: name → takes a value. */
const LONG_OPTS = new Map<string, boolean>([
  ['help', false],
  ['call', false],
  ...WAITRESS_SETTINGS.filter((s) => s.cli.length > 0).flatMap((s) =>
    s.type === 'bool' ? s.cli.map((f) => [f.slice(2), false] as [string, boolean]) : [[s.cli[0]!.slice(2), true] as [string, boolean]],
  ),
]);
const BY_NAME = new Map(WAITRESS_SETTINGS.map((s) => [s.name, s]));

export function parseWaitressArgs(argv: readonly string[], unresolved: readonly string[] = []): ServerArgs {
  const out = new ArgsCollector(unresolved);
  let i = 0;
  for (; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      i++;
      break;
    }
    if (!arg.startsWith('-') || arg === '-') break;
    if (!arg.startsWith('--')) {
      // getopt was given no short options at all.
      out.unknownFlags.push({ flag: arg.slice(0, 2), ...suggest(arg.slice(0, 2)) });
      out.errors.push(`option ${arg.slice(0, 2)} not recognized`);
      continue;
    }
    const eq = arg.indexOf('=');
    const written = eq < 0 ? arg.slice(2) : arg.slice(2, eq);
    const possibilities = [...LONG_OPTS.keys()].filter((o) => o.startsWith(written));
    let name: string;
    if (LONG_OPTS.has(written)) name = written;
    else if (possibilities.length === 1) name = possibilities[0]!;
    else {
      const flag = `--${written}`;
      if (possibilities.length > 1) out.errors.push(`option ${flag} not a unique prefix`);
      else out.errors.push(`option ${flag} not recognized`);
      out.unknownFlags.push({ flag, ...suggest(flag, possibilities) });
      continue;
    }
    let raw: string | undefined = eq < 0 ? undefined : arg.slice(eq + 1);
    if (LONG_OPTS.get(name)) {
      if (raw === undefined) {
        if (i + 1 >= argv.length) {
          out.errors.push(`option --${name} requires argument`);
          continue;
        }
        raw = argv[++i]!;
      }
    } else if (raw !== undefined) {
      out.errors.push(`option --${name} must not have an argument`);
      continue;
    }
    apply(out, name, raw ?? '', `--${written}`, `--${name}`);
  }
  out.args.push(...argv.slice(i));
  if (out.args.length !== 1) {
    out.errors.push('Specify one application only');
    const flags = out.args.slice(1).filter((a) => a.startsWith('--'));
    if (flags.length > 0) out.errors.push(`options after the application are not read: ${flags.join(' ')}`);
  }
  if (out.args.length > 0) out.app = out.args[0]!;
  return out.result();
}

function suggest(flag: string, among?: string[]): { suggestion?: string } {
  const s = didYouMean(flag, among && among.length > 0 ? among.map((p) => `--${p}`) : [...LONG_OPTS.keys()].map((k) => `--${k}`));
  return s ? { suggestion: s } : {};
}

function apply(out: ArgsCollector, name: string, raw: string, written: string, full: string): void {
  if (name === 'help') {
    out.errors.push('--help prints the help and exits instead of starting the server');
    return;
  }
  if (name === 'call') return out.set('call', true, raw, written, { full });
  const negated = name.startsWith('no-') && !BY_NAME.has(name.replace(/-/g, '_'));
  const param = (negated ? name.slice(3) : name).replace(/-/g, '_');
  const s = BY_NAME.get(param)!;
  if (s.type === 'bool') return out.set(param, !negated, raw, written, { full });
  if (s.type === 'int' && !out.isUnresolved(raw)) {
    // Adjustments casts with int() (int(x, 8) for unix_socket_perms) and fails at start-up on bad text.
    const n = intValue(raw, s.octal ? 8 : 10);
    if (typeof n === 'string') {
      out.errors.push(`${param}: ${n}`);
      return;
    }
    return out.set(param, n, raw, written, { full });
  }
  out.set(param, raw, raw, written, { full, collect: param === 'listen' });
}
