// waitress-serve's command line, parsed the way Adjustments.parse_args does it with
// getopt.getopt: long options only, unique prefixes accepted (`--thread=4` is --threads),
// `--name=value` or `--name value`, bool adjustments as --name / --no-name, --listen
// repeatable, and option parsing stopping at the first non-option (the app). The options come
// from the settings catalogue (src/servers) for a waitress version (default: the newest it knows);
// values go through the adjustment's converter as Adjustments(**kw) applies it.
import { newestVersion, optionsOf, settings } from '../../servers/index.js';
import { toPlain } from '../../servers/py.js';
import { validateSetting } from '../../servers/validators.js';
import { didYouMean } from '../did-you-mean.js';
import { ArgsCollector, refuses, type ServerArgs } from './common.js';

interface Table {
  version: string;
  /** getopt long-option table: name → takes a value. */
  longOpts: Map<string, boolean>;
  adjustments: Set<string>;
}

const tables = new Map<string, Table>();

function tableFor(version = newestVersion('waitress')): Table {
  let t = tables.get(version);
  if (!t) {
    const adj = settings('waitress', version);
    const longOpts = new Map<string, boolean>([
      ...optionsOf('waitress', version).map((o) => [o.name.slice(2), Boolean(o.takesValue)] as [string, boolean]),
      ...adj.flatMap((s) => s.flags.map((f) => [f.slice(2), s.validator !== 'asbool'] as [string, boolean])),
    ]);
    t = { version, longOpts, adjustments: new Set(adj.map((s) => s.name)) };
    tables.set(version, t);
  }
  return t;
}

export function parseWaitressArgs(argv: readonly string[], unresolved: readonly string[] = [], version?: string): ServerArgs {
  const t = tableFor(version);
  const LONG_OPTS = t.longOpts;
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
      out.unknownFlags.push({ flag: arg.slice(0, 2), ...suggest(t, arg.slice(0, 2)) });
      out.errors.push(refuses(`option ${arg.slice(0, 2)} not recognized`));
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
      if (possibilities.length > 1) out.errors.push(refuses(`option ${flag} not a unique prefix`));
      else out.errors.push(refuses(`option ${flag} not recognized`));
      out.unknownFlags.push({ flag, ...suggest(t, flag, possibilities) });
      continue;
    }
    let raw: string | undefined = eq < 0 ? undefined : arg.slice(eq + 1);
    if (LONG_OPTS.get(name)) {
      if (raw === undefined) {
        if (i + 1 >= argv.length) {
          out.errors.push(refuses(`option --${name} requires argument`));
          continue;
        }
        raw = argv[++i]!;
      }
    } else if (raw !== undefined) {
      out.errors.push(refuses(`option --${name} must not have an argument`));
      continue;
    }
    apply(t, out, name, raw ?? '', `--${written}`, `--${name}`);
  }
  out.args.push(...argv.slice(i));
  // With --app (waitress after 3.0.2) no positional application may follow.
  const viaOption = out.app !== undefined;
  if (out.args.length !== (viaOption ? 0 : 1)) {
    out.errors.push(refuses(viaOption ? 'Provide only one WSGI app' : 'Specify one application only'));
    const flags = out.args.slice(viaOption ? 0 : 1).filter((a) => a.startsWith('--'));
    if (flags.length > 0) out.errors.push({ code: 'IGNORED_AFTER_APP', flags: flags.join(' ') });
  }
  if (!viaOption && out.args.length > 0) out.app = out.args[0]!;
  return out.result();
}

function suggest(t: Table, flag: string, among?: string[]): { suggestion?: string } {
  const s = didYouMean(flag, among && among.length > 0 ? among.map((p) => `--${p}`) : [...t.longOpts.keys()].map((k) => `--${k}`));
  return s ? { suggestion: s } : {};
}

function apply(t: Table, out: ArgsCollector, name: string, raw: string, written: string, full: string): void {
  if (name === 'help') {
    out.errors.push({ code: 'EXITS_INSTEAD', flag: '--help', prints: 'help' });
    return;
  }
  if (name === 'call') return out.set('call', true, raw, written, { full });
  if (name === 'app') {
    // waitress after 3.0.2: --app names the application instead of the positional argument.
    out.app = raw;
    return;
  }
  const negated = name.startsWith('no-') && !t.adjustments.has(name.replace(/-/g, '_'));
  const param = (negated ? name.slice(3) : name).replace(/-/g, '_');
  // parse_args hands switches over as "true"/"false" and the rest as written; --listen accumulates.
  const text = negated ? 'false' : t.longOpts.get(name) ? raw : 'true';
  if (out.isUnresolved(raw)) return out.set(param, raw, raw, written, { full, collect: param === 'listen' });
  const checked = validateSetting('waitress', param, text, { version: t.version })!;
  if (checked.ok === false) {
    out.errors.push(refuses(`${param}: ${checked.type}: ${checked.message}`));
    return;
  }
  const plain = checked.ok === true ? toPlain(checked.value) : undefined;
  const value = typeof plain === 'number' || typeof plain === 'boolean' ? plain : raw;
  out.set(param, value, raw, written, { full, collect: param === 'listen' });
}
