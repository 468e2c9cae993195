// How `tune check` looks settings up in the catalogue (src/servers, generated from gunicorn 20.1 +
// benoitc/gunicorn tags to 26.1, waitress 2.1.2 … 3.0.2, uvicorn 0.17.6 … 0.51.0; its own tests are
// in test/servers), and did-you-mean suggestions.
import { describe, expect, it } from 'vitest';
import { didYouMean, editDistance, flagNames, knownSetting, settingForFlag, settingNames } from '../../src/check/known-settings.js';

describe('catalogue lookups', () => {
  it('gunicorn: the worker settings with their flags, types and defaults', () => {
    expect(knownSetting('gunicorn', 'workers')).toMatchObject({ type: 'int', flags: ['-w', '--workers'], default: { expr: "int(os.environ.get('WEB_CONCURRENCY', 1))" } });
    expect(knownSetting('gunicorn', 'threads')).toMatchObject({ type: 'int', flags: ['--threads'], default: { value: 1 } });
    expect(knownSetting('gunicorn', 'worker_class')).toMatchObject({ type: 'string', flags: ['-k', '--worker-class'], default: { value: 'sync' } });
    expect(knownSetting('gunicorn', 'keepalive')).toMatchObject({ type: 'int', flags: ['--keep-alive'], default: { value: 2 } });
    expect(knownSetting('gunicorn', 'preload_app')).toMatchObject({ type: 'bool', flags: ['--preload'], action: 'store_true', default: { value: false } });
    expect(knownSetting('gunicorn', 'bind')).toMatchObject({ type: 'list', action: 'append', default: { value: ['127.0.0.1:8000'] } });
    expect(knownSetting('gunicorn', 'post_fork')).toMatchObject({ type: 'callable', flags: [] });
    expect(knownSetting('gunicorn', 'sendfile')).toMatchObject({ flags: ['--no-sendfile'], action: 'store_const', const: false });
    expect(knownSetting('gunicorn', 'limit_request_field_size')!.flags).toEqual(['--limit-request-field_size']);
  });

  it('gunicorn: settings added after 20.1 are known, with the release that added them', () => {
    expect(knownSetting('gunicorn', 'dirty_workers')).toMatchObject({ type: 'int', default: { value: 0 }, firstSeen: '25.0.0' });
    expect(knownSetting('gunicorn', 'http2_max_concurrent_streams')).toMatchObject({ default: { value: 100 }, firstSeen: '25.0.0' });
    expect(knownSetting('gunicorn', 'control_socket_mode')).toMatchObject({ argType: 'auto_int', default: { value: 0o600 }, firstSeen: '25.1.0' });
    expect(knownSetting('gunicorn', 'asgi_loop')).toMatchObject({ firstSeen: '24.0.0' });
    expect(knownSetting('gunicorn', 'proxy_protocol')).toMatchObject({ nargs: '?', const: 'auto', default: { value: 'off' }, since: '24.1.0' });
    expect(settingNames('gunicorn').length).toBeGreaterThanOrEqual(119);
  });

  it('waitress: adjustments and their waitress-serve flags', () => {
    expect(settingNames('waitress')).toEqual(expect.arrayContaining(['threads', 'connection_limit', 'channel_timeout', 'cleanup_interval', 'backlog', 'recv_bytes', 'send_bytes', 'listen', 'host', 'port']));
    expect(knownSetting('waitress', 'threads')).toMatchObject({ type: 'int', flags: ['--threads'], default: { value: 4 } });
    expect(knownSetting('waitress', 'ipv6')).toMatchObject({ type: 'bool', flags: ['--ipv6', '--no-ipv6'] });
    expect(knownSetting('waitress', 'connection_limit')!.default).toEqual({ value: 100 });
    expect(settingNames('waitress')).toHaveLength(34);
  });

  it('uvicorn: CLI options under Config names, including newer ones', () => {
    expect(knownSetting('uvicorn', 'limit_concurrency')).toMatchObject({ type: 'int', flags: ['--limit-concurrency'], default: { value: null } });
    expect(knownSetting('uvicorn', 'timeout_keep_alive')).toMatchObject({ default: { value: 5 } });
    expect(knownSetting('uvicorn', 'access_log')).toMatchObject({ flags: ['--access-log', '--no-access-log'], isFlag: true });
    expect(knownSetting('uvicorn', 'limit_max_requests_jitter')).toMatchObject({ firstSeen: '0.41.0' });
    expect(knownSetting('uvicorn', 'timeout_worker_healthcheck')).toMatchObject({ default: { value: 5 }, firstSeen: '0.37.0' });
    expect(knownSetting('uvicorn', 'timeout_notify')).toMatchObject({ flags: [], apiDefault: { value: 30 } });
    expect(knownSetting('uvicorn', 'debug')).toMatchObject({ removedIn: '0.19.0' });
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
