// Which version of each server the settings are judged against: the one given (--gunicorn-version),
// else the one the project pins, else the newest release — what `pip install gunicorn` gives today.
import type { Server } from '../core/classes.js';
import { covers, newestVersion, resolveVersion } from '../servers/index.js';
import { findPins, pinnedVersion, type Pin } from './pins.js';

export interface VersionChoice {
  /** The catalogue version judged against (src/servers label). */
  version: string;
  /** Given on the command line. */
  given?: true;
  pin?: Pin;
  /** The pin is older than the oldest catalogued version, which stands in for it. */
  older?: true;
}

const SERVERS: Server[] = ['gunicorn', 'uvicorn', 'waitress'];

export function serverVersions(given: Partial<Record<Server, string>>, pinFiles: { path: string; text: string }[]): Record<Server, VersionChoice> {
  const pins = findPins(pinFiles);
  const out = {} as Record<Server, VersionChoice>;
  for (const server of SERVERS) {
    const g = given[server];
    if (g !== undefined) {
      out[server] = { version: resolveVersion(server, g), given: true, ...(covers(server, g) ? {} : { older: true as const }) };
      continue;
    }
    const pin = pins[server];
    const v = pin ? pinnedVersion(server, pin) : undefined;
    out[server] = v ? { version: v.version, pin: pin!, ...(v.older ? { older: true as const } : {}) } : { version: newestVersion(server, { released: true }) };
  }
  return out;
}
