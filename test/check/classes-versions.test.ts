// Worker classes outside the model's list, and the server versions a project pins.
import { describe, expect, it } from 'vitest';
import { findPins, pinnedVersion, satisfies } from '../../src/check/pins.js';
import { baseClass, classifyWorkerClass } from '../../src/check/worker-classes.js';
import { codes, file, run, values } from './helpers.js';

const cmd = (command: string, opts: Parameters<typeof run>[1] = {}) => run([], { cmd: command, ...opts });

describe('worker classes', () => {
  it.each([
    ['meinheld.gmeinheld.MeinheldWorker', { status: 'unmodelled', family: 'meinheld', nearest: 'uvicorn-worker', basis: 'family' }],
    ['aiohttp.worker.GunicornUVLoopWebWorker', { status: 'unmodelled', family: 'aiohttp', nearest: 'uvicorn-worker' }],
    ['aiohttp.GunicornWebWorker', { status: 'unmodelled', family: 'aiohttp' }],
    ['egg:meinheld#gunicorn_worker', { status: 'unmodelled', family: 'meinheld' }],
    ['egg:gunicorn#gevent', { status: 'model', workerClass: 'gevent', builtin: 'gevent' }],
    ['gevent_pywsgi', { status: 'model', workerClass: 'gevent' }],
    ['uvicorn.workers.UvicornH11Worker', { status: 'model', workerClass: 'uvicorn-worker' }],
    ['tornado', { status: 'unmodelled', family: 'tornado', nearest: 'uvicorn-worker', basis: 'known' }],
    ['myproject.workers.ConfigurableWorker', { status: 'unmodelled', nearest: 'sync', basis: 'nothing' }],
    ['gevnt', { status: 'invalid', suggestion: 'gevent' }],
    ['gunicorn.workers.nope.Worker', { status: 'invalid' }],
  ])('%s (gunicorn 26.1)', (value, expected) => {
    expect(classifyWorkerClass(value, '26.1.0')).toMatchObject(expected);
  });
  it('eventlet: removed in 26.0, deprecated in 25, plain before', () => {
    expect(classifyWorkerClass('eventlet', '26.1.0')).toMatchObject({ status: 'removed', removedIn: '26.0.0', nearest: 'gevent' });
    expect(classifyWorkerClass('eventlet', '25.1.0')).toMatchObject({ status: 'unmodelled', family: 'eventlet', nearest: 'gevent', deprecated: 'DEPRECATED: will be removed in 26.0' });
    expect(classifyWorkerClass('eventlet', '23.0.0')).not.toHaveProperty('deprecated');
  });
  it('-k asgi exists from gunicorn 24', () => {
    expect(classifyWorkerClass('asgi', '24.0.0')).toMatchObject({ status: 'model', workerClass: 'asgi' });
    expect(classifyWorkerClass('asgi', '23.0.0')).toEqual({ status: 'invalid', value: 'asgi', since: '24.0.0' });
  });
  it("a project's own class is judged by its base class when its module is found", () => {
    const module = 'from uvicorn.workers import UvicornWorker\n\nclass ConfigurableWorker(UvicornWorker):\n    CONFIG_KWARGS = {}\n';
    expect(baseClass(module, 'ConfigurableWorker', 'paperless.workers')).toBe('uvicorn.workers.UvicornWorker');
    const r = run([file('gunicorn.conf.py', 'gunicorn-conf', 'worker_class = "paperless.workers.ConfigurableWorker"\nworkers = 2\n')], { extra: { 'src/paperless/workers.py': module } });
    expect(r.targets[0]).toMatchObject({ workerClass: 'uvicorn-worker' });
  });
  it('an unmodelled class is judged as its nearest kind, said, and its budget still judged', () => {
    const r = cmd('gunicorn -w 20 -k meinheld.gmeinheld.MeinheldWorker app:app');
    expect(r.targets[0]).toMatchObject({ judgedAs: { family: 'meinheld', workerClass: 'uvicorn-worker', basis: 'family' } });
    expect(r.targets[0]).not.toHaveProperty('workerClass');
    expect(r.findings.find((f) => f.code === 'UNMODELLED_WORKER_CLASS')?.severity).toBe('info');
    expect(codes(r)).toContain('DOES_NOT_FIT');
  });
  it('no warning built on a guess: keepalive on a class that is not known to be sync', () => {
    const guessed = run([file('gunicorn.conf.py', 'gunicorn-conf', 'import importlib.util\nkeepalive = 5\nif importlib.util.find_spec("gevent"):\n    worker_class = "gevent"\n')]);
    expect(codes(guessed)).toContain('UNEVALUATED');
    expect(codes(guessed)).not.toContain('SYNC_KEEPALIVE');
    expect(codes(cmd('gunicorn --keep-alive 5 -k myproject.Worker app:app'))).not.toContain('SYNC_KEEPALIVE');
    expect(codes(cmd('gunicorn --keep-alive 5 app:app'))).toContain('SYNC_KEEPALIVE');
  });
});

describe('versions', () => {
  it('pins: requirements, Poetry caret, PEP 621, lock files win', () => {
    const pins = findPins([
      { path: 'requirements.txt', text: '# web\ngunicorn[gevent]>=25,<26 ; python_version >= "3.9"\nwaitress~=2.1\n' },
      { path: 'pyproject.toml', text: '[tool.poetry.dependencies]\nuvicorn = {extras = ["standard"], version = "^0.23.1"}\n' },
      { path: 'uv.lock', text: '[[package]]\nname = "gunicorn"\nversion = "25.0.1"\nsource = { registry = "https://pypi.org/simple" }\n' },
    ]);
    expect(pins).toEqual({
      gunicorn: { spec: '25.0.1', file: 'uv.lock', line: 3, locked: true },
      waitress: { spec: '~=2.1', file: 'requirements.txt', line: 3, locked: false },
      uvicorn: { spec: '^0.23.1', file: 'pyproject.toml', line: 2, locked: false },
    });
    expect(pinnedVersion('uvicorn', pins.uvicorn!)).toEqual({ version: '0.23.2' });
    expect(pinnedVersion('waitress', pins.waitress!)).toEqual({ version: '2.1.2' });
    expect(pinnedVersion('gunicorn', { spec: '==19.9.0', file: 'r', locked: false })).toEqual({ version: '20.1.0', older: true });
  });
  it.each([
    ['25.3.0', '>=25,<26', true],
    ['26.0.0', '>=25,<26', false],
    ['0.23.2', '^0.23.1', true],
    ['0.24.0', '^0.23.1', false],
    ['21.2.0', '~=21.2', true],
    ['22.0.0', '~=21.2', false],
    ['20.1.0', '==20.*', true],
    ['20.1.0', '', true],
  ])('%s satisfies %j: %s', (v, spec, ok) => {
    expect(satisfies(v, spec)).toBe(ok);
  });
  it('eventlet is an error under a pinned gunicorn 26 and a warning under 25; the version is said', () => {
    const pin = (v: string) => ({ pinFiles: [{ path: 'requirements.txt', text: `gunicorn==${v}\n` }] });
    const r26 = cmd('gunicorn -k eventlet app:app', pin('26.1.0'));
    expect(r26.findings.find((f) => f.code === 'REMOVED_WORKER_CLASS')).toMatchObject({ severity: 'error', args: { removedIn: '26.0.0', version: '26.1.0' } });
    const r25 = cmd('gunicorn -k eventlet app:app', pin('25.1.0'));
    expect(r25.summary.errors).toBe(0);
    expect(r25.findings.find((f) => f.code === 'DEPRECATED_WORKER_CLASS')?.severity).toBe('warning');
    expect(r25.findings.find((f) => f.code === 'SERVER_VERSION')).toMatchObject({ args: { server: 'gunicorn', version: '25.1.0', pinned: '==25.1.0', file: 'requirements.txt' } });
    expect(r25.versions).toEqual({ gunicorn: expect.objectContaining({ version: '25.1.0' }) });
  });
  it('without a pin, a class the newest release removed is a warning naming the version, not an error', () => {
    const r = cmd('gunicorn -k eventlet app:app');
    expect(r.findings.find((f) => f.code === 'REMOVED_WORKER_CLASS')).toMatchObject({ severity: 'warning', args: { removedIn: '26.0.0', version: '26.1.0', assumed: true } });
    expect(r.summary.errors).toBe(0);
  });
  it('without a pin the newest release is assumed and said; --gunicorn-version wins over a pin', () => {
    const none = cmd('gunicorn app:app');
    expect(none.findings.find((f) => f.code === 'SERVER_VERSION')?.args).toEqual({ server: 'gunicorn', version: '26.1.0' });
    const given = cmd('gunicorn app:app', { versions: { gunicorn: '23.0' }, pinFiles: [{ path: 'requirements.txt', text: 'gunicorn==25.0.0\n' }] });
    expect(given.targets[0]!.version).toBe('23.0.0');
    expect(codes(given)).not.toContain('SERVER_VERSION');
  });
  it('an HTTP/2 setting under gunicorn 24: ignored in a config file (warning), refused as a flag', () => {
    const conf = run([file('gunicorn.conf.py', 'gunicorn-conf', 'http_protocols = "h2,h1"\n')], { versions: { gunicorn: '24.1.1' } });
    expect(conf.findings.find((f) => f.code === 'SETTING_NOT_IN_VERSION')).toMatchObject({ severity: 'warning', args: { name: 'http_protocols', version: '24.1.1', since: '25.0.0' } });
    const flag = cmd('gunicorn --http-protocols h2 app:app', { versions: { gunicorn: '24.1.1' } });
    expect(codes(flag)).toContain('UNKNOWN_FLAG');
    expect(values(cmd('gunicorn --http-protocols h2 app:app', { versions: { gunicorn: '25.0.0' } }))).toMatchObject({ http_protocols: 'h2' });
  });
  it('uvicorn.workers is deprecated from uvicorn 0.30 (a pinned 0.29 is quiet)', () => {
    const old = cmd('gunicorn -k uvicorn.workers.UvicornWorker app:app', { versions: { uvicorn: '0.29.0' } });
    expect(codes(old)).not.toContain('DEPRECATED_WORKER_CLASS');
    const now = cmd('gunicorn -k uvicorn.workers.UvicornWorker app:app', { versions: { uvicorn: '0.30.0' } });
    expect(now.findings.find((f) => f.code === 'DEPRECATED_WORKER_CLASS')).toMatchObject({ severity: 'warning', args: { server: 'uvicorn' } });
  });
});
