// Broken and hostile input: syntax errors are reported with their line (the rest of the file is
// still read), and nothing — deep nesting, huge numbers, megabytes — throws or hangs.
import { describe, expect, it } from 'vitest';
import { evaluatePythonConfig, toJs, type PyConfigResult } from '../../src/check/python/index.js';

const run = (src: string): PyConfigResult => evaluatePythonConfig(src, { cpus: 2, env: {} });
const js = (r: PyConfigResult, name: string): unknown => (r.values.has(name) ? toJs(r.values.get(name)!.value) : 'missing');

describe('malformed Python', () => {
  it.each([
    ['if workers > 2\n    threads = 8\n', 1, "expected ':'"],
    ['timeout = 30 +\n', 1, 'invalid syntax'],
    ['x = "unterminated\n', 1, 'unterminated string literal'],
    ['x = """never\nclosed\n', 1, 'unterminated triple-quoted string literal'],
    ['x = [1, 2)\n', 1, "closing parenthesis ')' does not match opening parenthesis '['"],
    ['x = 1)\n', 1, "unmatched ')'"],
    ['workers = 4\n  threads = 2\n', 2, 'unexpected indent'],
    ['if True:\n    a = 1\n  b = 2\n', 3, 'unindent does not match any outer indentation level'],
    ['if True:\nworkers = 2\n', 2, 'expected an indented block'],
    ['print "hello"\n', 1, 'invalid syntax'],
    ['x = 012\n', 1, 'leading zeros in decimal integer literals are not permitted'],
    ['f() = 3\n', 1, 'cannot assign to function call'],
    ['workers = $4\n', 1, "invalid character '$'"],
    ['return 5\n', 1, "'return' outside function"],
    ['x = f"{}"\n', 1, 'f-string: empty expression not allowed'],
    ['x = "\\x4"\n', 1, 'truncated \\xXX escape'],
    ['x = "a" b"c"\n', 1, 'cannot mix bytes and nonbytes literals'],
    ['try:\n    x = 1\nworkers = 2\n', 3, "expected 'except' or 'finally' block"],
  ])('%j → line %i: %s', (src, line, message) => {
    const r = run(src);
    expect(r.syntaxErrors[0]).toEqual({ line, message });
  });

  it('an unclosed bracket is reported where it opened and the next statements are still read', () => {
    const r = run('workers = 4\nthreads = (2\ntimeout = 30\nbind = ":8000"\n');
    expect(r.syntaxErrors).toEqual([{ line: 2, message: "'(' was never closed" }]);
    expect([js(r, 'workers'), js(r, 'threads'), js(r, 'timeout'), js(r, 'bind')]).toEqual([4, 'missing', 30, ':8000']);
  });

  it('several broken statements: each reported once, the good ones kept', () => {
    const src = [
      'workers = 4', //                1
      'if workers > 2', //             2
      '    threads = 8', //            3
      'timeout = 30 +', //             4
      'keepalive = 5', //              5
      'def f(:', //                    6
      '    pass', //                   7
      'graceful_timeout = 10', //      8
      '  backlog = 1', //              9
      'max_requests = 100', //         10
      'x = "unterminated', //          11
      "y = 'ok'", //                   12
    ].join('\n');
    const r = run(src);
    expect(r.syntaxErrors.map((e) => e.line)).toEqual([2, 4, 6, 9, 11]);
    expect(Object.fromEntries([...r.values].map(([k, v]) => [k, toJs(v.value)]))).toEqual({
      workers: 4,
      keepalive: 5,
      graceful_timeout: 10,
      max_requests: 100,
      y: 'ok',
    });
  });

  it('a multi-line call with keywords at column 0 is valid, not an unclosed bracket', () => {
    const r = run('log_data = dict(\nloglevel="info",\nworkers=2\n)\nworkers = 3\n');
    expect(r.syntaxErrors).toEqual([]);
    expect(js(r, 'log_data')).toEqual({ loglevel: 'info', workers: 2 });
  });

  it.each(['', '\n\n', '# only a comment\n', '\uFEFFworkers = 2', 'workers = 2', 'workers = 2\r\nthreads = 3\r\n', 'x = (\n\n  1\n)'])(
    'edge layout %j parses cleanly',
    (src) => {
      expect(run(src).syntaxErrors).toEqual([]);
    },
  );
});

describe('pathological input stays bounded', () => {
  it.each([
    ['10**10**10', 'integer result too large (over 10000 bits)'],
    ['9 ** 9 ** 9', 'integer result too large (over 10000 bits)'],
    ['2 ** 100000', 'integer result too large (over 10000 bits)'],
    ['1 << 100000', 'integer result too large (over 10000 bits)'],
    ['"x" * 10**9', 'string result too large'],
    ['[0] * 10**8', 'list result too large'],
    ['int("9" * 5000)', 'ValueError: Exceeds the limit (4300 digits) for integer string conversion'],
  ])('%s → unknown', (expr, reason) => {
    const t = performance.now();
    const r = run(`x = ${expr}\nworkers = 2\n`);
    expect(r.values.get('x')!.value).toEqual({ kind: 'unknown', reason });
    expect(js(r, 'workers')).toBe(2);
    expect(performance.now() - t).toBeLessThan(500);
  });

  it('199 nested brackets are fine; 250 are CPython\'s "too many nested parentheses"', () => {
    expect(js(run(`x = ${'('.repeat(199)}1${')'.repeat(199)}\n`), 'x')).toBe(1);
    expect(run(`x = ${'['.repeat(150)}${']'.repeat(150)}\n`).values.get('x')!.value.kind).toBe('list');
    const r = run(`x = ${'('.repeat(250)}1${')'.repeat(250)}\nworkers = 2\n`);
    expect(r.syntaxErrors[0]).toEqual({ line: 1, message: 'too many nested parentheses' });
    expect(js(r, 'workers')).toBe(2);
  });

  it.each([
    ['unary chain', `x = ${'-'.repeat(100_000)}1`],
    ['not chain', `x = ${'not '.repeat(50_000)}True`],
    ['attribute chain', `x = os${'.a'.repeat(50_000)}`],
    ['call chain', `x = f${'()'.repeat(50_000)}`],
    ['nested conditional', `x = ${'1 if True else '.repeat(20_000)}2`],
    ['nested lambda', `x = ${'lambda: '.repeat(20_000)}2`],
    ['deep indentation', `${Array.from({ length: 150 }, (_, i) => `${' '.repeat(i)}if True:`).join('\n')}\n${' '.repeat(150)}x = 1`],
  ])('%s: a syntax error, no stack overflow', (_name, src) => {
    const r = run(`${src}\nworkers = 2\n`);
    expect(r.syntaxErrors.length).toBeGreaterThan(0);
    expect(js(r, 'workers')).toBe(2);
  });

  it('a 100 000-term sum is evaluated without recursion', () => {
    expect(js(run(`x = ${Array(100_000).fill('1').join(' + ')}\n`), 'x')).toBe(100_000);
  });

  it('a list that contains itself neither loops nor throws', () => {
    const r = run('a = [1]\na.append(a)\nb = a == a\nc = str(a)\nd = len(a)\n');
    expect([js(r, 'b'), js(r, 'd')]).toEqual([true, 2]);
    expect(r.values.get('c')!.value.kind).toBe('unknown');
    expect(toJs(r.values.get('a')!.value)).toBeUndefined();
  });

  it('repeated copying of a big list runs out of budget instead of time', () => {
    const t = performance.now();
    const r = run(`a = [0] * 400000\n${'b = a + a\n'.repeat(200)}workers = 2\n`);
    expect(js(r, 'workers')).toBe(2);
    expect(r.unevaluated.at(-1)?.reason).toBe('evaluation budget exhausted');
    expect(performance.now() - t).toBeLessThan(5000);
  });

  it('binary garbage does not throw', () => {
    let seed = 7;
    const rand = (): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const garbage = Array.from({ length: 20_000 }, () => String.fromCharCode(Math.floor(rand() * 128))).join('');
    expect(() => run(garbage)).not.toThrow();
    const pythonish = Array.from({ length: 5_000 }, () => ['(', ')', '[', ']', '"', "'", 'f"{', '}', ':', '\n', '    ', 'if', 'x', '=', '1', ',', '\\', '#', '**'][Math.floor(rand() * 19)]).join(' ');
    expect(() => run(pythonish)).not.toThrow();
  });
});

describe('size', () => {
  it('1 MiB of configuration evaluates well under a second', () => {
    const lines: string[] = ['import os'];
    let size = 0;
    for (let i = 0; size < 1024 * 1024; i++) {
      const line = `v${i} = os.getenv("X${i}", "${i}") + str(${i} * 2) if ${i} % 2 else [${i}, "a", {"k": ${i}}]  # ${'c'.repeat(i % 20)}`;
      lines.push(line);
      size += line.length + 1;
    }
    const src = lines.join('\n');
    const times: number[] = [];
    for (let k = 0; k < 2; k++) {
      const t = performance.now();
      const r = run(src);
      times.push(performance.now() - t);
      expect(r.syntaxErrors).toEqual([]);
      expect(toJs(r.values.get('v3')!.value)).toBe('36');
    }
    // The second run is the steady state; the first also pays for JIT warm-up.
    expect(Math.min(...times)).toBeLessThan(1000);
  });
});
