// Finds and reads the configuration files `tune check` judges. Reading is defensive: a project file
// can be anything, so each failure becomes one clear sentence naming the file.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import type { FileKind, ProjectFile } from '../check/types.js';
import { readTextFile } from '../io/read-text.js';
import { UsageError } from './errors.js';

const DISCOVER: [RegExp, FileKind][] = [
  [/^\.env$/, 'dotenv'],
  [/^gunicorn[._]conf\.py$/, 'gunicorn-conf'],
  [/^(docker-)?compose\.ya?ml$/, 'compose'],
  [/^Procfile$/, 'procfile'],
];

/** The kind of a file the user named, from its name. */
export function kindOf(file: string): FileKind {
  const base = path.basename(file);
  for (const [re, kind] of DISCOVER) if (re.test(base)) return kind;
  if (base.endsWith('.py')) return 'gunicorn-conf';
  if (/\.ya?ml$/.test(base)) return 'compose';
  if (base === '.env' || base.startsWith('.env.') || base.endsWith('.env')) return 'dotenv';
  if (/^Procfile/.test(base)) return 'procfile';
  throw new UsageError(`${file}: cannot tell what kind of file this is (expected .env, *.py, *.yml/*.yaml or Procfile)`);
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

export function readProjectFile(file: string, kind = kindOf(file)): ProjectFile {
  try {
    return { path: file, kind, text: readTextFile(file) };
  } catch (e) {
    throw new UsageError(`${file}: ${(e as Error).message}`);
  }
}
