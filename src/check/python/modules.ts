// The modules a config imports that we evaluate: CPU and memory counts (os, multiprocessing,
// psutil), the environment (os.environ, os.getenv), a little of math and os.path, and the
// builtin exception classes try/except matches on. Anything else is an unknown value naming
// what was not evaluated.
import { PY_BUILTINS } from './builtins.js';
import { arity, typeError, type Args, type Builtin, type CallCtx, type Impl, type Kw } from './call-context.js';
import { toFloat } from './convert.js';
import { METHODS } from './methods.js';
import { truthy } from './compare.js';
import { NONE, float, int, str, typeName, unknown, type PyValue } from './values.js';

export { iterate, type CallCtx } from './call-context.js';

/** CPUs as os.cpu_count() reports them: a whole number (a fractional quota still shows whole CPUs). */
const cpuCount = (ctx: CallCtx): number => Math.max(1, Math.ceil(ctx.cpus));

function logicalCpus(_args: Args, kw: Kw, ctx: CallCtx): PyValue {
  const logical = kw.get('logical');
  if (logical !== undefined && truthy(logical) === false) return unknown('physical core count (logical=False) is not known');
  return int(cpuCount(ctx));
}

function envLookup(name: string): Impl {
  return (args, _kw, ctx) => {
    const err = arity(name, args, 1, 2);
    if (err) return err;
    const key = args[0]!;
    if (key.kind !== 'str') return typeError(`str expected, not ${typeName(key)}`);
    // The default is returned as given: os.getenv("X", "1000") is the str "1000".
    return ctx.environ.get(key.value) ?? args[1] ?? NONE;
  };
}

function mathRound(name: string, fn: (x: number) => number): Impl {
  return (args) => {
    const x = args[0];
    if (x === undefined) return typeError(`${name}() takes exactly one argument (0 given)`);
    if (x.kind === 'int' || x.kind === 'bool') return int(x.kind === 'int' ? x.value : BigInt(x.value));
    if (x.kind !== 'float') return typeError('must be real number, not ' + typeName(x));
    if (!Number.isFinite(x.value)) return unknown(`${Number.isNaN(x.value) ? 'ValueError' : 'OverflowError'}: cannot convert float ${x.value} to integer`);
    return int(BigInt(fn(x.value)));
  };
}

function pathJoin(args: Args): PyValue {
  let out = '';
  for (const a of args) {
    if (a.kind !== 'str') return typeError(`expected str, not ${typeName(a)}`);
    if (a.value.startsWith('/')) out = a.value;
    else if (out === '' || out.endsWith('/')) out += a.value;
    else out += `/${a.value}`;
  }
  return str(out);
}

function setdefault(args: Args, _kw: Kw, ctx: CallCtx): PyValue {
  const [k, d] = args;
  if (k?.kind !== 'str' || args.length !== 2) return typeError('setdefault() takes a str key and a default');
  const cur = ctx.environ.get(k.value);
  if (cur !== undefined) return cur;
  if (d?.kind !== 'str') return typeError(`str expected, not ${typeName(d ?? NONE)}`);
  ctx.environ.set(k.value, d.value);
  return d;
}

// os.sysconf names a config asks for (Linux): CPU counts follow ctx.cpus, memory follows ctx.memBytes
// in pages of 4096 bytes (the x86-64 and arm64 Linux page size, getconf PAGE_SIZE).
const PAGE = 4096;
function sysconf(args: Args, _kw: Kw, ctx: CallCtx): PyValue {
  const name = args[0];
  if (name?.kind === 'int') return unknown('os.sysconf() of a number is not evaluated');
  if (name?.kind !== 'str') return typeError('configuration names must be strings or integers');
  if (name.value === 'SC_NPROCESSORS_ONLN' || name.value === 'SC_NPROCESSORS_CONF') return int(cpuCount(ctx));
  if (name.value === 'SC_PAGE_SIZE' || name.value === 'SC_PAGESIZE') return int(PAGE);
  if (name.value === 'SC_PHYS_PAGES') return ctx.memBytes === undefined ? unknown("os.sysconf('SC_PHYS_PAGES'): the memory size is not known") : int(Math.floor(ctx.memBytes / PAGE));
  return unknown(`os.sysconf('${name.value}') is not evaluated`);
}

// Attributes the os module has on Linux in every CPython 3 a config runs on; others may depend on the version.
const OS_ATTRIBUTES = new Set(['sysconf', 'sysconf_names', 'sched_getaffinity', 'cpu_count', 'getenv', 'environ', 'fork', 'getloadavg', 'uname', 'getpid', 'path', 'name', 'sep', 'getcwd']);

// sys attributes every CPython 3 has; pypy_version_info exists only on PyPy.
const SYS_ATTRIBUTES = new Set(['version_info', 'version', 'platform', 'argv', 'path', 'modules', 'executable', 'implementation', 'maxsize', 'byteorder', 'getrecursionlimit', 'stdout', 'stderr', 'stdin', 'exit', 'prefix']);

/** hasattr(module, name) for the modules we know; anything else is not evaluated. */
function hasattrImpl(args: Args, _kw: Kw, ctx: CallCtx): PyValue {
  const [obj, name] = args;
  if (name?.kind !== 'str') return typeError('attribute name must be string');
  if (obj?.kind === 'module' && obj.name === 'os') return OS_ATTRIBUTES.has(name.value) ? { kind: 'bool', value: true } : unknown(`hasattr(os, '${name.value}') depends on the Python version`);
  if (obj?.kind === 'module' && obj.name === 'sys') {
    if (SYS_ATTRIBUTES.has(name.value)) return { kind: 'bool', value: true };
    if (name.value === 'pypy_version_info') {
      // The python images, Debian and the distributions run CPython; a PyPy deployment says so elsewhere.
      ctx.assumptions.add('the interpreter is CPython (sys has no pypy_version_info)');
      return { kind: 'bool', value: false };
    }
    return unknown(`hasattr(sys, '${name.value}') depends on the interpreter`);
  }
  return unknown('hasattr() is not evaluated');
}

const FUNCTIONS: Record<string, Builtin> = {
  hasattr: { impl: hasattrImpl },
  'os.sysconf': { impl: sysconf },
  'os.cpu_count': { impl: logicalCpus },
  'os.process_cpu_count': { impl: logicalCpus },
  'multiprocessing.cpu_count': { impl: logicalCpus },
  'psutil.cpu_count': { impl: logicalCpus },
  // len(os.sched_getaffinity(0)) is the usual way to count usable CPUs.
  'os.sched_getaffinity': { impl: (_a, _k, ctx) => ({ kind: 'set', items: Array.from({ length: Math.min(cpuCount(ctx), 4096) }, (_, i) => int(i)) }) },
  'psutil.virtual_memory': { impl: () => ({ kind: 'module', name: 'psutil.virtual_memory()' }) },
  'os.getenv': { impl: envLookup('getenv') },
  'os.environ.get': { impl: envLookup('get') },
  'os.environ.setdefault': { impl: setdefault },
  'os.path.join': { impl: pathJoin },
  // Whether a module is installed where the file runs: a fact of that machine, not of the file.
  'importlib.util.find_spec': {
    impl: (a) => (a[0]?.kind === 'str' ? unknown(`depends on whether '${a[0].value}' can be imported`) : unknown('importlib.util.find_spec() of a value that is not a str')),
  },
  'math.ceil': { impl: mathRound('ceil', Math.ceil) },
  'math.floor': { impl: mathRound('floor', Math.floor) },
  'math.trunc': { impl: mathRound('trunc', Math.trunc) },
  'math.sqrt': {
    impl: (a) => {
      const x = toFloat(a[0] ?? NONE);
      if (x.kind !== 'float') return x;
      return x.value < 0 ? unknown('ValueError: math domain error') : float(Math.sqrt(x.value));
    },
  },
};

/** Objects inside modules that are namespaces themselves. */
const SUBMODULES = new Set(['os.path', 'os.environ', 'importlib.util']);

/** Builtin exceptions and their bases, for matching `except` clauses. */
const EXCEPTIONS: Record<string, string | undefined> = {
  BaseException: undefined, Exception: 'BaseException', SystemExit: 'BaseException', KeyboardInterrupt: 'BaseException',
  ArithmeticError: 'Exception', ZeroDivisionError: 'ArithmeticError', OverflowError: 'ArithmeticError',
  LookupError: 'Exception', KeyError: 'LookupError', IndexError: 'LookupError', ValueError: 'Exception',
  UnicodeError: 'ValueError', TypeError: 'Exception', NameError: 'Exception', UnboundLocalError: 'NameError',
  ImportError: 'Exception', ModuleNotFoundError: 'ImportError', AttributeError: 'Exception', RuntimeError: 'Exception',
  RecursionError: 'RuntimeError', NotImplementedError: 'RuntimeError', OSError: 'Exception', EnvironmentError: 'Exception',
  FileNotFoundError: 'OSError', PermissionError: 'OSError', AssertionError: 'Exception',
};

/** Whether `except handler:` catches an exception of class `raised`. */
export function catches(handler: string, raised: string): boolean {
  for (let c: string | undefined = raised; c; c = EXCEPTIONS[c]) if (c === handler || (handler === 'EnvironmentError' && c === 'OSError')) return true;
  return false;
}

export const isException = (name: string): boolean => name in EXCEPTIONS;

/** Python builtins we know exist but never evaluate (calling one gives an unknown, not a NameError). */
const OPAQUE_BUILTINS = [
  'open', '__import__', 'exec', 'eval', 'compile', 'input', 'getattr', 'setattr', 'hasattr', 'delattr', 'globals',
  'locals', 'vars', 'dir', 'enumerate', 'zip', 'map', 'filter', 'reversed', 'iter', 'next', 'isinstance', 'issubclass',
  'type', 'object', 'hash', 'id', 'callable', 'any', 'all', 'format', 'chr', 'ord', 'hex', 'oct', 'bin', 'divmod',
  'pow', 'frozenset', 'bytes', 'bytearray', 'super', 'property', 'staticmethod', 'classmethod', 'breakpoint', 'help',
];

const GLOBAL_NAMES = new Set([...Object.keys(PY_BUILTINS), ...OPAQUE_BUILTINS]);

// Every other name a config file can read without a NameError: CPython 3.11's builtins
// (`dir(builtins)` of /usr/bin/python3) and the module globals gunicorn's loader sets.
const OTHER_NAMES = new Set(
  (
    'BaseExceptionGroup BlockingIOError BrokenPipeError BufferError BytesWarning ChildProcessError ConnectionAbortedError ConnectionError ' +
    'ConnectionRefusedError ConnectionResetError DeprecationWarning EOFError Ellipsis EncodingWarning ExceptionGroup FileExistsError ' +
    'FloatingPointError FutureWarning GeneratorExit IOError ImportWarning IndentationError InterruptedError IsADirectoryError MemoryError ' +
    'NotADirectoryError NotImplemented PendingDeprecationWarning ProcessLookupError ReferenceError ResourceWarning RuntimeWarning ' +
    'StopAsyncIteration StopIteration SyntaxError SyntaxWarning SystemError TabError TimeoutError UnicodeDecodeError UnicodeEncodeError ' +
    'UnicodeTranslateError UnicodeWarning UserWarning Warning __build_class__ __debug__ __doc__ __import__ __loader__ __package__ __spec__ ' +
    '__file__ __builtins__ __cached__ __annotations__ aiter anext ascii complex copyright credits exit license memoryview quit slice'
  ).split(' '),
);

/** A name Python has although we do not evaluate it: reading it is no NameError. */
export const existsUnevaluated = (name: string): boolean => OTHER_NAMES.has(name);

export function globalBuiltin(name: string): PyValue | undefined {
  if (isException(name)) return { kind: 'class', name };
  return GLOBAL_NAMES.has(name) ? { kind: 'function', name, builtin: name } : undefined;
}

/** Modules whose import cannot fail (Python's standard library). */
const STDLIB = new Set([
  '__future__', 'os', 'sys', 'multiprocessing', 'math', 'json', 'logging', 'socket', 'pathlib', 're', 'time', 'datetime',
  'typing', 'platform', 'signal', 'subprocess', 'tempfile', 'shutil', 'traceback', 'threading', 'ssl', 'uuid', 'random',
  'string', 'functools', 'itertools', 'collections', 'importlib', 'warnings', 'gc', 'resource', 'getpass', 'glob', 'io',
]);
export const importCanFail = (module: string): boolean => !STDLIB.has(module.split('.')[0]!) || module.startsWith('.');

/** `module.attr` for an imported module (`os.getenv`, `os.environ`, `json.dumps` → unknown). */
export function moduleAttr(module: string, attr: string, ctx: CallCtx): PyValue {
  if (module === 'psutil.virtual_memory()') {
    if (attr !== 'total') return unknown(`psutil.virtual_memory().${attr} is not evaluated (only .total, the machine's memory)`);
    return ctx.memBytes === undefined ? unknown('psutil.virtual_memory().total: the memory size is not known') : int(Math.round(ctx.memBytes));
  }
  const q = `${module}.${attr}`;
  if (FUNCTIONS[q]) return { kind: 'function', name: q, builtin: q };
  if (SUBMODULES.has(q)) return { kind: 'module', name: q };
  return unknown(`${q} is not evaluated`);
}

/** Names a `from module import *` brings in, when we know the module. */
export function moduleExports(module: string): string[] | undefined {
  const names = [...Object.keys(FUNCTIONS), ...SUBMODULES]
    .filter((k) => k.startsWith(`${module}.`) && !k.slice(module.length + 1).includes('.'))
    .map((k) => k.slice(module.length + 1));
  return names.length > 0 ? names : undefined;
}

/** A bound method of a str/list/dict value, if we evaluate it. */
export function methodOf(self: PyValue, attr: string): PyValue | undefined {
  const q = `${self.kind}.${attr}`;
  return METHODS[q] ? { kind: 'function', name: q, builtin: q, self } : undefined;
}

export function callBuiltin(fn: Extract<PyValue, { kind: 'function' }>, args: Args, kw: Kw, ctx: CallCtx): PyValue {
  const b = METHODS[fn.builtin!] ?? FUNCTIONS[fn.builtin!] ?? PY_BUILTINS[fn.builtin!];
  if (!b) return unknown(`call to ${fn.name}() is not evaluated`);
  if (!b.lenient) {
    const u = [...args, ...kw.values()].find((a) => a.kind === 'unknown');
    if (u) return u;
  }
  return b.impl(args, kw, ctx, fn.self ?? NONE);
}
