// What `tune check` needs, read from the running server: its argv (the command), its environment (as
// a dotenv file: WEB_CONCURRENCY, GUNICORN_CMD_ARGS, UVICORN_* and whatever gunicorn.conf.py reads) and
// the gunicorn config file it loaded (-c, GUNICORN_CMD_ARGS -c, else ./gunicorn.conf.py in its cwd).
import { statSync } from 'node:fs';
import path from 'node:path';
import { parse as parseDotenv } from 'dotenv';
import { parseGunicornCmdArgs } from '../check/cmdline.js';
import type { ProjectFile } from '../check/types.js';
import { readTextFile } from '../io/read-text.js';
import { pathInProcess } from '../proc/index.js';
import { defaultOf } from '../servers/lookups.js';
import type { Snapshot } from './snapshot.js';

interface ConfigFile {
  /** As the process names it, made absolute against its working directory. */
  path: string;
  /** Why it could not be read (a python: module, gone, not a file). */
  unreadable?: string;
  /** Seconds between the server's start and the file's last change, when it changed after the start. */
  changedAfterStartS?: number;
}

export interface RunningConfig {
  files: ProjectFile[];
  /** The argv as one shell command line, every word single-quoted (nothing expands). */
  cmd: string;
  configFile?: ConfigFile;
  /** The labels the report uses for the command line and the environment. */
  labels: { cmdline: string; environ: string };
}

// Variables that configure the servers (src/check/targets.ts reads them) or the CPU count Python reports.
const SHOWN = /^(WEB_CONCURRENCY|GUNICORN_CMD_ARGS|PORT|UVICORN_.*|PYTHON_CPU_COUNT)$/;

/** The environment's server settings, the only variables a report shows (the rest may hold secrets). (Pure.) */
export const serverVariables = (env: Record<string, string>): Record<string, string> => Object.fromEntries(Object.entries(env).filter(([k]) => SHOWN.test(k)).sort());

const quote = (w: string) => `'${w.replace(/'/g, `'\\''`)}'`;

/** NAME=value lines that dotenv reads back exactly; a value no quoting carries intact is left out. (Pure.) */
export function toDotenv(env: Record<string, string>): string {
  const lines: string[] = [];
  for (const [k, v] of Object.entries(env).sort(([a], [b]) => a.localeCompare(b))) {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(k)) continue;
    const line = [`'`, `"`, '`'].map((q) => `${k}=${q}${v}${q}`).find((l) => parseDotenv(l)[k] === v);
    if (line !== undefined) lines.push(line);
  }
  return lines.join('\n') + '\n';
}

export function runningConfig(snap: Snapshot, env: Record<string, string>, cwd: string | null): RunningConfig {
  const labels = { cmdline: `/proc/${snap.pid}/cmdline`, environ: `/proc/${snap.pid}/environ` };
  const files: ProjectFile[] = [{ path: labels.environ, kind: 'dotenv', text: toDotenv(env) }];
  const out: RunningConfig = { files, cmd: snap.command.argv.map(quote).join(' '), labels };
  if (snap.command.server !== 'gunicorn') return out;

  const named = snap.command.parsed.configFile ?? (env.GUNICORN_CMD_ARGS ? parseGunicornCmdArgs(env.GUNICORN_CMD_ARGS).configFile : undefined);
  // gunicorn's --config default (./gunicorn.conf.py since 19.10), loaded only when it exists.
  const file = named ?? String(defaultOf('gunicorn', 'config')?.value ?? './gunicorn.conf.py');
  const shown = path.posix.resolve(cwd ?? '/', file);
  if (file.startsWith('python:')) {
    out.configFile = { path: file, unreadable: 'a Python module, which is read only by importing it' };
    return out;
  }
  const where = pathInProcess(snap.pid, file);
  let text: string;
  try {
    text = readTextFile(where);
  } catch (e) {
    if (named !== undefined) out.configFile = { path: shown, unreadable: (e as Error).message };
    return out; // no ./gunicorn.conf.py: gunicorn loaded none
  }
  files.push({ path: shown, kind: 'gunicorn-conf', text });
  out.configFile = { path: shown };
  const master = snap.processes.find((p) => p.pid === snap.pid);
  try {
    const started = snap.takenAt.getTime() - (master?.ageSeconds ?? 0) * 1000;
    const changed = (statSync(where).mtimeMs - started) / 1000;
    // The start time is known to a clock tick; a file written in the same second is the one loaded.
    if (changed > 1) out.configFile.changedAfterStartS = Math.round(changed);
  } catch {
    /* read a moment ago; a stat failing now changes nothing */
  }
  return out;
}
