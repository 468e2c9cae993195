// Python drivers: a script given as text, run by /usr/bin/python3, that writes its findings as JSON.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PYTHON } from './installed.js';
import { run, type Ran } from './processes.js';

/** Run a Python script given as text, with argv after it; the script may write JSON to argv[1]. */
export function runPythonJson<T>(script: string, args: string[], opts: { cwd: string; env?: Record<string, string>; input?: string; timeoutMs?: number }): Ran & { result: T | null } {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'tune-py-'));
  try {
    const scriptPath = path.join(tmp, 'driver.py');
    const resultPath = path.join(tmp, 'result.json');
    writeFileSync(scriptPath, script);
    const r = run(PYTHON, [scriptPath, resultPath, ...args], opts);
    const result = existsSync(resultPath) ? (JSON.parse(readFileSync(resultPath, 'utf8')) as T) : null;
    return { ...r, result };
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}


/** The line of a failed run that says why: the last error line, else the last line. */
export function lastErrorLine(stderr: string): string {
  const lines = stderr.split('\n').map((l) => l.trim()).filter(Boolean);
  const marked = lines.filter((l) => /^(Error:|gunicorn: error:|\w+(Error|Exception):)/.test(l));
  return marked.at(-1) ?? lines.at(-1) ?? 'failed without a message';
}
