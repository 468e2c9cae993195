// Files a process has mapped (/proc/PID/maps): which native extension modules it loaded, e.g. whether
// a uvicorn worker runs uvloop, which only shows by what it imported.
import { readProc } from './processes.js';

/** The distinct file paths in a maps text. (Pure.) */
export function parseMappedFiles(text: string): string[] {
  const out = new Set<string>();
  for (const line of text.split('\n')) {
    // address perms offset dev inode pathname
    const m = /^\S+\s+\S+\s+\S+\s+\S+\s+\d+\s+(\/.*)$/.exec(line);
    if (m) out.add(m[1]!.replace(/ \(deleted\)$/, ''));
  }
  return [...out];
}

export function mappedFiles(pid: number): string[] {
  const text = readProc(pid, 'maps');
  return text ? parseMappedFiles(text) : [];
}
