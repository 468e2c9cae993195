// The setting catalogues (generated from gunicorn 20.1 + benoitc/gunicorn tags to 26.1,
// waitress 2.1.2/3.0.2 and uvicorn 0.17.6/0.51.0) and did-you-mean suggestions.
import { describe, expect, it } from 'vitest';
import {
  GUNICORN_SETTINGS,
  UVICORN_SETTINGS,
  WAITRESS_SETTINGS,
  didYouMean,
  editDistance,
  flagNames,
  knownSetting,
  settingForFlag,
  settingNames,
} from '../../src/check/known-settings.js';

describe('catalogues', () => {
  it('gunicorn: the worker settings with their flags, types and defaults', () => {
    expect(knownSetting('gunicorn', 'workers')).toMatchObject({ type: 'int', cli: ['-w', '--workers'], defaultExpr: "int(os.environ.get('WEB_CONCURRENCY', 1))" });
    expect(knownSetting('gunicorn', 'threads')).toMatchObject({ type: 'int', cli: ['--threads'], default: 1 });
    expect(knownSetting('gunicorn', 'worker_class')).toMatchObject({ type: 'string', cli: ['-k', '--worker-class'], default: 'sync' });
    expect(knownSetting('gunicorn', 'keepalive')).toMatchObject({ type: 'int', cli: ['--keep-alive'], default: 2 });
    expect(knownSetting('gunicorn', 'preload_app')).toMatchObject({ type: 'bool', cli: ['--preload'], action: 'store_true', default: false });
    expect(knownSetting('gunicorn', 'bind')).toMatchObject({ type: 'list', action: 'append', default: ['127.0.0.1:8000'] });
    expect(knownSetting('gunicorn', 'post_fork')).toMatchObject({ type: 'callable', cli: [] });
    expect(knownSetting('gunicorn', 'sendfile')).toMatchObject({ cli: ['--no-sendfile'], action: 'store_const', const: false });
    expect(knownSetting('gunicorn', 'limit_request_field_size')!.cli).toEqual(['--limit-request-field_size']);
  });

  it('gunicorn: settings added after 20.1 are known, with the release that added them', () => {
    expect(knownSetting('gunicorn', 'dirty_workers')).toMatchObject({ type: 'int', default: 0, since: '25.0.0' });
    expect(knownSetting('gunicorn', 'http2_max_concurrent_streams')).toMatchObject({ default: 100, since: '25.0.0' });
    expect(knownSetting('gunicorn', 'control_socket_mode')).toMatchObject({ autoInt: true, default: 0o600, since: '25.1.0' });
    expect(knownSetting('gunicorn', 'asgi_loop')).toMatchObject({ since: '24.0.0' });
    expect(knownSetting('gunicorn', 'proxy_protocol')).toMatchObject({ nargs: '?', const: 'auto', default: 'off', changedIn: '24.1.0' });
    expect(GUNICORN_SETTINGS.length).toBeGreaterThanOrEqual(119);
  });

  it('waitress: adjustments and their waitress-serve flags', () => {
    expect(settingNames('waitress')).toEqual(expect.arrayContaining(['threads', 'connection_limit', 'channel_timeout', 'cleanup_interval', 'backlog', 'recv_bytes', 'send_bytes', 'listen', 'host', 'port']));
    expect(knownSetting('waitress', 'threads')).toMatchObject({ type: 'int', cli: ['--threads'], default: 4 });
    expect(knownSetting('waitress', 'ipv6')).toMatchObject({ type: 'bool', cli: ['--ipv6', '--no-ipv6'] });
    expect(knownSetting('waitress', 'connection_limit')!.default).toBe(100);
    expect(WAITRESS_SETTINGS).toHaveLength(34);
  });

  it('uvicorn: CLI options under Config names, including newer ones', () => {
    expect(knownSetting('uvicorn', 'limit_concurrency')).toMatchObject({ type: 'int', cli: ['--limit-concurrency'], default: null });
    expect(knownSetting('uvicorn', 'timeout_keep_alive')).toMatchObject({ default: 5 });
    expect(knownSetting('uvicorn', 'access_log')).toMatchObject({ cli: ['--access-log', '--no-access-log'], flag: true });
    expect(knownSetting('uvicorn', 'limit_max_requests_jitter')).toMatchObject({ since: '0.41.0' });
    expect(knownSetting('uvicorn', 'timeout_worker_healthcheck')).toMatchObject({ default: 5, since: '0.37.0' });
    expect(knownSetting('uvicorn', 'timeout_notify')).toMatchObject({ cli: [], default: 30 });
    expect(UVICORN_SETTINGS.find((s) => s.name === 'debug')).toMatchObject({ removedIn: '0.19.0' });
  });

  it('flag lookups', () => {
    expect(settingForFlag('gunicorn', '-w')?.name).toBe('workers');
    expect(settingForFlag('uvicorn', '--no-access-log')?.name).toBe('access_log');
    expect(settingForFlag('waitress', '--no-ipv4')?.name).toBe('ipv4');
    expect(settingForFlag('uvicorn', '-w')).toBeUndefined();
    expect(flagNames('gunicorn')).toContain('--max-requests-jitter');
  });
});

describe('didYouMean', () => {
  const gunicorn = settingNames('gunicorn');
  it.each([
    ['worker', 'workers'],
    ['thread', 'threads'],
    ['keep_alive', 'keepalive'],
    ['max_request', 'max_requests'],
    ['wrokers', 'workers'],
    ['Workers', 'workers'],
    ['worker-class', 'worker_class'],
    ['worker_connection', 'worker_connections'],
    ['graceful_timout', 'graceful_timeout'],
    ['preload', 'preload_app'],
    ['backlogg', 'backlog'],
  ])('%s → %s', (name, expected) => {
    expect(didYouMean(name, gunicorn)).toBe(expected);
  });

  it.each(['worker_class', 'workers', 'log_data', 'use_max_workers', 'json', 'x', ''])('%j: nothing to suggest', (name) => {
    expect(didYouMean(name, gunicorn)).toBeUndefined();
  });

  it('works on flags too', () => {
    expect(didYouMean('--wrokers', flagNames('gunicorn'))).toBe('--workers');
    expect(didYouMean('--timeout-keepalive', flagNames('uvicorn'))).toBe('--timeout-keep-alive');
    expect(didYouMean('--connection_limit', flagNames('waitress'))).toBe('--connection-limit');
  });

  it('edit distance counts a swap as one edit', () => {
    expect(editDistance('wrokers', 'workers')).toBe(1);
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('abc', 'xyz', 1)).toBeGreaterThan(1);
  });
});
