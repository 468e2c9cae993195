// A Django project, found by its manage.py: the app to measure and its settings module, so that
// `tune calibrate` run in a Django project's folder needs no --app.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

export interface DjangoProject {
  /** The settings module (DJANGO_SETTINGS_MODULE): the environment's, else manage.py's default. */
  settings: string;
  /** `package.wsgi:application` or `package.asgi:application`. */
  app: string;
}

// manage.py as `django-admin startproject` writes it: os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'x.settings').
const SETTINGS_IN_MANAGE = /DJANGO_SETTINGS_MODULE['"]\s*,\s*['"]([A-Za-z_][\w.]*)['"]/;
// settings.py as startproject writes it: WSGI_APPLICATION = 'x.wsgi.application' (ASGI_APPLICATION for Channels).
const APP_SETTING = (kind: 'WSGI' | 'ASGI') => new RegExp(`^${kind}_APPLICATION\\s*=\\s*['"]([A-Za-z_][\\w.]*)\\.([A-Za-z_]\\w*)['"]`, 'm');

/** The settings module manage.py sets by default. (Pure.) */
export function settingsFromManage(text: string): string | undefined {
  return SETTINGS_IN_MANAGE.exec(text)?.[1];
}

/** `module:attr` from the settings' WSGI_APPLICATION / ASGI_APPLICATION. (Pure.) */
export function appFromSettings(text: string, kind: 'WSGI' | 'ASGI'): string | undefined {
  const m = APP_SETTING(kind).exec(text);
  return m ? `${m[1]}:${m[2]}` : undefined;
}

function read(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

/** The Django project in `appDir`, if there is one; `asgi` for the uvicorn classes. */
export function findDjangoProject(appDir: string, asgi: boolean, env: Record<string, string | undefined>): DjangoProject | undefined {
  const manage = read(path.join(appDir, 'manage.py'));
  if (manage === undefined) return undefined;
  const settings = env.DJANGO_SETTINGS_MODULE || settingsFromManage(manage);
  if (!settings) return undefined;
  const kind = asgi ? 'ASGI' : 'WSGI';
  const parts = settings.split('.');
  const settingsText = read(path.join(appDir, ...parts) + '.py') ?? read(path.join(appDir, ...parts, '__init__.py'));
  const named = settingsText === undefined ? undefined : appFromSettings(settingsText, kind);
  if (named) return { settings, app: named };
  // startproject's layout: wsgi.py / asgi.py beside the settings (config/settings/prod.py → config/wsgi.py).
  for (let i = parts.length - 1; i > 0; i--) {
    const pkg = parts.slice(0, i);
    if (existsSync(path.join(appDir, ...pkg, `${kind.toLowerCase()}.py`))) return { settings, app: `${pkg.join('.')}.${kind.toLowerCase()}:application` };
  }
  return undefined;
}
