// uvicorn's (and `fastapi run`'s) command line, parsed the way click does: long flags must match
// exactly (click has no abbreviations), `--opt=value` or `--opt value` (the next word is taken
// even if it starts with '-'), switches with --no- twins, repeatable options, and click's own
// conversions and messages (src/servers validators-click). uvicorn's options come from the
// settings catalogue (src/servers): every version's, so an option removed upstream is reported.
import { settings, type SettingAt, type UvicornForm } from '../../servers/index.js';
import { clickMessage, CLICK_TYPES } from '../../servers/validators-click.js';
import { run } from '../../servers/validator-kit.js';
import { pyStr, toPlain } from '../../servers/py.js';
import { didYouMean } from '../did-you-mean.js';
import { ArgsCollector, nextIsValue, refuses, type ServerArgs } from './common.js';

interface ClickOption {
  name: string;
  flags: readonly string[];
  /** Switch: `flags[0]` sets true, any other spelling (--no-x) false. */
  flag?: boolean;
  /** Switch spellings that set it to true (default: flags[0] only). */
  trueFlags?: readonly string[];
  multiple?: boolean;
  /** The click type, as src/servers names it ("click.INT", "click.Choice" …). */
  validator: string;
  choices?: readonly string[];
  removedIn?: string;
}

const fromCatalogue = (s: SettingAt<UvicornForm>): ClickOption => ({
  name: s.name,
  flags: s.flags,
  validator: s.validator,
  ...(s.isFlag ? { flag: true } : {}),
  ...(s.multiple ? { multiple: true } : {}),
  ...(s.choices ? { choices: s.choices } : {}),
  ...(s.removedIn ? { removedIn: s.removedIn } : {}),
});

const OWN_OPTIONS: ClickOption[] = [
  { name: 'help', flags: ['--help'], validator: 'click.BOOL', flag: true },
  { name: 'version', flags: ['--version'], validator: 'click.BOOL', flag: true },
];
const tables = new Map<string, ClickOption[]>();

/**
 * uvicorn's options: of one version (an option it does not have yet is unknown to it, as click says),
 * or without a version every version's, an option removed upstream reported as removed.
 */
function uvicornOptions(version?: string): ClickOption[] {
  const key = version ?? '';
  let t = tables.get(key);
  if (!t) {
    const own = version === undefined ? settings('uvicorn') : settings('uvicorn', version);
    const removed = version === undefined ? [] : settings('uvicorn').filter((s) => s.removedIn && !own.some((o) => o.name === s.name));
    t = [...own.filter((s) => s.flags.length > 0).map(fromCatalogue), ...removed.filter((s) => s.flags.length > 0).map(fromCatalogue), ...OWN_OPTIONS];
    tables.set(key, t);
  }
  return t;
}

// fastapi-cli `fastapi run` (fastapi/fastapi-cli src/fastapi_cli/cli.py), under uvicorn's names.
const FASTAPI_OPTIONS: ClickOption[] = [
  { name: 'host', flags: ['--host'], validator: 'click.STRING' },
  { name: 'port', flags: ['--port'], validator: 'click.INT' },
  { name: 'reload', flags: ['--reload', '--no-reload'], validator: 'click.BOOL', flag: true },
  { name: 'workers', flags: ['--workers'], validator: 'click.INT' },
  { name: 'root_path', flags: ['--root-path'], validator: 'click.STRING' },
  { name: 'app', flags: ['--app'], validator: 'click.STRING' },
  { name: 'entrypoint', flags: ['--entrypoint', '-e'], validator: 'click.STRING' },
  { name: 'proxy_headers', flags: ['--proxy-headers', '--no-proxy-headers'], validator: 'click.BOOL', flag: true },
  { name: 'forwarded_allow_ips', flags: ['--forwarded-allow-ips'], validator: 'click.STRING' },
  { name: 'verbose', flags: ['--verbose', '-v'], validator: 'click.BOOL', flag: true, trueFlags: ['--verbose', '-v'] },
  { name: 'help', flags: ['--help'], validator: 'click.BOOL', flag: true },
];

/** gunicorn habits that uvicorn does not have: click's own guess would be unhelpful. */
const SHORT_HINTS: Record<string, string> = { '-w': '--workers', '-b': '--host', '-p': '--port' };

function parseClick(argv: readonly string[], options: ClickOption[], unresolved: readonly string[]): ArgsCollector {
  const byFlag = new Map(options.flatMap((o) => o.flags.map((f) => [f, o] as const)));
  const out = new ArgsCollector(unresolved);
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      out.args.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith('-') || arg.length === 1) {
      out.args.push(arg);
      continue;
    }
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const flag = eq < 0 ? arg : arg.slice(0, eq);
    const explicit = eq < 0 ? undefined : arg.slice(eq + 1);
    const opt = byFlag.get(flag);
    if (!opt) {
      const hint = SHORT_HINTS[flag];
      const suggestion = hint && byFlag.has(hint) ? hint : didYouMean(flag, byFlag.keys());
      out.unknownFlags.push(suggestion ? { flag, suggestion } : { flag });
      if (nextIsValue(argv, i, (a) => a.startsWith('-') && a.length > 1)) i++;
      continue;
    }
    if (opt.removedIn) out.errors.push({ code: 'REMOVED_OPTION', flag, version: opt.removedIn });
    if (opt.name === 'help' || opt.name === 'version') {
      out.errors.push({ code: 'EXITS_INSTEAD', flag, prints: opt.name });
      continue;
    }
    if (opt.flag) {
      if (explicit !== undefined) out.errors.push(refuses(`Option '${flag}' does not take a value.`));
      else out.set(opt.name, (opt.trueFlags ?? [opt.flags[0]]).includes(flag), '', flag);
      continue;
    }
    let raw = explicit;
    if (raw === undefined) {
      if (i + 1 >= argv.length) {
        out.errors.push(refuses(`Option '${flag}' requires an argument.`));
        continue;
      }
      raw = argv[++i]!;
    }
    const value = out.isUnresolved(raw) ? raw : convert(opt, flag, raw, out);
    if (value !== undefined) out.set(opt.name, value, raw, flag, { collect: Boolean(opt.multiple) });
  }
  return out;
}

/** click's conversion of one word; undefined (and the error noted) when click refuses it. */
function convert(opt: ClickOption, flag: string, raw: string, out: ArgsCollector): string | number | boolean | undefined {
  const args = opt.validator === 'click.Choice' ? [opt.choices] : [undefined, {}];
  const r = run(CLICK_TYPES[opt.validator]!, pyStr(raw), args);
  if (r.ok === false) {
    out.errors.push(refuses(clickMessage(opt.flag ? [flag] : opt.flags, r.message)));
    return undefined;
  }
  // click.Path(exists=True) needs the disk: the word is kept as written.
  const plain = r.ok === true ? toPlain(r.value) : raw;
  return typeof plain === 'number' || typeof plain === 'boolean' || typeof plain === 'string' ? plain : raw;
}

function extraArgs(out: ArgsCollector, extra: string[]): void {
  if (extra.length > 0) out.errors.push(refuses(`Got unexpected extra argument${extra.length > 1 ? 's' : ''} (${extra.join(' ')})`));
}

export function parseUvicornArgs(argv: readonly string[], unresolved: readonly string[] = [], version?: string): ServerArgs {
  const out = parseClick(argv, uvicornOptions(version), unresolved);
  if (out.args.length === 0) out.errors.push(refuses("Missing argument 'APP'."));
  else out.app = out.args[0]!;
  extraArgs(out, out.args.slice(1));
  return out.result();
}

/** `fastapi run|dev [PATH] …`: uvicorn underneath; `--app`/`--entrypoint` name the app. */
export function parseFastapiArgs(argv: readonly string[], unresolved: readonly string[] = []): ServerArgs {
  const out = parseClick(argv, FASTAPI_OPTIONS, unresolved);
  const entry = out.settings.entrypoint?.raw;
  const appName = out.settings.app?.raw;
  delete out.settings.entrypoint;
  delete out.settings.app;
  delete out.settings.verbose;
  const path = out.args[0];
  const app = entry ?? (path !== undefined ? (appName !== undefined ? `${path}:${appName}` : path) : appName);
  if (app !== undefined) out.app = app;
  extraArgs(out, out.args.slice(1));
  return out.result();
}
