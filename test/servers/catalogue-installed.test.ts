// The generated catalogue against the servers Debian installs, asked at run time: gunicorn 20.1's
// Config().settings (with the environment variables it reads), waitress 2.1's Adjustments and
// parse_args, uvicorn 0.17's click command and Config(), and what uvicorn's gunicorn worker passes.
import { describe, expect, it } from 'vitest';
import { debianVersion, setting, settings, UVICORN } from '../../src/servers/lookups.js';
import { py, toPlain } from '../../src/servers/py.js';
import type { GunicornForm, UvicornForm } from '../../src/servers/types.js';
import { validateSetting } from '../../src/servers/validators.js';
import { have } from '../helpers/real-servers.js';
import { runOracle } from './oracle.js';

type Row = Record<string, unknown>;
const ask = (server: 'gunicorn' | 'waitress' | 'uvicorn', script: string, input: unknown = null): Row =>
  runOracle(server, `${script}\nprint(json.dumps(main(json.load(sys.stdin))))`, input as never) as unknown as Row;

const GUNICORN_PY = String.raw`
import os, subprocess
def main(env_vars):
    from gunicorn.config import Config
    out = {}
    for name, s in Config().settings.items():
        out[name] = {"cli": s.cli or [], "action": s.action or "store", "type": getattr(s.type, "__name__", None), "nargs": s.nargs,
                     "const": s.const, "meta": s.meta, "section": s.section, "validator": s.validator.__name__,
                     "default": enc(s.default) if not callable(s.default) else "callable", "value": enc(s.get()) if not callable(s.get()) else "callable"}
    # Which settings (values or Config properties) change when one variable is set, each in a fresh Python.
    reads = {}
    probe = ("import json; from gunicorn.config import Config; c = Config(); r = lambda v: v.__qualname__ if callable(v) else repr(v); "
             "print(json.dumps({n: r(s.get()) for n, s in c.settings.items()} | {'sendfile': repr(c.sendfile)}))")
    clean = {k: v for k, v in os.environ.items() if k not in env_vars}
    base = json.loads(subprocess.run([sys.executable, "-c", probe], env=clean, capture_output=True, text=True, check=True).stdout)
    for var in env_vars:
        got = json.loads(subprocess.run([sys.executable, "-c", probe], env={**clean, var: "7"}, capture_output=True, text=True, check=True).stdout)
        reads[var] = sorted(n for n in got if got[n] != base[n])
    return {"settings": out, "reads": reads}
`;

describe.skipIf(!have.gunicorn)('gunicorn 20.1: Config().settings', () => {
  const version = debianVersion('gunicorn')!;
  const vars = [...new Set(settings('gunicorn', version).flatMap((s) => s.env))];
  const real = have.gunicorn ? ask('gunicorn', GUNICORN_PY, vars) : {};
  const cat = settings('gunicorn', version);
  const real_ = real.settings as Record<string, Row>;

  it('the same settings', () => {
    expect(cat.map((s) => s.name).sort()).toEqual(Object.keys(real_).sort());
    expect(cat.length).toBe(86);
  });

  it('the same flags, argparse details, sections and validators', () => {
    const mine = Object.fromEntries(cat.map((s: GunicornForm & { name: string }) => [s.name, {
      cli: s.flags, action: s.action ?? 'store', type: s.argType ?? null, nargs: s.nargs ?? null, const: s.const ?? null, meta: s.metavar ?? null, // argparse metavar: only with flags
      section: s.section, validator: s.validator === 'validate_callable' ? '_validate_callable' : s.validator,
    }]));
    const theirs = Object.fromEntries(Object.entries(real_).map(([n, r]) => [n, {
      cli: r.cli, action: r.action, type: r.action === 'store' && ['int', 'auto_int'].includes(r.type as string) ? r.type : null, nargs: r.nargs, const: r.const,
      meta: (r.cli as string[]).length ? r.meta : null, section: r.section, validator: r.validator,
    }]));
    expect(mine).toEqual(theirs);
  });

  it('the same defaults, and through the TypeScript validators the same values', () => {
    for (const s of cat) {
      const r = real_[s.name]!;
      if (r.default === 'callable') expect(s.default?.expr, s.name).toMatch(/^def /);
      else if (s.default?.value !== undefined) expect(py(s.default.value as never), s.name).toEqual(py(toPlainEnc(r.default) as never));
      if (s.default?.value === undefined || r.value === 'callable') continue;
      const checked = validateSetting('gunicorn', s.name, s.default.value as never, { version });
      expect(checked?.ok, s.name).toBe(true);
      if (checked?.ok === true) expect(toPlain(checked.value), s.name).toEqual(toPlainEnc(r.value));
    }
  });

  it('the environment variables each setting reads', () => {
    const reads = real.reads as Record<string, string[]>;
    for (const v of vars) expect(cat.filter((s) => s.env.includes(v)).map((s) => s.name).sort(), v).toEqual(reads[v]);
    expect(Object.keys(reads).sort()).toEqual(['FORWARDED_ALLOW_IPS', 'PORT', 'SENDFILE', 'WEB_CONCURRENCY']);
  });
});

/** Decode the oracle's typed JSON into plain values (tuples as arrays). */
function toPlainEnc(e: unknown): unknown {
  if (e === null || typeof e !== 'object') return e;
  const [[tag, v]] = Object.entries(e) as [[string, unknown]];
  if (tag === 'int') return Number(v);
  if (tag === 'float') return Number(v);
  if (tag === 'list' || tag === 'tuple' || tag === 'set') return (v as unknown[]).map(toPlainEnc);
  if (tag === 'dict') return Object.fromEntries((v as [unknown, unknown][]).map(([k, x]) => [toPlainEnc(k), toPlainEnc(x)]));
  return v;
}

const WAITRESS_PY = String.raw`
import getopt
def main(flags):
    from waitress.adjustments import Adjustments
    params = [[n, c.__name__] for n, c in Adjustments._params]
    defaults = {n: enc(getattr(Adjustments, n)) if not isinstance(getattr(Adjustments, n), type) else "marker" for n, _ in Adjustments._params}
    after = {n: enc(getattr(Adjustments(), n)) for n, _ in Adjustments._params if n != "listen"}
    parsed = {}
    for flag, takes_value in flags:
        try:
            kw, args = Adjustments.parse_args([flag + "=1" if takes_value else flag, "app:app"])
            parsed[flag] = sorted(k for k in kw if k not in ("help", "call") or kw[k])
        except getopt.GetoptError as e:
            parsed[flag] = str(e)
    return {"params": params, "defaults": defaults, "after": after, "parsed": parsed}
`;

describe.skipIf(!have.waitress)('waitress 2.1: Adjustments', () => {
  const version = debianVersion('waitress')!;
  const cat = settings('waitress', version);
  const flags = cat.flatMap((s) => s.flags.map((f) => [f, !(s.falseFlags ?? []).includes(f) && s.type !== 'bool'] as const));
  const real = have.waitress ? ask('waitress', WAITRESS_PY, [...flags, ['--thread', true], ['--nosuch', false]]) : {};

  it('the same adjustments and converters, in order', () => {
    expect(cat.map((s) => [s.name, s.validator])).toEqual(real.params);
    expect(cat).toHaveLength(34);
  });

  it('the same defaults (class attributes; a marker default as an empty Adjustments() resolves it)', () => {
    const defaults = real.defaults as Record<string, unknown>;
    const after = real.after as Record<string, unknown>;
    for (const s of cat) {
      if (defaults[s.name] !== 'marker') expect(s.default?.value, s.name).toEqual(toPlainEnc(defaults[s.name]));
      else expect(s.default?.value, s.name).toEqual(toPlainEnc(after[s.name]));
    }
    expect(setting('waitress', 'clear_untrusted_proxy_headers', version)!.default).toEqual({ expr: '_bool_marker', value: false });
  });

  it('every flag is one waitress-serve takes, for its adjustment', () => {
    const parsed = real.parsed as Record<string, string[] | string>;
    for (const s of cat) for (const f of s.flags) expect(parsed[f], f).toContain(s.name);
    expect(parsed['--thread']).toContain('threads'); // getopt takes a unique prefix
    expect(parsed['--nosuch']).toBe('option --nosuch not recognized');
  });
});

const UVICORN_PY = String.raw`
import inspect, logging, os, tempfile, types
def main(_):
    import uvicorn.main
    from uvicorn.config import Config
    cmd = sys.modules["uvicorn.main"].main
    opts = {}
    for p in cmd.params:
        if p.param_type_name != "option":
            continue
        opts[p.name] = {"flags": p.opts + p.secondary_opts, "falseFlags": p.secondary_opts, "type": p.type.name, "isFlag": p.is_flag, "multiple": p.multiple,
                        "default": enc(p.default), "hidden": p.hidden, "choices": list(getattr(p.type, "choices", []) or []) or None, "exposed": p.expose_value}
    api = {n: repr(p.default) for n, p in inspect.signature(Config.__init__).parameters.items() if n not in ("self", "app")}
    os.environ.update({"WEB_CONCURRENCY": "3", "FORWARDED_ALLOW_IPS": "10.0.0.1"})
    config = Config(app="x:y")
    env = {"workers": config.workers, "forwarded_allow_ips": config.forwarded_allow_ips}
    # uvicorn.workers.UvicornWorker built on a gunicorn Config with distinct values.
    from gunicorn.config import Config as GConfig
    from uvicorn.workers import UvicornWorker
    g = GConfig()
    for k, v in {"keepalive": 7, "max_requests": 100, "backlog": 123, "forwarded_allow_ips": "1.2.3.4", "worker_tmp_dir": tempfile.mkdtemp()}.items():
        g.set(k, v)
    log = types.SimpleNamespace(error_log=logging.getLogger("e"), access_log=logging.getLogger("a"))
    w = UvicornWorker(1, os.getpid(), [], None, 15, g, log)
    passed = {k: repr(getattr(w.config, k)) for k in ("timeout_keep_alive", "timeout_notify", "limit_max_requests", "backlog", "forwarded_allow_ips", "loop", "http")}
    return {"prefix": cmd.context_settings.get("auto_envvar_prefix"), "options": opts, "api": api, "env": env, "worker": passed}
`;

const CLICK_NAMES: Record<string, string> = { 'click.INT': 'integer', 'click.FLOAT': 'float', 'click.BOOL': 'boolean', 'click.STRING': 'text', 'click.Choice': 'choice', 'click.Path': 'path' };

describe.skipIf(!have.uvicorn || !have.gunicorn)('uvicorn 0.17: the click command and Config', () => {
  const version = debianVersion('uvicorn')!;
  const real = have.uvicorn && have.gunicorn ? ask('uvicorn', UVICORN_PY) : {};
  const cat = settings('uvicorn', version) as (UvicornForm & { name: string })[];
  const options = real.options as Record<string, Row>;

  it('the same options: spellings, click types, switches, repeatables, choices and defaults', () => {
    const mine = Object.fromEntries(cat.filter((s) => s.flags.length > 0).map((s) => [s.name, {
      flags: s.flags, falseFlags: s.falseFlags ?? [], type: CLICK_NAMES[s.validator], isFlag: Boolean(s.isFlag), multiple: Boolean(s.multiple),
      default: s.default?.value ?? null, hidden: Boolean(s.hidden), choices: s.choices ?? null, exposed: true,
    }]));
    const theirs = Object.fromEntries(Object.entries(options).filter(([, o]) => o.exposed).map(([n, o]) => [n, { ...o, default: toPlainEnc(o.default) }]));
    expect(mine).toEqual(theirs);
    expect(Object.keys(options).filter((n) => !options[n]!.exposed)).toEqual(['version']);
  });

  it('every option also reads UVICORN_<NAME>, and Config reads WEB_CONCURRENCY and FORWARDED_ALLOW_IPS', () => {
    expect(real.prefix).toBe(UVICORN.envPrefix);
    for (const s of cat.filter((x) => x.flags.length > 0)) expect(s.env, s.name).toContain(`UVICORN_${s.name.toUpperCase()}`);
    expect(setting('uvicorn', 'workers', version)!.env).toEqual(['UVICORN_WORKERS', 'WEB_CONCURRENCY']);
    expect(real.env).toEqual({ workers: 3, forwarded_allow_ips: '10.0.0.1' });
  });

  it("Config's own arguments and defaults", () => {
    const api = real.api as Record<string, string>;
    expect(Object.keys(api).every((n) => cat.some((s) => s.name === n))).toBe(true);
    for (const s of cat.filter((x) => x.flags.length === 0)) expect(api[s.name], s.name).toBeDefined();
    expect(setting('uvicorn', 'timeout_notify', version)!.apiDefault).toEqual({ value: 30 });
  });

  it('what the gunicorn worker passes to uvicorn', () => {
    // gunicorn keepalive 7 → timeout_keep_alive, the timeout handed to the worker (15) → timeout_notify …
    expect(real.worker).toEqual({ timeout_keep_alive: '7', timeout_notify: '15', limit_max_requests: '100', backlog: '123', forwarded_allow_ips: "['1.2.3.4']", loop: "'auto'", http: "'auto'" });
    const kwargs = UVICORN.gunicornWorker.kwargs.map((k) => k.name);
    expect(kwargs).toEqual(expect.arrayContaining(['timeout_keep_alive', 'timeout_notify', 'limit_max_requests', 'backlog', 'forwarded_allow_ips']));
  });
});
