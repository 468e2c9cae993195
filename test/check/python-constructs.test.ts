// What real gunicorn configs do beyond plain assignments: their own functions called in a setting,
// loops, try/except (ImportError and the exceptions values raise), CPU and memory counts from
// os/multiprocessing/psutil, environment defaults and f-strings. Expected values come from running
// each snippet in /usr/bin/python3 with the same environment and counts (cpython.ts).
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { evaluatePythonConfig, pyRepr, type PyConfigResult } from '../../src/check/python/index.js';
import { pythonConfig, type ConfigCase } from './cpython.js';

const run = (c: ConfigCase): PyConfigResult => evaluatePythonConfig(c.src, { cpus: c.cpus ?? 4, env: c.env ?? {}, ...(c.memBytes === undefined ? {} : { memBytes: c.memBytes }) });
const GiB = 2 ** 30;

/** Every name CPython binds has the same repr here (and nothing is left unknown). */
const CASES: [string, ConfigCase][] = [
  ['a function computes workers', { src: 'import multiprocessing\n\ndef max_workers():\n    return multiprocessing.cpu_count() * 2 + 1\n\nworkers = max_workers()\n', cpus: 3 }],
  [
    'arguments, defaults, keyword-only parameters, locals and early returns',
    { src: 'def workers_for(cores, per_core=2, *, floor=2):\n    n = cores * per_core\n    if n < floor:\n        return floor\n    return n\n\nworkers = workers_for(1)\nthreads = workers_for(3, per_core=1)\nbacklog = workers_for(0, floor=64)\n' },
  ],
  ['a for loop with continue', { src: 'def total(xs):\n    t = 0\n    for x in xs:\n        if x < 0:\n            continue\n        t += x\n    return t\n\nworkers = total([1, -2, 3])\n' }],
  ['a while loop and tuple assignment', { src: 'def fib(n):\n    a, b = 0, 1\n    while n > 0:\n        a, b = b, a + b\n        n -= 1\n    return a\n\ntimeout = fib(10)\n' }],
  ['bounded recursion', { src: 'def fact(n):\n    return 1 if n <= 1 else n * fact(n - 1)\n\nmax_requests = fact(6)\n' }],
  ['a lambda', { src: 'double = lambda n: n * 2\nworkers = double(3)\n' }],
  ['global inside a function', { src: 'count = 0\n\ndef bump():\n    global count\n    count += 1\n    return count\n\nfirst = bump()\nsecond = bump()\n' }],
  ['a module-level loop', { src: 'raw_env = []\nfor name in ["A", "B"]:\n    raw_env.append(name + "=1")\nfor i in range(3):\n    threads = i\nwhile False:\n    raw_env.append("never")\n' }],
  [
    "hashcrush's _env_int: try/except ValueError inside a function (value set)",
    {
      src: 'import os\n\ndef _env_int(name, default, minimum):\n    try:\n        value = int(str(os.getenv(name, default)).strip())\n    except (TypeError, ValueError):\n        return default\n    return value if value >= minimum else default\n\nworkers = _env_int("W", 2, 1)\nthreads = _env_int("T", 4, 1)\ntimeout = _env_int("TIMEOUT", 120, 15)\n',
      env: { W: ' 7 ', T: 'abc', TIMEOUT: '5' },
    },
  ],
  ['env_bool helper', { src: 'import os\n\ndef env_bool(name, default=False):\n    v = os.getenv(name)\n    if v is None:\n        return default\n    return v.lower() in ("1", "true", "yes")\n\npreload_app = env_bool("PRELOAD")\nreuse_port = env_bool("REUSE")\n', env: { PRELOAD: 'Yes' } }],
  ['os.getenv with a str default stays a str', { src: 'import os\nworker_connections = os.getenv("X", "1000")\nbacklog = os.environ.get("B", 2048)\ntimeout = int(os.getenv("T", "30"))\n' }],
  ['f-strings', { src: 'import os\nhost = os.getenv("HOST", "0.0.0.0")\nbind = f"{host}:{os.getenv(\'PORT\', 8000)}"\nlabel = f"{host!r}-{1 + 1}-{None}"\n', env: { PORT: '9000' } }],
  ['str.format and % as configs use them', { src: 'host, port = "h", 80\nbind = "{}:{}".format(host, port)\nb2 = "{host}:{port}".format(host=host, port=port)\nb3 = "%s:%d" % (host, port)\n' }],
  ['psutil counts', { src: 'import psutil\nworkers = psutil.cpu_count() * 2 + 1\nram = psutil.virtual_memory().total\nby_memory = psutil.virtual_memory().total // (256 * 1024 ** 2)\n', cpus: 6, memBytes: 2 * GiB }],
  ['len(os.sched_getaffinity(0))', { src: 'import os\nworkers = len(os.sched_getaffinity(0)) * 2\n', cpus: 3 }],
  ['try/except KeyError on os.environ (unset)', { src: 'import os\ntry:\n    workers = int(os.environ["WORKERS"])\nexcept KeyError:\n    workers = 2\n' }],
  ['try/except KeyError on os.environ (set)', { src: 'import os\ntry:\n    workers = int(os.environ["WORKERS"])\nexcept KeyError:\n    workers = 2\nelse:\n    threads = 4\nfinally:\n    timeout = 30\n', env: { WORKERS: '5' } }],
  ['try/except ValueError', { src: 'import os\ntry:\n    workers = int(os.getenv("W", "many"))\nexcept ValueError:\n    workers = 3\n' }],
  ['both ImportError branches agree', { src: 'try:\n    import psutil\n    cores = psutil.cpu_count()\nexcept ImportError:\n    import multiprocessing\n    cores = multiprocessing.cpu_count()\nworkers = cores + 1\n', cpus: 5 }],
];

describe('configs evaluate to what CPython computes', () => {
  const py = pythonConfig(CASES.map(([, c]) => c));
  it.each(CASES.map(([name, c], i) => [name, c, py[i]!] as const))('%s', (_name, c, want) => {
    const r = run(c);
    expect(r.syntaxErrors).toEqual([]);
    expect(r.unevaluated).toEqual([]);
    const got = Object.fromEntries([...r.values].filter(([, v]) => v.value.kind !== 'function' && v.value.kind !== 'class').map(([k, v]) => [k, pyRepr(v.value)]));
    expect(got).toEqual(want);
  });
});

describe('what cannot be known stays unknown, with its reason', () => {
  const reason = (c: ConfigCase, name: string): string | undefined => {
    const v = run(c).values.get(name)?.value;
    return v?.kind === 'unknown' ? v.reason : undefined;
  };

  it('an ImportError that decides a value: not evaluable unless both branches agree', () => {
    const src = 'try:\n    import gevent\n    worker_class = "gevent"\nexcept ImportError:\n    worker_class = "sync"\nworkers = 2\n';
    expect(reason({ src }, 'worker_class')).toBe("depends on whether 'gevent' can be imported (try at line 1)");
    expect(run({ src }).values.get('workers')!.value).toEqual({ kind: 'int', value: 2n });
    const agree = 'try:\n    import no_such_module_here\n    workers = 4\nexcept ImportError:\n    workers = 4\n';
    expect(pyRepr(run({ src: agree }).values.get('workers')!.value)).toBe(pythonConfig([{ src: agree }])[0]!.workers);
  });

  it('a function whose ImportError branches disagree', () => {
    const src = 'def cores():\n    try:\n        import psutil\n        return psutil.cpu_count(logical=True)\n    except ImportError:\n        return 1\n\nworkers = cores()\n';
    expect(reason({ src }, 'workers')).toBe("cores() cannot be evaluated: depends on whether 'psutil' can be imported (try at line 2)");
  });

  it('psutil.virtual_memory().total without a memory size, and physical cores', () => {
    const src = 'import psutil\nram = psutil.virtual_memory().total\ncores = psutil.cpu_count(logical=False)\n';
    expect(reason({ src }, 'ram')).toBe('psutil.virtual_memory().total: the memory size is not known');
    expect(reason({ src }, 'cores')).toBe('physical core count (logical=False) is not known');
  });

  it('a function calling what we do not evaluate', () => {
    expect(reason({ src: 'def w():\n    return compute() * 2\n\nworkers = w()\n' }, 'workers')).toBe(
      "call to compute() is not evaluated (NameError: name 'compute' is not defined)",
    );
    expect(reason({ src: 'import os\n\ndef w():\n    if os.path.exists("/x"):\n        return 8\n    return 2\n\nworkers = w()\n' }, 'workers')).toMatch(
      /^w\(\) cannot be evaluated: assigned under a condition that cannot be evaluated \(line 4\)/,
    );
    expect(reason({ src: 'import functools\n\n@functools.lru_cache\ndef w():\n    return 2\n\nworkers = w()\n' }, 'workers')).toBe(
      'call to w() is not evaluated: decorated or async functions are not evaluated',
    );
  });

  it('recursion and loops are bounded', () => {
    const t = performance.now();
    expect(reason({ src: 'def f(n):\n    return f(n + 1)\n\nx = f(0)\n' }, 'x')).toMatch(/calls nest deeper than 50/);
    expect(reason({ src: 'def spin():\n    while True:\n        pass\n\nx = spin()\n' }, 'x')).toMatch(/did not finish within 100000 iterations/);
    expect(reason({ src: 'n = 0\nwhile True:\n    n += 1\n' }, 'n')).toMatch(/did not finish/);
    expect(performance.now() - t).toBeLessThan(5000);
  });

  it('wrong calls are the TypeError Python raises', () => {
    expect(reason({ src: 'def f(a):\n    return a\n\nx = f()\ny = f(1, 2)\n' }, 'x')).toBe("TypeError: f() missing 1 required positional argument: 'a'");
    expect(reason({ src: 'def f(a):\n    return a\n\ny = f(1, 2)\n' }, 'y')).toBe('TypeError: f() takes 1 positional argument but 2 were given');
  });
});

describe('evaluation never executes the file', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tune-canary-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes, shell commands and imports inside called functions leave no trace', () => {
    const marker = (n: number): string => JSON.stringify(path.join(dir, `ran-${n}`));
    const src = [
      'import os, subprocess',
      `open(${marker(1)}, "w").write("x")`,
      `os.system("touch " + ${marker(2)})`,
      'def boom():',
      `    subprocess.run(["touch", ${marker(3)}])`,
      `    with open(${marker(4)}, "w") as f:`,
      '        f.write("x")',
      '    return 2',
      'workers = boom()',
      `hook = lambda: os.mkdir(${marker(5)})`,
      'hook()',
    ].join('\n');
    const r = run({ src });
    expect(readdirSync(dir)).toEqual([]);
    expect(r.values.get('workers')!.value.kind).toBe('unknown');
  });
});
