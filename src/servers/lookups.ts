// Lookups over the generated catalogues of gunicorn, uvicorn and waitress settings. A `version` is
// any version text ("25.0", "20.1.0-6+deb12u1", "main@65ac1a3"); it resolves to the catalogue version
// in effect (resolveVersion). Without a version, lookups answer for the newest version that has the
// setting, and name/flag lists cover every version the catalogue knows.
import { GUNICORN } from './gunicorn.js';
import { UVICORN, UVICORN_WORKER } from './uvicorn.js';
import { WAITRESS } from './waitress.js';
import type { AnyForm, Default, Entry, GunicornForm, OptionForm, ServerName, SettingAt, UvicornForm, VersionInfo, WaitressForm } from './types.js';
import { compareVersions, formAt, newestWith, resolveIn, versionKey } from './versions.js';

export { GUNICORN, UVICORN, UVICORN_WORKER, WAITRESS };

interface FormOf {
  gunicorn: GunicornForm;
  uvicorn: UvicornForm;
  waitress: WaitressForm;
}
const CATALOGUES = { gunicorn: GUNICORN, uvicorn: UVICORN, waitress: WAITRESS } as const;

export function versionsOf(server: ServerName): readonly VersionInfo[] {
  return CATALOGUES[server].versions;
}

/** The newest version known (`released`: the newest release, leaving out unreleased code). */
export function newestVersion(server: ServerName, opts: { released?: boolean } = {}): string {
  const list = versionsOf(server).filter((v) => !opts.released || v.released);
  return list.at(-1)!.version;
}

/** The version Debian installs, as the catalogue names it. */
export function debianVersion(server: ServerName): string | undefined {
  return versionsOf(server).find((v) => v.debian)?.version;
}

export function resolveVersion(server: ServerName, version?: string): string {
  return resolveIn(versionsOf(server), version);
}

/** Whether the catalogue covers `version`: one of its labels, or not older than its oldest version. */
export function covers(server: ServerName, version: string): boolean {
  const list = versionsOf(server);
  return list.some((v) => v.version === version) || (versionKey(version) !== undefined && compareVersions(version, list[0]!.version) >= 0);
}

function at<F extends AnyForm>(server: ServerName, entry: Entry<F>, version: string): SettingAt<F> | undefined {
  const form = formAt(versionsOf(server), entry, version);
  if (!form) return undefined;
  const until = entry.spans.at(-1)!.until;
  return { ...form, server, name: entry.name, version, firstSeen: entry.spans[0]!.since, ...(until ? { removedIn: until } : {}) };
}

function entries<S extends ServerName>(server: S): readonly Entry<FormOf[S]>[] {
  return CATALOGUES[server].settings as readonly Entry<FormOf[S]>[];
}

/** A setting by the server's own name, as it is in `version` (undefined when that version lacks it). */
export function setting<S extends ServerName>(server: S, name: string, version?: string): SettingAt<FormOf[S]> | undefined {
  const entry = entries(server).find((e) => e.name === name);
  if (!entry) return undefined;
  return at(server, entry, version === undefined ? newestWith(versionsOf(server), entry) : resolveVersion(server, version));
}

/** Every setting present in `version` (without one: every setting at its newest). */
export function settings<S extends ServerName>(server: S, version?: string): SettingAt<FormOf[S]>[] {
  const v = version === undefined ? undefined : resolveVersion(server, version);
  return entries(server)
    .map((e) => at(server, e, v ?? newestWith(versionsOf(server), e)))
    .filter((s): s is SettingAt<FormOf[S]> => s !== undefined);
}

/** The setting an exact command-line spelling sets ("-w", "--no-access-log"). */
export function settingByFlag<S extends ServerName>(server: S, flag: string, version?: string): SettingAt<FormOf[S]> | undefined {
  return settings(server, version).find((s) => s.flags.includes(flag));
}

export function settingNames(server: ServerName, version?: string): string[] {
  return settings(server, version).map((s) => s.name);
}

export function flagNames(server: ServerName, version?: string): string[] {
  return [...new Set(settings(server, version).flatMap((s) => s.flags))];
}

/** Environment variables the server reads for a setting, first wins (e.g. uvicorn workers: UVICORN_WORKERS, WEB_CONCURRENCY). */
export function envVarsOf(server: ServerName, name: string, version?: string): readonly string[] {
  return setting(server, name, version)?.env ?? [];
}

/** The default (uvicorn: the command line's; `api: true` for uvicorn.Config's own). */
export function defaultOf(server: ServerName, name: string, version?: string, opts: { api?: boolean } = {}): Default | undefined {
  const s = setting(server, name, version);
  if (!s) return undefined;
  if (server === 'uvicorn' && (opts.api || s.default === undefined)) return (s as UvicornForm).apiDefault ?? s.default;
  return s.default;
}

/** Command-line options that are not settings (--help, --version, waitress-serve --call). */
export function optionsOf(server: ServerName, version?: string): (OptionForm & { name: string })[] {
  const v = resolveVersion(server, version);
  return CATALOGUES[server].options.flatMap((e) => {
    const form = formAt(versionsOf(server), e, v);
    return form ? [{ ...form, name: e.name }] : [];
  });
}

export interface GunicornWorker {
  name: string;
  class: string;
  deprecated?: string;
  firstSeen: string;
  removedIn?: string;
}

/** gunicorn's built-in worker classes (`-k sync`, `-k asgi` …) in `version` (default: the newest known). */
export function gunicornWorkers(version?: string): GunicornWorker[] {
  const v = resolveVersion('gunicorn', version);
  return GUNICORN.workers.flatMap((e) => {
    const form = formAt(GUNICORN.versions, e, v);
    if (!form) return [];
    const until = e.spans.at(-1)!.until;
    return [{ name: e.name, class: form.class, ...(form.deprecated ? { deprecated: form.deprecated } : {}), firstSeen: e.spans[0]!.since, ...(until ? { removedIn: until } : {}) }];
  });
}
