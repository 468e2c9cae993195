// The server versions a project pins: requirements*.txt, pyproject.toml (PEP 621 and Poetry),
// poetry.lock, uv.lock and Pipfile.lock. A lock file names the exact version; a specifier
// (`>=25,<26`, `^20.0.4`, `~=21.2`) is judged as the newest catalogued release it allows.
import { versionsOf, type ServerName } from '../servers/index.js';
import { compareVersions, versionKey } from '../servers/versions.js';

export interface Pin {
  /** What the file says: `==20.1.0`, `>=25,<26`, `^0.23.1`, or the locked version. */
  spec: string;
  file: string;
  line?: number;
  locked: boolean;
}

export type Pins = Partial<Record<ServerName, Pin>>;

const SERVERS: Record<string, ServerName> = { gunicorn: 'gunicorn', uvicorn: 'uvicorn', waitress: 'waitress' };
const normal = (name: string) => name.toLowerCase().replace(/[-_.]+/g, '-');

/** Pins found in the files, a lock file's winning over a specifier's. */
export function findPins(files: { path: string; text: string }[]): Pins {
  const out: Pins = {};
  const put = (server: ServerName, pin: Pin) => {
    const cur = out[server];
    if (!cur || (pin.locked && !cur.locked)) out[server] = pin;
  };
  for (const f of files) {
    const base = f.path.split('/').pop()!;
    const lines = f.text.replace(/\r\n?/g, '\n').split('\n');
    if (base === 'poetry.lock' || base === 'uv.lock') lockPins(lines, f.path, put);
    else if (base === 'Pipfile.lock') pipfileLockPins(f.text, f.path, put);
    else if (base === 'pyproject.toml') tomlPins(lines, f.path, put);
    else requirementPins(lines, f.path, put);
  }
  return out;
}

function requirementPins(lines: string[], file: string, put: (s: ServerName, p: Pin) => void): void {
  lines.forEach((raw, i) => {
    const line = raw.replace(/\s+#.*$/, '').trim();
    const m = /^([A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:\[[^\]]*\])?\s*([^;]*)/.exec(line);
    const server = m && SERVERS[normal(m[1]!)];
    if (server) put(server, { spec: m[2]!.replace(/\s+/g, '').replace(/\\$/, ''), file, line: i + 1, locked: false });
  });
}

function tomlPins(lines: string[], file: string, put: (s: ServerName, p: Pin) => void): void {
  lines.forEach((raw, i) => {
    // PEP 508 strings in a dependencies array: "gunicorn>=21", "uvicorn[standard]==0.30.1".
    for (const m of raw.matchAll(/["']([A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:\[[^\]]*\])?\s*([^"';]*)/g)) {
      const server = SERVERS[normal(m[1]!)];
      if (server && /^\s*(\[|["'])|,\s*["']|=\s*\[/.test(raw.slice(0, (m.index ?? 0) + 1))) put(server, { spec: m[2]!.replace(/\s+/g, ''), file, line: i + 1, locked: false });
    }
    // Poetry: gunicorn = "^20.0.4" or uvicorn = {version = "^0.23.1", extras = [...]}.
    const p = /^\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*=\s*(?:"([^"]*)"|'([^']*)'|\{[^}]*version\s*=\s*["']([^"']*)["'])/.exec(raw);
    const server = p && SERVERS[normal(p[1]!)];
    if (server) put(server, { spec: (p[2] ?? p[3] ?? p[4]!).replace(/\s+/g, ''), file, line: i + 1, locked: false });
  });
}

function lockPins(lines: string[], file: string, put: (s: ServerName, p: Pin) => void): void {
  for (let i = 0; i < lines.length; i++) {
    const name = /^name\s*=\s*"([^"]+)"/.exec(lines[i]!);
    const server = name && SERVERS[normal(name[1]!)];
    if (!server) continue;
    for (let j = i + 1; j < Math.min(lines.length, i + 6); j++) {
      const v = /^version\s*=\s*"([^"]+)"/.exec(lines[j]!);
      if (v) put(server, { spec: v[1]!, file, line: j + 1, locked: true });
      if (v || lines[j]!.startsWith('[')) break;
    }
  }
}

function pipfileLockPins(text: string, file: string, put: (s: ServerName, p: Pin) => void): void {
  let lock: unknown;
  try {
    lock = JSON.parse(text);
  } catch {
    return;
  }
  const sections = typeof lock === 'object' && lock !== null ? [(lock as Record<string, unknown>).default] : [];
  for (const section of sections) {
    if (typeof section !== 'object' || section === null) continue;
    for (const [name, entry] of Object.entries(section as Record<string, { version?: unknown }>)) {
      const server = SERVERS[normal(name)];
      if (server && typeof entry?.version === 'string') put(server, { spec: entry.version.replace(/^==/, ''), file, locked: true });
    }
  }
}

/**
 * The catalogue version a pin means: the locked or `==` version's own entry, else the newest release
 * the specifier allows. `older`: the pin is older than anything catalogued (judged as the oldest).
 */
export function pinnedVersion(server: ServerName, pin: Pin): { version: string; older?: true } | undefined {
  const released = versionsOf(server).filter((v) => v.released && versionKey(v.version) && !v.version.includes('+'));
  const exact = pin.locked ? pin.spec : /^===?([^,*]+)$/.exec(pin.spec)?.[1];
  if (exact !== undefined && versionKey(exact)) {
    if (compareVersions(exact, released[0]!.version) < 0) return { version: released[0]!.version, older: true };
    return { version: exact };
  }
  const allowed = released.filter((v) => satisfies(v.version, pin.spec));
  if (allowed.length > 0) return { version: allowed.at(-1)!.version };
  const floor = /^(?:[=~^]=?|>=?)?\s*(\d+(?:\.\d+)*)/.exec(pin.spec.split(',')[0] ?? '')?.[1];
  if (floor && compareVersions(floor, released[0]!.version) < 0) return { version: released[0]!.version, older: true };
  return undefined;
}

/** PEP 440 specifiers (==, !=, <, <=, >, >=, ~=, with .* wildcards) and Poetry's ^ and ~; empty or * allows all. */
export function satisfies(version: string, spec: string): boolean {
  if (spec === '' || spec === '*') return true;
  return spec.split(',').every((clause) => {
    const m = /^(===?|!=|<=|>=|<|>|~=|\^|~)?\s*(.+)$/.exec(clause.trim());
    if (!m) return false;
    const op = m[1] ?? '==';
    const target = m[2]!;
    if (target.endsWith('.*')) {
      const prefix = target.slice(0, -2);
      const inside = version === prefix || version.startsWith(`${prefix}.`);
      return op === '!=' ? !inside : inside;
    }
    if (!versionKey(target)) return false;
    const c = compareVersions(version, target);
    const parts = target.split('.').map(Number);
    switch (op) {
      case '==':
      case '===':
        return c === 0;
      case '!=':
        return c !== 0;
      case '<':
        return c < 0;
      case '<=':
        return c <= 0;
      case '>':
        return c > 0;
      case '>=':
        return c >= 0;
      case '~=':
        return c >= 0 && compareVersions(version, upper(parts.slice(0, Math.max(1, parts.length - 1)))) < 0;
      case '~':
        return c >= 0 && compareVersions(version, upper(parts.length > 1 ? parts.slice(0, 2) : parts.slice(0, 1))) < 0;
      case '^': {
        // Poetry: the leftmost non-zero component may not change.
        const nz = parts.findIndex((p) => p !== 0);
        return c >= 0 && compareVersions(version, upper(parts.slice(0, (nz < 0 ? parts.length - 1 : nz) + 1))) < 0;
      }
    }
    return false;
  });
}

/** The first version past a prefix: [0, 23] → 0.24, [20] → 21. */
function upper(prefix: number[]): string {
  const p = [...prefix];
  p[p.length - 1]! += 1;
  return p.join('.');
}
