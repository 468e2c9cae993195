// Parsing of the sizes and CPU counts people type, in the units their platforms use.

export const KiB = 1024;
export const MiB = 1024 * KiB;
export const GiB = 1024 * MiB;

// Decimal (k, m, g, t as in `512m`, `2g`, docker's `--memory`) and binary (KiB, Mi, GiB as in Kubernetes)
// suffixes. Docker and gunicorn users write `2g` meaning 2 GiB; docker's own parser treats `g` as
// 1024³ (docker/go-units RAMInBytes), so do we. `GB` (with the B) follows that convention too, while
// Kubernetes' bare `G`/`M` stay decimal to match its resource.Quantity.
const SIZE_UNITS: Record<string, number> = {
  '': 1,
  b: 1,
  k: KiB, kb: KiB, kib: KiB, ki: KiB,
  m: MiB, mb: MiB, mib: MiB, mi: MiB,
  g: GiB, gb: GiB, gib: GiB, gi: GiB,
  t: 1024 * GiB, tb: 1024 * GiB, tib: 1024 * GiB, ti: 1024 * GiB,
};
const K8S_DECIMAL: Record<string, number> = { K: 1e3, M: 1e6, G: 1e9, T: 1e12 };

/** Parses `512m`, `2g`, `1.5GiB`, `2048Mi`, `1073741824`; returns bytes or an error sentence. */
export function parseSize(text: string): { bytes: number } | { error: string } {
  const raw = text.trim();
  const m = /^(\d+(?:\.\d+)?|\.\d+)\s*([A-Za-z]*)$/.exec(raw);
  if (!m) return { error: `"${text}" is not a size (examples: 512m, 2g, 1.5GiB, 2048Mi, 1073741824)` };
  const value = Number(m[1]);
  const unit = m[2] ?? '';
  const factor = unit in K8S_DECIMAL ? K8S_DECIMAL[unit] : SIZE_UNITS[unit.toLowerCase()];
  if (factor === undefined) return { error: `"${text}" has an unknown unit "${unit}" (use k, m, g, KiB, MiB, GiB, Mi, Gi)` };
  const bytes = Math.round(value * factor);
  if (!Number.isFinite(bytes)) return { error: `"${text}" is too large` };
  return { bytes };
}

/** Parses `4`, `1.5`, or Kubernetes millicores `500m`; returns CPUs or an error sentence. */
export function parseCpus(text: string): { cpus: number } | { error: string } {
  const raw = text.trim();
  const milli = /^(\d+)m$/.exec(raw);
  if (milli) return { cpus: Number(milli[1]) / 1000 };
  if (!/^(\d+(?:\.\d+)?|\.\d+)$/.test(raw)) return { error: `"${text}" is not a CPU count (examples: 2, 1.5, 500m)` };
  return { cpus: Number(raw) };
}

export function formatBytes(bytes: number): string {
  if (bytes >= GiB) return `${trim(bytes / GiB)} GiB`;
  if (bytes >= MiB) return `${trim(bytes / MiB)} MiB`;
  if (bytes >= KiB) return `${trim(bytes / KiB)} KiB`;
  return `${bytes} B`;
}

/** Whole mebibytes, rounded up: the unit Docker, Compose and Kubernetes limits are written in. */
export function toMiB(bytes: number): number {
  return Math.ceil(bytes / MiB);
}

function trim(n: number): string {
  return n >= 100 ? n.toFixed(0) : n >= 10 ? n.toFixed(1).replace(/\.0$/, '') : n.toFixed(2).replace(/\.?0+$/, '');
}
