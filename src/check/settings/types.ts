// Shapes of the generated setting catalogues (gunicorn.ts, uvicorn.ts, waitress.ts).

export type ServerName = 'gunicorn' | 'uvicorn' | 'waitress';

/** Value type a setting expects, derived from the server's own validator/cast. */
export type SettingType = 'int' | 'float' | 'bool' | 'string' | 'list' | 'dict' | 'callable';

export type SettingDefault = string | number | boolean | null | readonly string[] | Readonly<Record<string, string>>;

interface BaseSetting {
  name: string;
  type: SettingType;
  /** Command-line spellings; empty when the setting exists only in config files/kwargs. */
  cli: readonly string[];
  default?: SettingDefault;
  /** First release with the setting, when newer than the installed reference version. */
  since?: string;
  /** First release without it. */
  removedIn?: string;
}

export interface GunicornSetting extends BaseSetting {
  /** argparse action; absent means "store" (one value). */
  action?: 'store_true' | 'store_const' | 'append';
  nargs?: '?';
  const?: string | number | boolean;
  /** argparse parses the value with int(x, 0) (accepts 0o/0x). */
  autoInt?: boolean;
  /** Python source of a computed default (e.g. reads WEB_CONCURRENCY). */
  defaultExpr?: string;
  defaultNewest?: SettingDefault;
  section?: string;
  changedIn?: string;
  debianBackport?: boolean;
}

export interface UvicornSetting extends BaseSetting {
  /** click is_flag: no value; a second spelling (--no-x) sets False. */
  flag?: boolean;
  /** click multiple=True: may repeat, values collect into a list. */
  multiple?: boolean;
  choices?: readonly string[];
}

export interface WaitressSetting extends BaseSetting {
  /** Parsed with int(x, 8). */
  octal?: boolean;
}

export type KnownSetting = GunicornSetting | UvicornSetting | WaitressSetting;
