// The catalogue's lookups, the version facts it was generated to hold, and its guard: every
// validator code version it lists has a TypeScript implementation.
import { describe, expect, it } from 'vitest';
import {
  covers, debianVersion, defaultOf, envVarsOf, flagNames, GUNICORN, gunicornWorkers, newestVersion, optionsOf, resolveVersion,
  setting, settingByFlag, settingNames, UVICORN, UVICORN_WORKER, WAITRESS,
} from '../../src/servers/lookups.js';
import { compareVersions } from '../../src/servers/versions.js';
import { IMPLEMENTATIONS, validateSetting } from '../../src/servers/validators.js';

describe('versions', () => {
  it('lists the releases read, Debian builds and unreleased code, oldest first', () => {
    expect(GUNICORN.versions[0]!.version).toBe('20.1.0');
    expect(debianVersion('gunicorn')).toBe('20.1.0+debian'); // Debian backports tolerate_dangerous_framing
    expect(debianVersion('uvicorn')).toBe('0.17.6'); // same files as the tag
    expect(debianVersion('waitress')).toBe('2.1.2');
    expect(newestVersion('gunicorn', { released: true })).toBe('26.1.0');
    expect(newestVersion('uvicorn', { released: true })).toBe('0.51.0');
    expect(newestVersion('waitress', { released: true })).toBe('3.0.2');
    for (const server of ['gunicorn', 'uvicorn', 'waitress'] as const) {
      const released = (server === 'gunicorn' ? GUNICORN : server === 'uvicorn' ? UVICORN : WAITRESS).versions.filter((v) => v.released);
      for (let i = 1; i < released.length; i++) expect(compareVersions(released[i - 1]!.version, released[i]!.version)).toBeLessThan(0);
    }
  });

  it('resolves any version text to the catalogue version in effect', () => {
    expect(resolveVersion('gunicorn', '25.0')).toBe('25.0.0');
    expect(resolveVersion('gunicorn', '20.1.0-6+deb12u1')).toBe('20.1.0+debian');
    expect(resolveVersion('gunicorn', '27.0.1')).toBe(newestVersion('gunicorn')); // newer than known: the newest
    expect(resolveVersion('uvicorn', '0.24.0.post1')).toBe('0.24.0.post1');
    expect(resolveVersion('uvicorn', '0.30')).toBe('0.30.0');
    expect(covers('gunicorn', '19.9.0')).toBe(false);
    expect(covers('gunicorn', '23')).toBe(true);
  });
});

describe('gunicorn', () => {
  it('settings by name and flag, with argparse details', () => {
    expect(setting('gunicorn', 'workers')).toMatchObject({ flags: ['-w', '--workers'], action: 'store', argType: 'int', validator: 'validate_pos_int', env: ['WEB_CONCURRENCY'], default: { expr: "int(os.environ.get('WEB_CONCURRENCY', 1))", value: 1 } });
    expect(setting('gunicorn', 'umask')).toMatchObject({ argType: 'auto_int', default: { value: 0 } });
    expect(setting('gunicorn', 'sendfile')).toMatchObject({ flags: ['--no-sendfile'], action: 'store_const', const: false, env: ['SENDFILE'] });
    expect(setting('gunicorn', 'bind')).toMatchObject({ action: 'append', env: ['PORT'], default: { value: ['127.0.0.1:8000'] } });
    expect(setting('gunicorn', 'post_fork')).toMatchObject({ type: 'callable', validator: 'validate_callable', validatorArgs: [2], flags: [] });
    expect(settingByFlag('gunicorn', '-k')?.name).toBe('worker_class');
    expect(settingByFlag('gunicorn', '--limit-request-field_size')?.name).toBe('limit_request_field_size');
  });

  it('what changed between versions', () => {
    expect(setting('gunicorn', 'proxy_protocol', '24.0.0')).toMatchObject({ action: 'store_true', validator: 'validate_bool' });
    expect(setting('gunicorn', 'proxy_protocol', '24.1.0')).toMatchObject({ action: 'store', nargs: '?', const: 'auto', validator: 'validate_proxy_protocol', default: { value: 'off' } });
    expect(defaultOf('gunicorn', 'forwarded_allow_ips', '22.0.0')).toMatchObject({ value: '127.0.0.1' });
    expect(defaultOf('gunicorn', 'forwarded_allow_ips', '23.0.0')).toMatchObject({ value: '127.0.0.1,::1' });
    expect(setting('gunicorn', 'statsd_host', '21.0.0')!.validator).toBe('validate_statsd_address');
    expect(setting('gunicorn', 'tolerate_dangerous_framing', '21.2.0')).toBeUndefined();
    expect(setting('gunicorn', 'tolerate_dangerous_framing')).toMatchObject({ firstSeen: '20.1.0+debian', removedIn: '23.0.0' });
    expect(setting('gunicorn', 'http2_max_concurrent_streams', '24.1.1')).toBeUndefined();
    expect(setting('gunicorn', 'http2_max_concurrent_streams', '25.0.0')).toMatchObject({ section: 'HTTP/2', default: { value: 100 } });
    expect(setting('gunicorn', 'asgi_disconnect_grace_period')!.firstSeen).toBe('25.0.2');
    expect(setting('gunicorn', 'control_socket', '25.1.0')!.default).toEqual({ value: 'gunicorn.ctl' });
    expect(setting('gunicorn', 'control_socket', '25.2.0')).toMatchObject({ env: ['XDG_RUNTIME_DIR'], default: { expr: '_get_default_control_socket()' } });
    expect(settingNames('gunicorn', '20.1.0')).toHaveLength(85);
    expect(settingNames('gunicorn').length).toBeGreaterThanOrEqual(120);
    expect(flagNames('gunicorn', '24.0.0')).toContain('--asgi-loop');
    expect(flagNames('gunicorn', '23.0.0')).not.toContain('--asgi-loop');
  });

  it('built-in workers per version: asgi from 24.0, eventlet deprecated in 25.x and gone in 26.0', () => {
    const names = (v?: string) => gunicornWorkers(v).map((w) => w.name);
    expect(names('20.1.0')).toEqual(['sync', 'eventlet', 'gevent', 'gevent_wsgi', 'gevent_pywsgi', 'tornado', 'gthread']);
    expect(names('24.0.0')).toContain('asgi');
    expect(gunicornWorkers('25.3.0').find((w) => w.name === 'eventlet')).toMatchObject({ deprecated: expect.stringContaining('26.0'), removedIn: '26.0.0' });
    expect(names('26.0.0')).not.toContain('eventlet');
    expect(gunicornWorkers().find((w) => w.name === 'asgi')).toMatchObject({ class: 'gunicorn.workers.gasgi.ASGIWorker', firstSeen: '24.0.0' });
    expect(optionsOf('gunicorn').map((o) => o.name)).toEqual(['--version', 'args']);
  });
});

describe('uvicorn', () => {
  it('click options, their UVICORN_* variables and Config defaults', () => {
    expect(setting('uvicorn', 'access_log')).toMatchObject({ flags: ['--access-log', '--no-access-log'], falseFlags: ['--no-access-log'], isFlag: true, env: ['UVICORN_ACCESS_LOG'] });
    expect(envVarsOf('uvicorn', 'workers')).toEqual(['UVICORN_WORKERS', 'WEB_CONCURRENCY']);
    expect(setting('uvicorn', 'reload_dirs')).toMatchObject({ type: 'list', multiple: true, validator: 'click.Path', path: { exists: true } });
    expect(defaultOf('uvicorn', 'timeout_notify')).toEqual({ value: 30 });
    expect(defaultOf('uvicorn', 'log_config', undefined, { api: true })).toEqual({ expr: 'LOGGING_CONFIG' });
  });

  it('what changed between versions', () => {
    expect(setting('uvicorn', 'debug')).toMatchObject({ removedIn: '0.19.0', hidden: true });
    expect(setting('uvicorn', 'loop', '0.35.0')).toMatchObject({ validator: 'click.Choice', choices: ['auto', 'asyncio', 'uvloop'] });
    expect(setting('uvicorn', 'loop', '0.36.0')).toMatchObject({ validator: 'click.STRING' }); // custom loop factories
    expect(setting('uvicorn', 'ws', '0.35.0')!.choices).toContain('websockets-sansio');
    expect(defaultOf('uvicorn', 'ssl_ciphers', '0.47.0')).toEqual({ value: 'TLSv1' });
    expect(defaultOf('uvicorn', 'ssl_ciphers', '0.48.0')).toEqual({ value: null });
    expect(setting('uvicorn', 'limit_max_requests_jitter')!.firstSeen).toBe('0.41.0');
    expect(setting('uvicorn', 'timeout_worker_healthcheck')!.firstSeen).toBe('0.37.0');
  });

  it('the gunicorn worker classes and what they pass on', () => {
    const cls = UVICORN.gunicornWorker.classes.find((c) => c.name === 'UvicornWorker')!;
    expect(cls.forms.at(-1)).toMatchObject({ since: '0.30.0', deprecated: expect.stringContaining('uvicorn-worker') });
    const kw = Object.fromEntries(UVICORN_WORKER.gunicornWorker.kwargs.map((k) => [k.name, k.forms.at(-1)!.gunicorn]));
    expect(kw).toMatchObject({ timeout_keep_alive: ['keepalive'], timeout_notify: ['timeout'], limit_max_requests: ['max_requests', 'max_requests_jitter'], backlog: ['backlog'] });
    expect(kw.ssl_keyfile_password).toEqual([]);
  });
});

describe('waitress', () => {
  it('adjustments, converters and waitress-serve flags', () => {
    expect(setting('waitress', 'threads')).toMatchObject({ flags: ['--threads'], validator: 'int', default: { value: 4 } });
    expect(setting('waitress', 'ipv6')).toMatchObject({ flags: ['--ipv6', '--no-ipv6'], falseFlags: ['--no-ipv6'], validator: 'asbool' });
    expect(setting('waitress', 'unix_socket_perms')).toMatchObject({ validator: 'asoctal', default: { value: 0o600 } });
    expect(defaultOf('waitress', 'clear_untrusted_proxy_headers', '2.1.2')).toEqual({ expr: '_bool_marker', value: false });
    expect(defaultOf('waitress', 'clear_untrusted_proxy_headers', '3.0.0')).toEqual({ value: true });
    expect(optionsOf('waitress', '3.0.2').map((o) => o.name)).toEqual(['--help', '--call']);
    expect(optionsOf('waitress').map((o) => o.name)).toEqual(['--help', '--call', '--app']);
  });
});

describe('validators', () => {
  it('every validator code version in the catalogue has an implementation (a regeneration that changes one fails here)', () => {
    for (const [server, cat] of [['gunicorn', GUNICORN], ['waitress', WAITRESS]] as const) {
      const missing = Object.entries(cat.validators).flatMap(([name, history]) =>
        history.filter((h) => !(IMPLEMENTATIONS[server][name] ?? []).some((i) => i.fingerprints.includes(h.fingerprint))).map((h) => `${name}@${h.since} (${h.fingerprint})`),
      );
      expect(missing, server).toEqual([]);
      const named = new Set(cat.settings.flatMap((e) => e.forms.map((f) => f.validator)));
      expect([...named].filter((n) => !IMPLEMENTATIONS[server][n]), server).toEqual([]);
    }
  });

  it('a setting accepted exactly as the server accepts it', () => {
    expect(validateSetting('gunicorn', 'worker_connections', '1000')).toMatchObject({ ok: true, value: { kind: 'int', value: 1000n } });
    expect(validateSetting('gunicorn', 'preload_app', 'true')).toMatchObject({ ok: true, value: { kind: 'bool', value: true } });
    expect(validateSetting('gunicorn', 'workers', 'abc')).toMatchObject({ ok: false, type: 'ValueError', message: "invalid literal for int() with base 0: 'abc'" });
    expect(validateSetting('gunicorn', 'workers', 'abc', { via: 'cli' })).toMatchObject({ ok: false, message: "argument -w/--workers: invalid int value: 'abc'" });
    expect(validateSetting('gunicorn', 'umask', '0o22', { via: 'cli' })).toMatchObject({ ok: true, value: { value: 18n } });
    expect(validateSetting('gunicorn', 'workers', ' 4 ', { via: 'env' })).toMatchObject({ ok: true, value: { value: 4n } });
    expect(validateSetting('uvicorn', 'port', 'x', { via: 'env' })).toMatchObject({ ok: false, message: "Invalid value for '--port': 'x' is not a valid integer." });
    expect(validateSetting('uvicorn', 'reload_dirs', 'a b', { via: 'env' })).toMatchObject({ ok: 'unchecked' });
    expect(validateSetting('uvicorn', 'headers', 'a:1 b:2', { via: 'env' })).toMatchObject({ ok: true, value: { kind: 'tuple', items: [{ value: 'a:1' }, { value: 'b:2' }] } });
    expect(validateSetting('uvicorn', 'workers', '2x', { via: 'env', envVar: 'WEB_CONCURRENCY' })).toMatchObject({ ok: false, type: 'ValueError' });
    expect(validateSetting('waitress', 'unix_socket_perms', '660')).toMatchObject({ ok: true, value: { value: 432n } });
    expect(validateSetting('waitress', 'nosuch', '1')).toBeUndefined();
  });
});
