// Finds and reads the configuration files `tune check` judges. Reading is defensive: a project file
// can be anything, so each failure becomes one clear sentence naming the file. A file's kind comes
// from its name, else from what it holds (a shebang, FROM, KEY=value lines, Python, YAML).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { FileKind, ProjectFile } from '../check/types.js';
import { MAX_TEXT_BYTES, readTextFile } from '../io/read-text.js';
import { UsageError } from './errors.js';

const DISCOVER: [RegExp, FileKind][] = [
  [/^\.env$/, 'dotenv'],
  [/^gunicorn[._]conf\.py$/, 'gunicorn-conf'],
  [/^(docker-)?compose\.ya?ml$/, 'compose'],
  [/^Procfile$/, 'procfile'],
  [/^(Dockerfile|Containerfile)$/, 'dockerfile'],
  [/^render\.ya?ml$/, 'yaml'],
];

/** Files that pin the servers' versions. */
const PIN_FILES = /^(requirements.*\.(txt|in)|pyproject\.toml|poetry\.lock|uv\.lock|Pipfile\.lock)$/;

/** The kind of a file from its name alone, when the name tells. */
function kindByName(file: string): FileKind | undefined {
  const base = path.basename(file);
  for (const [re, kind] of DISCOVER) if (re.test(base)) return kind;
  if (base.endsWith('.py')) return 'gunicorn-conf';
  if (/^(docker-)?compose[.-].*\.ya?ml$/.test(base)) return 'compose';
  if (/\.ya?ml$/.test(base)) return 'yaml';
  if (base === '.env' || base.startsWith('.env.') || base.endsWith('.env')) return 'dotenv';
  if (/^Procfile/.test(base)) return 'procfile';
  if (/^(Dockerfile|Containerfile)\b/i.test(base) || /\.(dockerfile|containerfile)$/i.test(base)) return 'dockerfile';
  if (/\.(sh|bash)$/.test(base)) return 'script';
  return undefined;
}

/** The kind of a file from what it holds, for names that do not tell (`docker-server`, `gunicorn-cabotage.conf`, `.envs/.production/.django`). */
function kindByContent(text: string): FileKind | undefined {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  if (/^#!.*\b(sh|bash|dash|ash|zsh|ksh)\b/.test(lines[0] ?? '')) return 'script';
  const code = lines.map((l) => l.trim()).filter((l) => l !== '' && !l.startsWith('#'));
  if (code.length === 0) return undefined;
  if (/^(FROM|ARG)\s/i.test(code[0]!) && code.some((l) => /^FROM\s+\S/i.test(l))) return 'dockerfile';
  if (/^(---|%YAML)/.test(code[0]!) || /^(apiVersion|kind|services|version):/.test(code[0]!)) return 'yaml';
  // KEY=value lines (template lines such as {% if … %} aside): an env file.
  const settings = code.filter((l) => !/^\{[%{#]/.test(l));
  if (settings.length > 0 && settings.every((l) => /^(export\s+)?[A-Za-z_][A-Za-z0-9_]*=/.test(l))) return 'dotenv';
  if (code.some((l) => /^(import\s+\w|from\s+[\w.]+\s+import\s|def\s+\w+\s*\(|[A-Za-z_]\w*\s*=(?!=))/.test(l))) return 'gunicorn-conf';
  // `key: value` lines: YAML (a container fragment, a manifest without apiVersion first).
  if (/^[\w.-]+:(\s|$)/.test(code[0]!)) return 'yaml';
  return undefined;
}

/** Files in a folder that a server's configuration is usually made of. */
export function discover(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new UsageError(`--dir ${dir}: ${code === 'ENOENT' ? 'no such folder' : code === 'ENOTDIR' ? 'not a folder' : (code ?? 'cannot be read')}`);
  }
  return names
    .filter((n) => DISCOVER.some(([re]) => re.test(n)))
    .sort()
    .map((n) => path.join(dir, n));
}

/** A file the user named (`-`: standard input), with its kind: the one given, else by name, else by content. */
export function readProjectFile(file: string, kind?: FileKind): ProjectFile {
  let text: string;
  try {
    text = file === '-' ? readStdin() : readTextFile(file);
  } catch (e) {
    throw new UsageError(`${file === '-' ? 'standard input' : file}: ${(e as Error).message}`);
  }
  const k = kind ?? (file === '-' ? undefined : kindByName(file)) ?? kindByContent(text);
  if (!k) throw new UsageError(`${file === '-' ? 'standard input' : file}: cannot tell what kind of file this is (expected .env, *.py, *.yml/*.yaml, Procfile, a Dockerfile or a shell script)`);
  return { path: file, kind: k, text };
}

/** A file another file names, read on request; undefined when it is not a readable text file. */
export function readIfThere(file: string): string | undefined {
  try {
    return readTextFile(file);
  } catch {
    return undefined;
  }
}

/** The version pin files in the folders of the files checked (and the current one). */
export function pinFiles(dirs: string[]): { path: string; text: string }[] {
  const out: { path: string; text: string }[] = [];
  for (const dir of [...new Set(dirs)]) {
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch {
      continue;
    }
    for (const n of names.filter((x) => PIN_FILES.test(x)).sort()) {
      const p = path.join(dir, n);
      const text = readIfThere(p);
      if (text !== undefined) out.push({ path: path.relative('.', p) || n, text });
    }
  }
  return out;
}

/** Standard input (`helm template … | tune check -`), bounded like a file. */
function readStdin(): string {
  const bytes = readFileSync(0);
  // Rendered manifests of a whole chart run to a few MiB.
  if (bytes.length > 16 * MAX_TEXT_BYTES) throw new Error(`${bytes.length} bytes is over the ${16 * MAX_TEXT_BYTES}-byte limit`);
  if (bytes.includes(0)) throw new Error('is binary (it contains NUL bytes)');
  return new TextDecoder('utf-8', { fatal: false }).decode(bytes);
}
