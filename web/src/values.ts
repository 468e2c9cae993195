// The page's state: the CLI's flags by name (without the dashes) as the user typed them. It is what the
// form shows, what the query string holds (?cpus=4&mem=2g&class=gthread) and what the `tune …` command
// line is written from, so a link, the form and the command are one thing said three ways.
import { INPUT_OPTIONS } from '../../src/cli/input-options.js';
import { FORMATS, type Format } from '../../src/render/types.js';
import { shellWord } from '../../src/render/server-args.js';

export type Values = Record<string, string>;

/** The name a pasted profile goes by in the command line and the files (save it under this name). */
export const PROFILE_FILE = 'tune-profile.json';

/** Check's pasted files, in the order the command line names them. */
export const CHECK_FILES = [
  { key: 'conf', path: 'gunicorn.conf.py', kind: 'gunicorn-conf' },
  { key: 'dotenv', path: '.env', kind: 'dotenv' },
  { key: 'compose', path: 'compose.yaml', kind: 'compose' },
  { key: 'procfile', path: 'Procfile', kind: 'procfile' },
] as const;

/** Every key the page keeps: the model's flags, then the page's own. */
const KEYS = [
  ...INPUT_OPTIONS.map((o) => o.flag.slice(2)),
  'preset',
  'profile',
  'format',
  'explain',
  'tab',
  ...CHECK_FILES.map((f) => f.key),
  'cmd',
  'strict',
  'suggest',
  'check-format',
];

/** Flags that take no value: `on` in the page; preload also `off` (--no-preload). */
const SWITCHES = new Set([...INPUT_OPTIONS.filter((o) => !o.arg).map((o) => o.flag.slice(2)), 'explain', 'strict', 'suggest']);

/** A value the user gave: an empty or blank field is no flag at all. */
export const given = (v: string | undefined): v is string => v !== undefined && v.trim() !== '';

export function fromQuery(search: string): Values {
  const q = new URLSearchParams(search);
  const out: Values = {};
  for (const k of KEYS) {
    const v = q.get(k);
    if (v !== null) out[k] = v;
  }
  return out;
}

export function toQuery(v: Values): string {
  const q = new URLSearchParams();
  for (const k of KEYS) if (given(v[k])) q.set(k, v[k]!);
  const s = q.toString();
  return s ? `?${s}` : '';
}

export function formatOf(v: Values): Format {
  return (FORMATS as readonly string[]).includes(v.format ?? '') ? (v.format as Format) : 'table';
}

/** commander's view of the model's flags: strings as typed, true for a switch, false for --no-preload. */
export function flagsOf(v: Values): Record<string, unknown> {
  const flags: Record<string, unknown> = {};
  for (const o of INPUT_OPTIONS) {
    const name = o.flag.slice(2);
    const attr = name.replace(/-([a-z])/g, (_, ch: string) => ch.toUpperCase());
    const x = v[name];
    if (!given(x)) continue;
    if (!SWITCHES.has(name)) flags[attr] = x;
    else if (x === 'on') flags[attr] = true;
    else if (x === 'off' && o.negatable) flags[attr] = false;
  }
  return flags;
}

/** The model's flags as words, in the order of the CLI's help; `only` keeps some of them (check takes the machine's). */
function inputWords(v: Values, only?: (name: string) => boolean): string[] {
  const words: string[] = [];
  for (const o of INPUT_OPTIONS) {
    const name = o.flag.slice(2);
    const x = v[name];
    if (!given(x) || (only && !only(name))) continue;
    if (!SWITCHES.has(name)) words.push(o.flag, shellWord(x));
    else if (x === 'on') words.push(o.flag);
    else if (x === 'off' && o.negatable) words.push(`--no-${name}`);
  }
  if (given(v.preset)) words.push('--preset', shellWord(v.preset));
  if (given(v.profile)) words.push('--profile', PROFILE_FILE);
  return words;
}

/** The `tune` command line that prints what the page shows in the tab of `format`. */
export function tuneCommand(v: Values, format = formatOf(v)): string {
  const words = ['tune', ...inputWords(v)];
  if (format !== 'table') words.push('--format', format);
  else if (v.explain === 'on') words.push('--explain');
  return words.join(' ');
}

/** `tune check`'s options: the machine and the load, not the server choice (the files name it). */
export const CHECK_INPUTS = new Set(['cpus', 'mem', 'workload', 'latency', 'users', 'rps', 'worker-mem', 'headroom', 'db-max-connections', 'lb-idle-timeout', 'shutdown-grace']);

/** The `tune check` command line, run in a folder holding the pasted files. */
export function checkCommand(v: Values): string {
  const words = ['tune', 'check', ...CHECK_FILES.filter((f) => given(v[f.key])).map((f) => f.path), ...inputWords(v, (n) => CHECK_INPUTS.has(n))];
  if (given(v.cmd)) words.push('--cmd', shellWord(v.cmd));
  if (v.strict === 'on') words.push('--strict');
  if (v.suggest === 'on') words.push('--suggest');
  const format = v['check-format'];
  if (format === 'json' || format === 'github') words.push('--format', format);
  return words.join(' ');
}
