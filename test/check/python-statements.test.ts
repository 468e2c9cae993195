// Statements of a gunicorn.conf.py: assignments, imports, conditionals, blocks that are not run,
// hooks, environment access, and what gets recorded as unevaluated (with its line).
import { describe, expect, it } from 'vitest';
import { didYouMean, settingNames } from '../../src/check/known-settings.js';
import { evaluatePythonConfig, toJs, type PyConfigResult } from '../../src/check/python/index.js';

const run = (src: string, env: Record<string, string | undefined> = {}, cpus = 4): PyConfigResult =>
  evaluatePythonConfig(src, { cpus, env });
/** name → JS value; '?' for unknown, the kind for functions/classes. */
const vals = (r: PyConfigResult): Record<string, unknown> =>
  Object.fromEntries(
    [...r.values].map(([k, v]) => {
      const j = toJs(v.value);
      return [k, v.value.kind === 'unknown' ? '?' : j === undefined ? v.value.kind : j];
    }),
  );

describe('assignments and layout', () => {
  it('handles comments, blank lines, both line continuations, chained and unpacking assignment', () => {
    const r = run(
      [
        '# gunicorn config',
        '',
        'workers = (2 *',
        '           3)  # six',
        'threads = 1 + \\',
        '    1',
        'a = b = "same"',
        'x, y = 1, 2',
        '(p, q), *rest = (3, 4), 5, 6',
        'doc = """multi',
        'line"""',
        'joined = "a" \'b\' "c"',
        'bind: str = "0.0.0.0:8000"',
        'timeout = 30; keepalive = 5',
      ].join('\n'),
    );
    expect(r.syntaxErrors).toEqual([]);
    expect(vals(r)).toEqual({
      workers: 6,
      threads: 2,
      a: 'same',
      b: 'same',
      x: 1,
      y: 2,
      p: 3,
      q: 4,
      rest: [5, 6],
      doc: 'multi\nline',
      joined: 'abc',
      bind: '0.0.0.0:8000',
      timeout: 30,
      keepalive: 5,
    });
    expect(r.values.get('threads')!.line).toBe(5);
    expect(r.values.get('doc')!.line).toBe(10);
  });

  it('last assignment wins, with its line; augmented assignment follows Python', () => {
    const r = run('workers = 2\nworkers += 3\nworkers *= 2\nworkers //= 3\nworkers -= 1\nname = "w"\nname += "x"\nworkers = workers\n');
    expect(r.values.get('workers')).toEqual({ value: { kind: 'int', value: 2n }, line: 8 });
    expect(toJs(r.values.get('name')!.value)).toBe('wx');
  });

  it('a list changed in place is seen through every name bound to it', () => {
    const r = run('raw_env = ["A=1"]\nalias = raw_env\nraw_env.append("B=2")\nraw_env += ["C=3"]\nraw_env.extend(("D=4",))\n');
    expect(toJs(r.values.get('alias')!.value)).toEqual(['A=1', 'B=2', 'C=3', 'D=4']);
  });

  it('records unpacking errors on every target', () => {
    const r = run('a, b = 1, 2, 3\n');
    expect(r.unevaluated).toEqual([
      { name: 'a', line: 1, reason: 'ValueError: too many values to unpack (expected 2, got 3)' },
      { name: 'b', line: 1, reason: 'ValueError: too many values to unpack (expected 2, got 3)' },
    ]);
  });

  it('del removes a name; walrus binds one', () => {
    const r = run('tmp = 1\ndel tmp\nif (n := 3) > 2:\n    workers = n\n');
    expect(vals(r)).toEqual({ n: 3, workers: 3 });
  });
});

describe('imports and CPU counts', () => {
  it.each([
    ['import multiprocessing\nw = multiprocessing.cpu_count()'],
    ['import multiprocessing as mp\nw = mp.cpu_count()'],
    ['from multiprocessing import cpu_count\nw = cpu_count()'],
    ['from multiprocessing import cpu_count as cores\nw = cores()'],
    ['import os\nw = os.cpu_count()'],
    ['from os import cpu_count\nw = cpu_count()'],
    ['import os\nw = len(os.sched_getaffinity(0))'],
    ['import psutil\nw = psutil.cpu_count()'],
    ['from os import *\nw = cpu_count()'],
  ])('%s → ctx.cpus', (src) => {
    expect(toJs(run(src, {}, 6).values.get('w')!.value)).toBe(6);
  });

  it('lists every import with its line; modules are not values', () => {
    const r = run('import os, sys as system\nfrom gevent import monkey\nfrom .local import settings as s\nimport a.b.c\n');
    expect(r.imports).toEqual([
      { module: 'os', line: 1 },
      { module: 'sys', line: 1 },
      { module: 'gevent', line: 2 },
      { module: '.local', line: 3 },
      { module: 'a.b.c', line: 4 },
    ]);
    // Modules stay out of values; a name imported from a module we do not evaluate is unknown.
    expect([...r.values.keys()]).toEqual(['monkey', 's']);
    expect(r.values.get('monkey')).toEqual({ value: { kind: 'unknown', reason: 'imported from gevent, which is not evaluated' }, line: 2 });
    expect(r.unevaluated).toEqual([]);
  });

  it('a value imported from another module is unknown, and says so where it is used', () => {
    const r = run('from myproject.settings import WORKERS\nworkers = WORKERS * 2\n');
    expect(r.unevaluated).toEqual([
      { name: 'workers', line: 2, reason: "depends on 'WORKERS': imported from myproject.settings, which is not evaluated" },
    ]);
  });

  it('psutil.cpu_count(logical=False) is not the logical count we know', () => {
    expect(run('import psutil\nw = psutil.cpu_count(logical=False)\n').values.get('w')!.value.kind).toBe('unknown');
  });
});

describe('environment', () => {
  const src = [
    'import os',
    'a = os.environ.get("A")',
    'b = os.environ.get("B", "dflt")',
    'c = os.getenv("C", 3)',
    'd = os.environ["D"]',
    'e = os.environ["E"]',
    'f = "F" in os.environ',
    'os.environ["G"] = "set-here"',
    'g = os.getenv("G")',
    'h = os.environ.setdefault("H", "h-default")',
    'port = int(os.getenv("PORT", "8000"))',
  ].join('\n');

  it('reads the given env; a missing os.environ[k] is a KeyError recorded with its line', () => {
    const r = run(src, { D: 'dee', F: '1', PORT: '9000', H: 'from-env' });
    expect(vals(r)).toEqual({ a: null, b: 'dflt', c: 3, d: 'dee', e: '?', f: true, g: 'set-here', h: 'from-env', port: 9000 });
    expect(r.unevaluated).toEqual([{ name: 'e', line: 6, reason: "KeyError: environment variable 'E' is not set" }]);
  });

  it('an undefined entry in env counts as unset', () => {
    expect(toJs(run('import os\nw = os.getenv("W", "2")\n', { W: undefined }).values.get('w')!.value)).toBe('2');
  });
});

describe('conditionals', () => {
  it('takes the branch a known condition selects, through elif chains', () => {
    const src = 'import os\nmode = os.getenv("MODE", "prod")\nif mode == "dev":\n    workers = 1\nelif mode in ("prod", "staging"):\n    workers = 4\n    if os.getenv("BIG"):\n        workers = 8\nelse:\n    workers = 2\n';
    expect(toJs(run(src).values.get('workers')!.value)).toBe(4);
    expect(toJs(run(src, { BIG: '1' }).values.get('workers')!.value)).toBe(8);
    expect(toJs(run(src, { MODE: 'dev' }).values.get('workers')!.value)).toBe(1);
    expect(toJs(run(src, { MODE: 'x' }).values.get('workers')!.value)).toBe(2);
  });

  it('an undecidable condition makes every name assigned in any branch unknown, each site recorded', () => {
    const r = run('import os\nthreads = 1\nif os.path.exists("/etc/big"):\n    threads = 8\n    worker_class = "gthread"\nelse:\n    threads = 2\ntimeout = 30\n');
    expect(vals(r)).toEqual({ threads: '?', worker_class: '?', timeout: 30 });
    const reason = 'assigned under a condition that cannot be evaluated (line 3): call to os.path.exists() is not evaluated';
    expect(r.unevaluated).toEqual([
      { name: 'threads', line: 4, reason },
      { name: 'worker_class', line: 5, reason },
      { name: 'threads', line: 7, reason },
    ]);
    expect(r.values.get('threads')!.line).toBe(7);
  });

  it('`if __name__ == "__main__"` is not taken (gunicorn loads the file as __config__)', () => {
    expect(vals(run('workers = 2\nif __name__ == "__main__":\n    workers = 9\n'))).toEqual({ workers: 2 });
  });

  it('a failing assert is a finding; conditional expressions and and/or follow Python', () => {
    const r = run('w = 0\nassert w > 0, "need workers"\nt = 4 if w else 2\nlog = "" or None\nn = 0 and 1 / 0\n');
    expect(r.unevaluated).toEqual([{ line: 2, reason: 'assertion fails' }]);
    expect(vals(r)).toEqual({ w: 0, t: 2, log: null, n: 0 });
  });

  it('a reached raise is recorded', () => {
    const r = run('import os\nif not os.getenv("SECRET"):\n    raise RuntimeError("SECRET missing")\n');
    expect(r.unevaluated).toEqual([{ line: 3, reason: 'raise statement is reached: loading the config would fail here' }]);
  });
});

describe('blocks that are not run, hooks and classes', () => {
  it('with and match are not run: names bound inside become unknown with their lines; imports still listed', () => {
    const src = [
      'with open("bind.txt") as fh:', // 1
      '    import gevent', //             2
      '    bind = fh.read()', //          3
      'match "x":', //                    4
      '    case "x":', //                 5
      '        backlog = 64', //          6
      'workers = 3', //                   7
    ].join('\n');
    const r = run(src);
    expect(r.values.get('workers')!.value).toEqual({ kind: 'int', value: 3n });
    expect(r.unevaluated.map((u) => [u.name, u.line])).toEqual([
      ['fh', 1],
      ['bind', 3],
      ['backlog', 6],
    ]);
    expect(r.unevaluated[0]!.reason).toBe("assigned inside a 'with' statement (line 1), which is not evaluated");
    expect(r.imports).toEqual([{ module: 'gevent', line: 2 }]);
  });

  it('def statements are listed as functions and bound as function values; bodies are not run', () => {
    const r = run(
      'import gc\n\ndef when_ready(server):\n    workers = 99\n\n@some.decorator\ndef post_fork(server, worker):\n    gc.freeze()\n\nasync def on_exit(server):\n    pass\n\nclass Logger(object):\n    level = 5\n\nlogger_class = Logger\npre_request = lambda worker, req: None\n',
    );
    expect(r.functions).toEqual([
      { name: 'when_ready', line: 3 },
      { name: 'post_fork', line: 7 },
      { name: 'on_exit', line: 10 },
    ]);
    expect(r.values.get('when_ready')!.value).toEqual({ kind: 'function', name: 'when_ready' });
    expect(r.values.get('pre_request')!.value).toEqual({ kind: 'function', name: '<lambda>' });
    expect(r.values.get('logger_class')!.value).toEqual({ kind: 'class', name: 'Logger' });
    expect(r.values.has('workers')).toBe(false);
    expect(r.values.has('level')).toBe(false);
    expect(r.unevaluated).toEqual([]);
  });
});

describe('unevaluable code is recorded, never run and never thrown', () => {
  it('calls with side effects get their line and what was not evaluated', () => {
    const r = run(
      [
        'import os',
        'import subprocess',
        '',
        'os.system("touch SIDE_EFFECT_MARKER")',
        'open("SIDE_EFFECT_MARKER_2", "w").write("ran")',
        'subprocess.run(["touch", "SIDE_EFFECT_MARKER_3"])',
        '__import__("os").system("touch SIDE_EFFECT_MARKER_4")',
        'workers = 2',
        'data = json.loads("{}")',
        'home = os.path.expanduser("~")',
      ].join('\n'),
    );
    expect(r.unevaluated).toEqual([
      { line: 4, reason: 'call to os.system() is not evaluated' },
      { line: 5, reason: 'call to open() is not evaluated' },
      { line: 6, reason: 'call to subprocess.run() is not evaluated' },
      { line: 7, reason: 'call to __import__() is not evaluated' },
      { name: 'data', line: 9, reason: "call to json.loads() is not evaluated (NameError: name 'json' is not defined)" },
      { name: 'home', line: 10, reason: 'call to os.path.expanduser() is not evaluated' },
    ]);
    expect(toJs(r.values.get('workers')!.value)).toBe(2);
  });

  it('f-strings evaluate when every field does, else name the field', () => {
    const r = run('import os\nhost = "0.0.0.0"\nport = 8000\nbind = f"{host}:{port}"\nw = f"{port // 1000}|{2.5}|{host!r}|{port=}"\nbad = f"{host}:{os.popen(\'x\')}"\n');
    expect(toJs(r.values.get('bind')!.value)).toBe('0.0.0.0:8000');
    expect(toJs(r.values.get('w')!.value)).toBe("8|2.5|'0.0.0.0'|port=8000");
    expect(r.unevaluated).toEqual([{ name: 'bad', line: 6, reason: "f-string field {os.popen(…)}: call to os.popen() is not evaluated" }]);
  });

  it('str methods, int(x, base) and format work on known values', () => {
    const r = run('import os\nlevel = os.getenv("LOG_LEVEL", " INFO ").strip().lower()\nmode = int("0o755", 0)\nbind = "{}:{}".format("h", 80)\nhex = int("ff", 16)\n');
    expect(vals(r)).toEqual({ level: 'info', mode: 493, bind: 'h:80', hex: 255 });
  });

  it('an unknown value propagates with the original reason', () => {
    const r = run('base = compute()\nworkers = base * 2 + 1\nthreads = workers\n');
    expect(r.unevaluated.map((u) => u.reason)).toEqual([
      "call to compute() is not evaluated (NameError: name 'compute' is not defined)",
      "depends on 'base': call to compute() is not evaluated (NameError: name 'compute' is not defined)",
      "depends on 'workers': call to compute() is not evaluated (NameError: name 'compute' is not defined)",
    ]);
  });
});

describe('typo keys', () => {
  it('misspelt setting names evaluate like any name; the catalogue says what they meant', () => {
    const r = run('bind = "0.0.0.0:8000"\nworker = 3\nthread = 4\nkeep_alive = 5\nworker_class = "gthread"\nmax_request = 1000\n');
    const names = settingNames('gunicorn');
    const typos = [...r.values.keys()].filter((k) => !names.includes(k)).map((k) => [k, didYouMean(k, names), r.values.get(k)!.line]);
    expect(typos).toEqual([
      ['worker', 'workers', 2],
      ['thread', 'threads', 3],
      ['keep_alive', 'keepalive', 4],
      ['max_request', 'max_requests', 6],
    ]);
  });
});
