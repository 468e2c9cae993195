// Sizes and CPU counts as people type them, each read by the convention of the place it comes from:
// tune's own flags, Docker/Compose limits, Kubernetes quantities. The same text means different
// things in each (`1024M` is 1024 MiB to Docker and 1.024 GB to Kubernetes), so there is one parser per
// convention and no guessing between them.

export const KiB = 1024;
export const MiB = 1024 * KiB;
const GiB = 1024 * MiB;

const POWERS: Record<string, number> = { k: 1, m: 2, g: 3, t: 4, p: 5, e: 6 };
const SI_NAMES: Record<string, string> = { k: 'kB', m: 'MB', g: 'GB', t: 'TB', p: 'PB', e: 'EB' };

export type SizeResult = { bytes: number; reading?: string } | { error: string };

/**
 * tune's convention (--mem, --worker-mem, presets, TUNE_MEM): IEC units (Ki, Mi, Gi, Ti, with or
 * without B) are binary; a lower-case k, m, g, t (with or without b) is binary too, as in Docker's
 * `--memory 512m`; an upper-case K, M, G, T (with or without B) is decimal, as in SI and Kubernetes
 * (`2G` = 2 GB = 1.86 GiB). A bare number is bytes. `reading` says how a value with a unit was read.
 */
export function parseSize(text: string): SizeResult {
  const raw = text.trim();
  const m = /^(\d+(?:\.\d+)?|\.\d+)\s*(?:([kKmMgGtT])(i?)([bB]?)|([bB]?))$/.exec(raw);
  if (!m) return { error: `"${text}" is not a size (examples: 512m, 2g, 1.5GiB, 2048Mi, 2G, 1073741824)` };
  const value = Number(m[1]);
  const [prefix, iec] = [m[2], m[3] === 'i'];
  if (prefix === undefined) return finite(value, text);
  const p = prefix.toLowerCase();
  const binary = iec || prefix === p;
  const bytes = Math.round(value * (binary ? 1024 : 1000) ** POWERS[p]!);
  const r = finite(bytes, text);
  if ('error' in r) return r;
  // An IEC unit says what it is; a bare letter is read by case, so say how.
  if (iec) return { bytes };
  const reading = binary ? `${raw} read as ${m[1]} ${prefix.toUpperCase()}iB` : `${raw} read as ${m[1]} ${SI_NAMES[p]} (decimal) = ${formatBytes(bytes)}`;
  return { bytes, reading };
}

/**
 * Docker's and Compose's convention (`mem_limit`, `deploy.resources.limits.memory`, `docker run -m`):
 * every unit is binary whatever its case, with an optional `b` and an optional `i` (docker/go-units
 * RAMInBytes: `^(\d+(\.\d+)*) ?([kKmMgGtTpP])?[iI]?[bB]?$`); a number is bytes.
 */
export function parseDockerBytes(value: string | number): { bytes: number } | { error: string } {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? { bytes: Math.round(value) } : { error: `${value} is not a size` };
  const m = /^(\d+(?:\.\d+)*) ?([kKmMgGtTpP])?[iI]?[bB]?$/.exec(value.trim());
  if (!m || m[1]!.split('.').length > 2) return { error: `"${value}" is not a Docker size (examples: 512m, 2g, 1073741824)` };
  const factor = m[2] ? 1024 ** POWERS[m[2].toLowerCase()]! : 1;
  return finite(Math.round(Number(m[1]) * factor), value);
}

/**
 * A Kubernetes quantity as bytes (resource.Quantity): decimal suffixes k, M, G, T, P, E; binary
 * Ki, Mi, Gi, Ti, Pi, Ei; an exponent (`1e9`); `m` is milli. Fractions of a byte round up, as the
 * kubelet does.
 */
export function parseK8sBytes(value: string | number): { bytes: number } | { error: string } {
  const q = parseQuantity(value);
  return 'error' in q ? q : finite(Math.ceil(q.value - 1e-9), String(value));
}

/** A Kubernetes CPU quantity: `500m`, `1.5`, `2`. */
export function parseK8sCpus(value: string | number): { cpus: number } | { error: string } {
  const q = parseQuantity(value);
  return 'error' in q ? q : { cpus: q.value };
}

function parseQuantity(value: string | number): { value: number } | { error: string } {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? { value } : { error: `${value} is not a quantity` };
  const m = /^\+?(\d+(?:\.\d*)?|\.\d+)(?:(Ki|Mi|Gi|Ti|Pi|Ei)|([kMGTPE])|(m)|[eE]([-+]?\d+))?$/.exec(value.trim());
  if (!m) return { error: `"${value}" is not a Kubernetes quantity (examples: 500m, 512Mi, 1G, 2)` };
  const n = Number(m[1]);
  if (m[2]) return { value: n * 1024 ** POWERS[m[2][0]!.toLowerCase()]! };
  if (m[3]) return { value: n * 1000 ** POWERS[m[3].toLowerCase()]! };
  if (m[4]) return { value: n / 1000 };
  if (m[5]) return { value: n * 10 ** Number(m[5]) };
  return { value: n };
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

/** Whole mebibytes, rounded up: the unit Kubernetes limits are written in (`512Mi`). */
export function toMiB(bytes: number): number {
  return Math.ceil(bytes / MiB);
}

function finite(bytes: number, text: string): { bytes: number } | { error: string } {
  return Number.isFinite(bytes) ? { bytes } : { error: `"${text}" is too large` };
}

function trim(n: number): string {
  return n >= 100 ? n.toFixed(0) : n >= 10 ? n.toFixed(1).replace(/\.0$/, '') : n.toFixed(2).replace(/\.?0+$/, '');
}

/**
 * Two sizes that differ, printed so that they look different: `270.8 MiB` over `270 MiB`, never
 * `270 MiB` over `270 MiB`. Both in the unit of the larger one.
 */
export function formatBytesApart(a: number, b: number): [string, string] {
  const [fa, fb] = [formatBytes(a), formatBytes(b)];
  if (fa !== fb || a === b) return [fa, fb];
  const big = Math.max(a, b);
  const [unit, name] = big >= GiB ? [GiB, 'GiB'] : big >= MiB ? [MiB, 'MiB'] : big >= KiB ? [KiB, 'KiB'] : [1, 'B'];
  for (let digits = 1; digits <= 6; digits++) {
    const [x, y] = [(a / unit).toFixed(digits), (b / unit).toFixed(digits)];
    if (x !== y) return [`${x.replace(/\.?0+$/, '')} ${name}`, `${y.replace(/\.?0+$/, '')} ${name}`];
  }
  return [`${a} B`, `${b} B`];
}
