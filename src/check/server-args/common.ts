// What parsing a server's arguments yields, and helpers shared by the three parsers.

export interface CommandSetting {
  /** Converted as the server converts it (int flags → number, switches → boolean). */
  value: string | number | boolean;
  /** The text given on the command line. */
  raw: string;
  /** The flag as written (`-w`, `--workers`, `--thread`). */
  flag: string;
  /** Options the server collects (gunicorn --bind, waitress --listen, uvicorn --reload-dir): every value. */
  values?: string[];
  /** Written as a prefix of the real flag; the server accepts it but it breaks when flags are added. */
  abbreviated?: true;
  /** The value holds a shell expansion we could not resolve ($PORT, $(nproc)); kept as written. */
  unresolved?: true;
}

export interface ServerArgs {
  settings: Record<string, CommandSetting>;
  /** Positional arguments. */
  args: string[];
  app?: string;
  configFile?: string;
  unknownFlags: { flag: string; suggestion?: string }[];
  abbreviations: { flag: string; full: string }[];
  /** Would stop the server from starting (bad value, missing argument, ambiguous flag …). */
  errors: ArgError[];
}

/** Why a command line would not start the server: in the server's own words, or which rule applies. */
export type ArgError =
  | { code: 'SERVER_REFUSES'; message: string }
  | { code: 'SHELL_SYNTAX'; message: string }
  | { code: 'EXITS_INSTEAD'; flag: string; prints: 'help' | 'version' }
  | { code: 'REMOVED_OPTION'; flag: string; version: string }
  | { code: 'IGNORED_AFTER_APP'; flags: string };

/** The server's own message for what it refuses (argparse, click, getopt, a validator). */
export const refuses = (message: string): ArgError => ({ code: 'SERVER_REFUSES', message });

export class ArgsCollector implements ServerArgs {
  settings: Record<string, CommandSetting> = {};
  args: string[] = [];
  app?: string;
  configFile?: string;
  unknownFlags: { flag: string; suggestion?: string }[] = [];
  abbreviations: { flag: string; full: string }[] = [];
  errors: ArgError[] = [];

  /** `unresolved`: shell texts left unexpanded, to recognise values we must not convert. */
  constructor(private readonly unresolvedTexts: readonly string[] = []) {}

  isUnresolved(raw: string): boolean {
    return this.unresolvedTexts.some((u) =>
      /^[A-Za-z_]/.test(u) ? raw.includes(`$${u}`) || raw.includes(`\${${u}`) : raw.includes(u),
    );
  }

  set(name: string, value: string | number | boolean, raw: string, flag: string, opts: { full?: string; collect?: boolean } = {}): void {
    const prev = this.settings[name];
    const entry: CommandSetting = { value, raw, flag };
    if (opts.collect) entry.values = [...(prev?.values ?? []), raw];
    if (opts.full !== undefined && opts.full !== flag) {
      entry.abbreviated = true;
      this.abbreviations.push({ flag, full: opts.full });
    }
    if (this.isUnresolved(raw)) entry.unresolved = true;
    this.settings[name] = entry;
  }

  result(): ServerArgs {
    const out: ServerArgs = {
      settings: this.settings,
      args: this.args,
      unknownFlags: this.unknownFlags,
      abbreviations: this.abbreviations,
      errors: this.errors,
    };
    if (this.app !== undefined) out.app = this.app;
    if (this.configFile !== undefined) out.configFile = this.configFile;
    return out;
  }
}

/**
 * After an unknown flag written without `=`: whether the next word was probably its value. The
 * server stops at the unknown flag anyway; guessing keeps the app and later flags readable.
 */
export function nextIsValue(argv: readonly string[], i: number, isOption: (arg: string) => boolean): boolean {
  const next = argv[i + 1];
  if (argv[i]!.includes('=') || next === undefined || isOption(next)) return false;
  return /^-?\d+(\.\d+)?$/.test(next) || argv.slice(i + 2).some((a) => !isOption(a));
}
