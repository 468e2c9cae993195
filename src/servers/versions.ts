// Ordering of version labels, as the generator orders them: release numbers (a .postN after its
// release, a pre-release aN/bN/rcN before it), then a distribution build ("+debian", or Debian's
// "-6+deb12u1"), then unreleased code ("main@<sha>": after the release it follows).
import type { Entry, Span, VersionInfo } from './types.js';

type Key = readonly number[];

/** Sort key of a version label; undefined when it is not a version. */
export function versionKey(label: string): Key | undefined {
  const m = /^v?(\d+(?:\.\d+)*)(?:(a|b|rc)(\d+)|\.post(\d+))?([-+].*)?$/.exec(label.trim());
  if (!m) return undefined;
  const nums = m[1]!.split('.').map(Number);
  while (nums.length < 3) nums.push(0);
  // Pre-releases sort before the release: a → -3, b → -2, rc → -1 (then their number).
  const pre = m[2] ? { a: -3, b: -2, rc: -1 }[m[2] as 'a' | 'b' | 'rc'] : 0;
  return [...nums.slice(0, 3), pre, Number(m[3] ?? m[4] ?? 0), m[5] ? 1 : 0, 0];
}

function compareKeys(a: Key, b: Key): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** Keys of a catalogue's labels: main@… takes the key of the release before it, marked unreleased. */
function catalogueKeys(versions: readonly VersionInfo[]): Map<string, Key> {
  const keys = new Map<string, Key>();
  let last: Key = [0, 0, 0, 0, 0, 0, 0];
  for (const v of versions) {
    const k = versionKey(v.version);
    if (k) last = k;
    keys.set(v.version, k ?? [...last.slice(0, 5), 0, 1]);
  }
  return keys;
}

export function compareVersions(a: string, b: string): number {
  const ka = versionKey(a);
  const kb = versionKey(b);
  if (!ka || !kb) throw new Error(`not a version: ${!ka ? a : b}`);
  return compareKeys(ka, kb);
}

/**
 * The catalogue version in effect for `version`: itself when listed, else the newest listed one not
 * after it (a newer release than the catalogue knows gets the newest known; an older one the oldest).
 */
export function resolveIn(versions: readonly VersionInfo[], version: string | undefined): string {
  if (version === undefined) return versions.at(-1)!.version;
  if (versions.some((v) => v.version === version)) return version;
  const key = versionKey(version);
  if (!key) throw new Error(`not a version: ${version}`);
  const keys = catalogueKeys(versions);
  let best = versions[0]!.version;
  for (const v of versions) if (compareKeys(keys.get(v.version)!, key) <= 0) best = v.version;
  return best;
}

/** Whether `version` (a catalogue label) lies in one of the spans. */
function inSpans(versions: readonly VersionInfo[], spans: readonly Span[], version: string): boolean {
  const index = (label: string) => versions.findIndex((v) => v.version === label);
  const at = index(version);
  return spans.some((s) => at >= index(s.since) && (s.until === undefined || at < index(s.until)));
}

/** The entry's form in effect at `version` (a catalogue label), or undefined when that version lacks it. */
export function formAt<F extends { since: string }>(versions: readonly VersionInfo[], entry: Entry<F>, version: string): F | undefined {
  if (!inSpans(versions, entry.spans, version)) return undefined;
  const index = (label: string) => versions.findIndex((v) => v.version === label);
  return [...entry.forms].reverse().find((f) => index(f.since) <= index(version));
}

/** The newest catalogue version in which the entry exists. */
export function newestWith(versions: readonly VersionInfo[], entry: Entry<unknown>): string {
  const until = entry.spans.at(-1)!.until;
  return until ? versions[versions.findIndex((v) => v.version === until) - 1]!.version : versions.at(-1)!.version;
}
