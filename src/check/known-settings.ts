// Setting catalogues of the three servers (generated from their sources, see settings/*.ts) and
// lookups by setting name or command-line flag.
import { GUNICORN_SETTINGS } from './settings/gunicorn.js';
import { UVICORN_SETTINGS } from './settings/uvicorn.js';
import { WAITRESS_SETTINGS } from './settings/waitress.js';
import type { KnownSetting, ServerName } from './settings/types.js';

export { GUNICORN_SETTINGS, UVICORN_SETTINGS, WAITRESS_SETTINGS };
export { didYouMean, editDistance } from './did-you-mean.js';
export type {
  GunicornSetting,
  KnownSetting,
  ServerName,
  SettingDefault,
  SettingType,
  UvicornSetting,
  WaitressSetting,
} from './settings/types.js';

const CATALOGUES: Record<ServerName, readonly KnownSetting[]> = {
  gunicorn: GUNICORN_SETTINGS,
  uvicorn: UVICORN_SETTINGS,
  waitress: WAITRESS_SETTINGS,
};

const byName = new Map<ServerName, Map<string, KnownSetting>>();
const byFlag = new Map<ServerName, Map<string, KnownSetting>>();
for (const [server, list] of Object.entries(CATALOGUES) as [ServerName, readonly KnownSetting[]][]) {
  byName.set(server, new Map(list.map((s) => [s.name, s])));
  byFlag.set(server, new Map(list.flatMap((s) => s.cli.map((f) => [f, s] as const))));
}

export function settingsOf(server: ServerName): readonly KnownSetting[] {
  return CATALOGUES[server];
}

export function knownSetting(server: ServerName, name: string): KnownSetting | undefined {
  return byName.get(server)!.get(name);
}

/** The setting a command-line flag (exact spelling, e.g. "-w" or "--no-access-log") sets. */
export function settingForFlag(server: ServerName, flag: string): KnownSetting | undefined {
  return byFlag.get(server)!.get(flag);
}

export function settingNames(server: ServerName): string[] {
  return CATALOGUES[server].map((s) => s.name);
}

export function flagNames(server: ServerName): string[] {
  return [...byFlag.get(server)!.keys()];
}
