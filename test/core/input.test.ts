import { describe, expect, it } from 'vitest';
import { parseInput } from '../../src/core/input.js';
import { recommend } from '../../src/core/recommend.js';

describe('parseInput', () => {
  it('normalises units and fills defaults per workload', () => {
    const r = parseInput({ cpus: '500m', mem: '512Mi', workload: 'io' });
    expect(r.ok && r.input).toMatchObject({ cpus: 0.5, memBytes: 512 * 2 ** 20, workerClass: 'gthread', latencyMs: 200, latencySource: 'default', headroom: 0.1, app: 'app:app', bind: '0.0.0.0:8000' });
  });

  it.each([
    [{ cpus: 0 }, 'cpus', /greater than 0/],
    [{ cpus: 'NaN' }, 'cpus', /CPU count/],
    [{ mem: '1m' }, 'mem', /at least 16 MiB/],
    [{ workerClass: 'eventlet' }, 'workerClass', /one of sync, gthread/],
    [{ users: 2.5 }, 'users', /whole number/],
    [{ rps: -3 }, 'rps', /greater than 0/],
    [{ headroom: 1 }, 'headroom', /fraction/],
    [{ app: 'x:app"\nimport os' }, 'app', /module:attribute/],
    [{ bind: '0.0.0.0:80\nworkers = 99' }, 'bind', /host:port/],
    [{ bind: "a'b:1" }, 'bind', /host:port/],
    [{ preload: 'maybe' }, 'preload', /boolean/],
    [{ nope: 1 }, '', /unknown field/],
  ])('%j is refused on %s', (extra, field, message) => {
    const r = parseInput({ cpus: 2, mem: '2g', ...extra });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.errors[0]!.field).toBe(field);
      expect(r.errors[0]!.message).toMatch(message);
    }
  });

  it('accepts factories, unix sockets and IPv6 binds, and the servers get them apart', () => {
    const uds = parseInput({ cpus: 1, mem: '1g', workerClass: 'uvicorn', app: 'pkg.web:create_app()', bind: 'unix:/run/app.sock' });
    expect(uds.ok && uds.input).toMatchObject({ app: 'pkg.web:create_app()', bind: 'unix:/run/app.sock' });
    // uvicorn takes a socket as --uds and a host without its brackets.
    if (uds.ok) expect(recommend(uds.input).settings).toMatchObject({ uds: '/run/app.sock' });
    const v6 = parseInput({ cpus: 1, mem: '1g', workerClass: 'uvicorn', bind: '[::1]:8000' });
    expect(v6.ok && recommend(v6.input).settings).toMatchObject({ host: '::1', port: 8000 });
  });
});
