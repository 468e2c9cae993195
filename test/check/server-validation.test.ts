// `tune check` accepts a setting exactly when the server's own conversion and validator accept it
// (src/servers validators, tested against the installed servers in test/servers): config-file
// values, WEB_CONCURRENCY, GUNICORN_CMD_ARGS and UVICORN_* variables.
import { describe, expect, it } from 'vitest';
import { evaluateConfigFile } from '../../src/check/config-file.js';
import { buildTargets } from '../../src/check/targets.js';
import type { ProjectFile } from '../../src/check/types.js';
import { settings } from '../../src/servers/index.js';
import { toPlain } from '../../src/servers/py.js';
import { validateSetting } from '../../src/servers/validators.js';

const conf = (text: string, env: Record<string, string> = {}) => evaluateConfigFile(text, { cpus: 2, env });
const values = (r: ReturnType<typeof conf>) => Object.fromEntries(Object.entries(r.settings).map(([k, v]) => [k, v.value]));
const invalid = (r: { findings: { code: string; args?: Record<string, unknown> }[] }) => r.findings.filter((f) => f.code === 'INVALID_VALUE').map((f) => f.args);

describe('gunicorn.conf.py values go through gunicorn’s validators', () => {
  it('text from os.getenv becomes what gunicorn makes of it', () => {
    const r = conf('import os\nworker_connections = os.getenv("WC", "1000")\npreload_app = "true"\nthreads = "0x4"\nbind = "0.0.0.0:80"\n');
    expect(values(r)).toEqual({ worker_connections: 1000, preload_app: true, threads: 4, bind: '0.0.0.0:80' });
    expect(invalid(r)).toEqual([]);
  });

  it('a value gunicorn refuses is the server’s error, on its line', () => {
    const r = conf('workers = "abc"\ntimeout = -1\npreload_app = "yes"\nkeepalive = 2.5\nraw_env = 3\n');
    expect(invalid(r)).toEqual([
      { setting: 'workers', value: 'abc', reason: "ValueError: invalid literal for int() with base 0: 'abc'" },
      { setting: 'timeout', value: '-1', reason: 'ValueError: Value must be positive: -1' },
      { setting: 'preload_app', value: 'yes', reason: 'ValueError: Invalid boolean: yes' },
      { setting: 'keepalive', value: '2.5', reason: "TypeError: int() can't convert non-string with explicit base" },
      { setting: 'raw_env', value: '3', reason: "TypeError: 'int' object is not iterable" },
    ]);
    expect(r.findings.map((f) => f.line)).toEqual([1, 2, 3, 4, 5]);
    expect(values(r)).toEqual({});
  });

  it('values only the running server can judge are kept as written', () => {
    expect(values(conf('user = "www-data"\nchdir = "/app"\n'))).toEqual({ user: 'www-data', chdir: '/app' });
  });
});

const files = (...f: [string, ProjectFile['kind'], string][]): ProjectFile[] => f.map(([path, kind, text]) => ({ path, kind, text }));

describe('environment variables, read as the server reads them', () => {
  it('gunicorn: WEB_CONCURRENCY is int()ed, a bad one is the error it raises at import', () => {
    const ok = buildTargets(files(['.env', 'dotenv', 'WEB_CONCURRENCY= 3 \n']), { cpus: 2, cmd: 'gunicorn app:app' });
    expect(ok.targets[0]!.settings.workers).toMatchObject({ value: 3, via: 'env' });
    const bad = buildTargets(files(['.env', 'dotenv', 'WEB_CONCURRENCY=0x3\n']), { cpus: 2, cmd: 'gunicorn app:app' });
    expect(invalid(bad.targets[0]!)).toEqual([{ setting: 'WEB_CONCURRENCY', value: '0x3', reason: "ValueError: invalid literal for int() with base 10: '0x3'" }]);
  });

  it('gunicorn: GUNICORN_CMD_ARGS values are validated like the command line', () => {
    const r = buildTargets(files(['.env', 'dotenv', 'GUNICORN_CMD_ARGS="--workers four --reload-engine fast"\n']), { cpus: 2, cmd: 'gunicorn app:app' });
    const errors = r.targets[0]!.findings.flatMap((f) => (f.code === 'SERVER_REFUSES' ? [f.args.message] : []));
    expect(errors).toEqual(["GUNICORN_CMD_ARGS: argument -w/--workers: invalid int value: 'four'", "GUNICORN_CMD_ARGS: reload_engine: Invalid reload_engine: 'fast'"]);
  });

  it('uvicorn: UVICORN_* through click’s types, empty ones skipped as click does', () => {
    const env = 'UVICORN_WORKERS=3\nUVICORN_ACCESS_LOG=off\nUVICORN_PORT=\nUVICORN_LIFESPAN=sometimes\nUVICORN_WORKER=2\n';
    const r = buildTargets(files(['.env', 'dotenv', env]), { cpus: 2, cmd: 'uvicorn main:app' });
    const t = r.targets[0]!;
    expect(t.settings.workers).toMatchObject({ value: 3, via: 'env' });
    expect(t.settings.access_log).toMatchObject({ value: false });
    expect(t.settings.port).toBeUndefined();
    expect(invalid(t)).toEqual([{ setting: 'UVICORN_LIFESPAN', value: 'sometimes', reason: "BadParameter: Invalid value for '--lifespan': 'sometimes' is not one of 'auto', 'on', 'off'." }]);
    expect(t.findings.find((f) => f.code === 'UNKNOWN_SETTING')?.args).toMatchObject({ name: 'UVICORN_WORKER', suggestion: 'UVICORN_WORKERS' });
  });
});

describe('every int and bool setting, as text in a config file, is what its validator makes of it', () => {
  for (const version of ['20.1.0', '26.1.0']) {
    const ints = settings('gunicorn', version).filter((s) => (s.type === 'int' || s.type === 'bool') && s.flags.length > 0);
    it.each(ints.map((s) => [s.name, s.type === 'int' ? '7' : 'false'] as const))(`gunicorn ${version}: %s = %j`, (name, text) => {
      const r = evaluateConfigFile(`${name} = ${JSON.stringify(text)}\n`, { cpus: 2, env: {}, version });
      const checked = validateSetting('gunicorn', name, text, { version });
      if (checked?.ok === true) expect(r.settings[name]?.value).toEqual(toPlain(checked.value));
      else expect(r.findings.map((f) => f.code)).toContain('INVALID_VALUE');
    });
  }
});
