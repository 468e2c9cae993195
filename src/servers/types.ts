// Shapes of the generated catalogues (gunicorn.ts, uvicorn.ts, waitress.ts): per server, the versions
// read, and per setting the spans of versions that have it and the forms it took.

export type ServerName = 'gunicorn' | 'uvicorn' | 'waitress';

/** The value a setting holds once the server converted it. */
type ValueType = 'int' | 'float' | 'bool' | 'string' | 'list' | 'dict' | 'callable';

type Json = null | boolean | number | string | readonly Json[] | { readonly [key: string]: Json };

export interface VersionInfo {
  /** A release ("25.0.0"), Debian's build when it differs from the release ("20.1.0+debian"), or unreleased code ("main@65ac1a3"). */
  version: string;
  source: string;
  released: boolean;
  /** The version Debian installs (python3-gunicorn, python3-uvicorn, python3-waitress). */
  debian?: boolean;
}

/** Versions from `since` (included) up to `until` (the first version without the item). */
export interface Span {
  since: string;
  until?: string;
}

export interface Default {
  /** The value: a literal, or what `expr` gives with an empty environment on Linux (tuples and sets as arrays). */
  value?: Json;
  /** Python source of a computed default (os.environ.get(...), ssl.CERT_NONE, a hook's signature). */
  expr?: string;
}

interface BaseForm {
  /** First version with this form (it holds until the next form or the end of the setting's spans). */
  since: string;
  /** Command-line spellings; empty when only a config file / Python call can set it. */
  flags: readonly string[];
  /** Environment variables the server itself reads for this setting, first wins. */
  env: readonly string[];
  type: ValueType;
  /** The server's validator/converter, implemented in validators.ts under this name. */
  validator: string;
  default?: Default;
}

export interface GunicornForm extends BaseForm {
  section: string;
  /** argparse action; present when the setting has flags. */
  action?: 'store' | 'store_true' | 'store_const' | 'append';
  /** argparse `type` for action "store": int() or auto_int (int(x, 0) after 0NNN → 0oNNN); absent: str. */
  argType?: 'int' | 'auto_int';
  nargs?: string;
  const?: Json;
  metavar?: string;
  /** Arguments of a validator factory: validate_callable(arity). */
  validatorArgs?: readonly Json[];
}

export interface UvicornForm extends BaseForm {
  /** click switch: no value; `falseFlags` (--no-x) set False. */
  isFlag?: boolean;
  falseFlags?: readonly string[];
  /** click multiple=True: repeatable, values collect into a tuple. */
  multiple?: boolean;
  hidden?: boolean;
  /** click.Choice choices. */
  choices?: readonly string[];
  caseSensitive?: boolean;
  /** click.Path arguments (exists=True …). */
  path?: { readonly [key: string]: Json };
  /** uvicorn.Config's own default when it differs from the command line's (or there is no option). */
  apiDefault?: Default;
}

export interface WaitressForm extends BaseForm {
  /** asbool adjustments: --name sets "true", --no-name "false". */
  falseFlags?: readonly string[];
}

export interface Entry<F> {
  name: string;
  spans: readonly Span[];
  forms: readonly F[];
}

/** A command-line option that is not a setting (--help, --version, waitress-serve --call). */
export interface OptionForm {
  since: string;
  flags?: readonly string[];
  action?: string;
  isFlag?: boolean;
  takesValue?: boolean;
  positional?: boolean;
  nargs?: string;
}

interface WorkerForm {
  since: string;
  /** Import path of the worker class. */
  class: string;
  /** The source's deprecation note, when it has one. */
  deprecated?: string;
}

/** When a validator's code (with the constants and helpers it uses) changed. */
export type ValidatorHistory = Readonly<Record<string, readonly { since: string; fingerprint: string }[]>>;

interface Catalogue<S extends ServerName, F> {
  server: S;
  versions: readonly VersionInfo[];
  settings: readonly Entry<F>[];
  options: readonly Entry<OptionForm>[];
}

export interface GunicornCatalogue extends Catalogue<'gunicorn', GunicornForm> {
  validators: ValidatorHistory;
  workers: readonly Entry<WorkerForm>[];
}

export interface WaitressCatalogue extends Catalogue<'waitress', WaitressForm> {
  validators: ValidatorHistory;
}

/** What a gunicorn worker class for uvicorn passes on: fixed Config kwargs per class, and kwargs taken from gunicorn. */
interface GunicornWorkerModule {
  module: string;
  classes: readonly Entry<{ since: string; config: Readonly<Record<string, string>>; deprecated?: string }>[];
  /** By uvicorn.Config argument: the expression and the gunicorn settings it reads. */
  kwargs: readonly Entry<{ since: string; expr: string; gunicorn: readonly string[]; note?: string }>[];
}

export interface UvicornCatalogue extends Catalogue<'uvicorn', UvicornForm> {
  /** click auto_envvar_prefix: every option also reads <prefix>_<NAME>. */
  envPrefix: string;
  gunicornWorker: GunicornWorkerModule;
}

export interface UvicornWorkerCatalogue {
  package: string;
  versions: readonly VersionInfo[];
  gunicornWorker: GunicornWorkerModule;
}

export type AnyForm = GunicornForm | UvicornForm | WaitressForm;

/** One setting as it is in one version (or the newest that has it). */
export type SettingAt<F extends AnyForm = AnyForm> = F & {
  server: ServerName;
  name: string;
  /** The version this form was read for. */
  version: string;
  /** First version with the setting; `removedIn`: first version after its last span (absent when the newest has it). */
  firstSeen: string;
  removedIn?: string;
};
