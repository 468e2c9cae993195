// The server versions a running process imports, read from the package metadata in its interpreter's
// site-packages (through /proc/PID/root, so a container's files are read from the host too): the check
// then judges the settings against the version that runs, not the newest release. Read-only.
import { readdirSync, readlinkSync } from 'node:fs';
import path from 'node:path';
import type { Server } from '../core/classes.js';
import { pathInProcess } from '../proc/index.js';

const SERVERS: readonly Server[] = ['gunicorn', 'uvicorn', 'waitress'];
// pip writes name-version.dist-info; Debian's python3-* packages and old setuptools name-version.egg-info.
const METADATA = /^(gunicorn|uvicorn|waitress)-([0-9][A-Za-z0-9.+!_-]*?)(?:\.dist-info|\.egg-info|-py\d+\.\d+\.egg-info)$/;

/** The version each server's metadata names, from a folder's entries. (Pure.) */
export function versionsInListing(names: readonly string[]): Partial<Record<Server, string>> {
  const out: Partial<Record<Server, string>> = {};
  for (const n of names) {
    const m = METADATA.exec(n);
    if (m && !out[m[1] as Server]) out[m[1] as Server] = m[2]!.replace(/_/g, '-');
  }
  return out;
}

/**
 * The folders a CPython started as `argv0` (its exe resolving to `exe`) imports packages from: a
 * virtualenv's (the one argv0 or VIRTUAL_ENV names), the prefix's site-packages, Debian's dist-packages.
 * First match wins, as on sys.path. (Pure.)
 */
export function siteFolders(exe: string, argv0: string, env: Record<string, string>): string[] {
  const ver = /python(\d+\.\d+)$/.exec(exe)?.[1];
  const prefixes = [env.VIRTUAL_ENV, path.isAbsolute(argv0) ? path.dirname(path.dirname(argv0)) : undefined, path.dirname(path.dirname(exe)), '/usr/local', '/usr'];
  const out: string[] = [];
  for (const p of prefixes) {
    if (!p) continue;
    if (ver) out.push(`${p}/lib/python${ver}/site-packages`, `${p}/local/lib/python${ver}/dist-packages`);
    out.push(`${p}/lib/python3/dist-packages`);
  }
  for (const extra of (env.PYTHONPATH ?? '').split(':').filter((d) => path.isAbsolute(d)).reverse()) out.unshift(extra);
  return [...new Set(out)];
}

/** The versions of the servers the process can import, where its files say them. */
export function installedVersions(pid: number, argv0: string, env: Record<string, string>): Partial<Record<Server, string>> {
  let exe: string;
  try {
    exe = readlinkSync(`/proc/${pid}/exe`);
  } catch {
    return {};
  }
  const out: Partial<Record<Server, string>> = {};
  for (const dir of siteFolders(exe, argv0, env)) {
    let names: string[];
    try {
      names = readdirSync(pathInProcess(pid, dir));
    } catch {
      continue;
    }
    const found = versionsInListing(names);
    for (const s of SERVERS) if (!out[s] && found[s]) out[s] = found[s];
    if (SERVERS.every((s) => out[s])) break;
  }
  return out;
}
