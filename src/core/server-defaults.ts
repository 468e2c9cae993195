// The servers' own defaults, read from the settings catalogue (src/servers, generated from their
// sources), so the model never restates one. Numbers only: what the model computes with.
import type { Server } from './classes.js';
import { defaultOf } from '../servers/lookups.js';

/** The default of each named numeric setting, as the newest release that has it defines it. */
export function defaultsOf<K extends string>(server: Server, names: readonly K[]): Readonly<Record<K, number>> {
  const out = {} as Record<K, number>;
  for (const name of names) {
    const d = defaultOf(server, name)?.value;
    if (typeof d !== 'number') throw new Error(`${server} ${name} has no numeric default in the catalogue`);
    out[name] = d;
  }
  return out;
}
