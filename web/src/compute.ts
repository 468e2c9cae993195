// What `tune` prints for the page's values, computed by the CLI's own modules: the layers and their error
// text (src/cli/layers.ts), the conflicts, the model and every renderer. No I/O: presets arrive as texts
// bundled at build time, a profile as pasted text, and the machine is never detected (a page cannot see it).
import { reportConflicts } from '../../src/cli/conflicts.js';
import { isUsageError, UsageError } from '../../src/cli/errors.js';
import { flagLayer, mergeLayers, parseLayered, presetLayer, profileFromText, type Layer, type Origins } from '../../src/cli/layers.js';
import { presetFromTexts } from '../../src/cli/preset-schema.js';
import { nothingWritten, REPORTS, startupCaveats } from '../../src/cli/tune-output.js';
import { VERSION } from '../../src/cli/version.js';
import { parseInput, type Input, type ParseResult } from '../../src/core/input.js';
import { recommend } from '../../src/core/recommend.js';
import type { Recommendation } from '../../src/core/types.js';
import { loadRenderer, type Format } from '../../src/render/index.js';
import { describeFinding } from '../../src/render/messages.js';
import { flagsOf, given, PROFILE_FILE, type Values } from './values.js';

/** One tab: the text `tune --format X` prints on stdout, or why it prints none, and what it says on stderr. */
export interface Output {
  format: Format;
  text?: string;
  /** stderr lines, each as the CLI writes it (`tune: warning: …`). */
  stderr: string[];
  exitCode: 0 | 1 | 2;
}

/** The machine `auto` stands for on the command line; a page cannot read it. */
export function cannotDetect(flag: '--cpus' | '--mem'): UsageError {
  const what = flag === '--cpus' ? 'CPUs' : 'memory budget';
  return new UsageError(`${flag}: give the ${what} or pick a preset: a web page cannot read the machine (on the machine itself, tune's auto reads the cgroup limit)`);
}

/**
 * Values → flags layer (+ preset layer) → raw input → parse, as src/cli/resolve.ts does without its
 * environment, --env-file and host layers. Throws the CLI's UsageError.
 */
export function resolvePage<T>(values: Values, presets: Record<string, string>, parse: (raw: Record<string, unknown>) => ParseResult<T>, fallback?: (raw: Record<string, unknown>) => void): { input: T; origins: Origins } {
  const flags = flagLayer(flagsOf(values));
  const layers: Layer[] = [flags];
  if (given(values.preset)) layers.push(presetLayer(presetFromTexts(values.preset, presets)));
  const { raw, origin } = mergeLayers(layers);
  fallback?.(raw);
  const auto = (v: unknown) => v === undefined || String(v).trim() === 'auto';
  if (auto(raw.cpus)) throw cannotDetect('--cpus');
  raw.cpusSource ??= origin.cpus?.source;
  if (auto(raw.mem)) throw cannotDetect('--mem');
  raw.memSource ??= origin.mem?.source;
  if (given(values.profile)) {
    raw.profile = profileFromText(PROFILE_FILE, values.profile);
    raw.profileFile = PROFILE_FILE;
  }
  const out = parseLayered(raw, origin, flags, parse);
  if (given(values.profile)) out.origins.profile = { label: '--profile', flag: true };
  return out;
}

export type Prepared = { ok: true; rec: Recommendation; values: Values; warned: string[] } | { ok: false; error: string };

/** The recommendation for the page's values, or the CLI's error text; conflicts warned of as the CLI does. */
export function prepare(values: Values, presets: Record<string, string>): Prepared {
  const warned: string[] = [];
  let input: Input;
  try {
    const r = resolvePage(values, presets, parseInput);
    input = r.input;
    reportConflicts(input, r.origins, (line) => warned.push(`tune: ${line}`));
  } catch (e) {
    if (!isUsageError(e)) throw e;
    return { ok: false, error: `tune: ${e.message.replace(/[\r\n]+/g, ' ')}` };
  }
  return { ok: true, rec: recommend(input), values, warned };
}

/** One format as `tune … --format X` prints it (the table with --explain when the page asks). */
export async function output(p: Extract<Prepared, { ok: true }>, format: Format): Promise<Output> {
  const { rec, values } = p;
  const stderr = [...p.warned];
  const blocking = rec.warnings.find((w) => w.severity === 'error');
  if (blocking && !REPORTS.includes(format)) return { format, stderr: [...stderr, `tune: ${describeFinding(blocking)}`, `tune: ${nothingWritten(format)}`], exitCode: 1 };
  let text: string;
  try {
    text = await (await loadRenderer(format))(rec, { color: false, explain: format === 'table' && values.explain === 'on', quiet: false, version: VERSION });
  } catch (e) {
    if (!isUsageError(e)) throw e;
    return { format, stderr: [...stderr, `tune: ${e.message.replace(/[\r\n]+/g, ' ')}`], exitCode: 2 };
  }
  if (!REPORTS.includes(format)) {
    for (const w of rec.warnings) if (w.severity === 'warning') stderr.push(`tune: warning: ${describeFinding(w)}`);
    for (const line of startupCaveats(rec, format)) stderr.push(`tune: warning: ${line}`);
  }
  if (blocking) stderr.push(`tune: ${describeFinding(blocking)}`);
  return { format, text, stderr, exitCode: blocking ? 1 : 0 };
}
