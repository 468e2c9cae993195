// Settings as a server's command-line words, spelled as the catalogue says each server spells them:
// the one place both the emitted commands (src/render) and calibrate's measurement runs build them.
import { setting } from './lookups.js';
import type { ServerName } from './types.js';

export type FlagValue = string | number | boolean | null;

/**
 * `--flag=value` for each setting, in the order given; `true` is the bare switch, `null` means "not
 * set". `false` is the setting's --no-… spelling where the server has one and `falseFlags` asks for
 * it, and nothing otherwise (the server's default is off). A name the catalogue does not know is a bug.
 */
export function flagWords(server: ServerName, settings: Readonly<Record<string, FlagValue | undefined>>, opts: { falseFlags?: boolean } = {}): string[] {
  const out: string[] = [];
  for (const [name, value] of Object.entries(settings)) {
    if (value === null || value === undefined) continue;
    const s = setting(server, name);
    if (!s) throw new Error(`${server} has no setting ${name}`);
    const long = s.flags.find((f) => f.startsWith('--'));
    if (value === false) {
      const no = 'falseFlags' in s ? s.falseFlags?.[0] : undefined;
      if (opts.falseFlags && no) out.push(no);
      continue;
    }
    if (!long) throw new Error(`${server} ${name} has no command-line flag`);
    out.push(value === true ? long : `${long}=${value}`);
  }
  return out;
}
