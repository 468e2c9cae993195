// The servers' settings as `tune check` looks them up: by name or command-line flag in any version
// the catalogue knows (src/servers, generated from the servers' sources), for did-you-mean.
import { flagNames as catalogueFlags, setting, settingByFlag, settingNames as catalogueNames, type ServerName, type SettingAt } from '../servers/index.js';

export { didYouMean, editDistance } from './did-you-mean.js';
export type { ServerName, SettingAt } from '../servers/index.js';

/** A setting by the server's own name, as its newest version has it (removed ones carry `removedIn`). */
export function knownSetting(server: ServerName, name: string): SettingAt | undefined {
  return setting(server, name);
}

/** The setting an exact command-line spelling sets ("-w", "--no-access-log"), in any version. */
export function settingForFlag(server: ServerName, flag: string): SettingAt | undefined {
  return settingByFlag(server, flag);
}

/** Every setting name of every version. */
export function settingNames(server: ServerName): string[] {
  return catalogueNames(server);
}

/** Every command-line spelling of every version. */
export function flagNames(server: ServerName): string[] {
  return catalogueFlags(server);
}
