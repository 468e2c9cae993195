#!/usr/bin/env node
// Does `tune check` say "gunicorn cannot load this file" exactly when CPython's compile() refuses it,
// and on the same line? Compares /usr/bin/python3's compile() (one batched process) with
// evaluatePythonConfig(...).syntaxErrors (bundled from src/) on three sets:
//   real      gunicorn config files in --corpus <dir> (default: the .py fixtures under test/fixtures)
//   snippets  bench/lib/python-snippets.mjs: syntax errors and odd-but-valid code
//   mutants   each real file with one character deleted, doubled or inserted (6 per file, fixed seed)
// --parser lezer-raw | tree-sitter-raw compares a bare grammar instead (its error nodes only): the
// numbers behind the grammar choice in src/check/python/README.md. tree-sitter needs
// `npm i --no-save web-tree-sitter tree-sitter-python` first.
// --from <dir> checks the evaluator of another checkout (e.g. a worktree from before a change).
// --limits prints how deeply CPython nests expressions before its compiler gives up (MAX_AST_DEPTH).
// Usage: node bench/python-fidelity.mjs [--corpus dir] [--parser p] [--from dir] [--show set] [--limits]
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, readdirSync, readFileSync, statSync } from 'node:fs';
import os from 'node:os';
import { build } from 'esbuild';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { SNIPPETS } from './lib/python-snippets.mjs';
import { PYTHON, cpythonCompile } from './lib/cpython.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv.slice(2);
const opt = (name, fallback) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : fallback);

const LIMITS = `
import warnings; warnings.simplefilter('ignore')
def ok(src):
    try: compile(src, 'x', 'exec'); return True
    except (SyntaxError, RecursionError, MemoryError): return False
def largest(make, lo=1, hi=20000):
    while lo < hi:
        mid = (lo + hi + 1) // 2
        lo, hi = (mid, hi) if ok(make(mid)) else (lo, mid - 1)
    return lo
print('terms in a + chain:', largest(lambda n: 'x = ' + ' + '.join(['1'] * n)))
print('unary minus nesting:', largest(lambda n: 'x = ' + '-' * n + '1'))
print('attribute chain:', largest(lambda n: 'x = a' + '.b' * n))
print('nested brackets:', largest(lambda n: 'x = ' + '[' * n + ']' * n, 1, 1000))
print('nested if blocks:', largest(lambda n: ''.join(' ' * i + 'if 1:\\n' for i in range(n)) + ' ' * n + 'x = 1\\n', 1, 1000))
`;

if (argv.includes('--limits')) {
  process.stdout.write(execFileSync(PYTHON, ['-c', LIMITS], { encoding: 'utf8' }));
  process.exit(0);
}

function pyFiles(dir) {
  return readdirSync(dir).flatMap((f) => {
    const p = path.join(dir, f);
    if (statSync(p).isDirectory()) return pyFiles(p);
    return f.endsWith('.py') ? [readFileSync(p, 'utf8')] : [];
  });
}

function mutants(files, perFile = 6, seed = 12345) {
  let s = seed;
  const rand = () => (s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const INSERT = ['(', ')', '[', ']', '"', "'", ':', ',', '=', ' ', '    ', '\n', '\t', '#', '\\', '{', '}', '.', '+', 'f"{', 'if ', 'x '];
  const out = [];
  for (const src of files.filter((f) => f.length > 0)) {
    for (let k = 0; k < perFile; k++) {
      const i = Math.floor(rand() * src.length);
      const kind = Math.floor(rand() * 3);
      let m;
      if (kind === 0) m = src.slice(0, i) + src.slice(i + 1);
      else if (kind === 1) m = src.slice(0, i) + src[i] + src.slice(i);
      else m = src.slice(0, i) + INSERT[Math.floor(rand() * INSERT.length)] + src.slice(i);
      // Half of a surrogate pair is no text a file can hold.
      if (!/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(m)) out.push(m);
    }
  }
  return out;
}

const lineAt = (src, pos) => src.slice(0, pos).split('\n').length;

async function checker(kind) {
  if (kind === 'tune') {
    // The evaluator bundled from a source tree (this one, or another checkout to compare with).
    const from = path.resolve(root, opt('--from', '.'));
    const tmp = mkdtempSync(path.join(os.tmpdir(), 'tune-fidelity-'));
    process.on('exit', () => rmSync(tmp, { recursive: true, force: true }));
    const outfile = path.join(tmp, 'python.mjs');
    await build({ entryPoints: [path.join(from, 'src/check/python/index.ts')], bundle: true, format: 'esm', platform: 'node', outfile, logLevel: 'error' });
    const { evaluatePythonConfig } = await import(pathToFileURL(outfile).href);
    return (src) => {
      const r = evaluatePythonConfig(src, { cpus: 2, env: {} });
      return r.syntaxErrors.length === 0 ? { ok: true } : { ok: false, line: r.syntaxErrors[0].line, msg: r.syntaxErrors[0].message };
    };
  }
  if (kind === 'lezer-raw') {
    const { parser } = await import('@lezer/python');
    return (src) => {
      let at;
      parser.parse(src).iterate({ enter: (n) => (at === undefined && n.type.isError ? ((at = n.from), false) : at === undefined) });
      return at === undefined ? { ok: true } : { ok: false, line: lineAt(src, at) };
    };
  }
  if (kind === 'tree-sitter-raw') {
    const { Parser, Language } = await import('web-tree-sitter');
    await Parser.init();
    const wasm = path.join(root, 'node_modules/tree-sitter-python/tree-sitter-python.wasm');
    const p = new Parser();
    p.setLanguage(await Language.load(wasm));
    return (src) => {
      const tree = p.parse(src);
      let line;
      const walk = (n) => {
        if (line !== undefined || !n.hasError) return;
        if (n.isError || n.isMissing) line = n.startPosition.row + 1;
        else n.children.forEach(walk);
      };
      if (tree.rootNode.hasError) walk(tree.rootNode);
      tree.delete();
      return line === undefined && !tree.rootNode?.hasError ? { ok: true } : { ok: false, line };
    };
  }
  throw new Error(`unknown --parser ${kind}`);
}

const corpusDir = path.resolve(root, opt('--corpus', 'test/fixtures'));
const real = pyFiles(corpusDir);
const sets = { real, snippets: SNIPPETS, mutants: mutants(real) };
const parserKind = opt('--parser', 'tune');
const check = await checker(parserKind);
const show = opt('--show', undefined);

console.log(`${parserKind} vs CPython ${execFileSync(PYTHON, ['-c', 'import sys; print(sys.version.split()[0])'], { encoding: 'utf8' }).trim()} compile(); corpus ${path.relative(root, corpusDir) || '.'} (${real.length} files)`);
for (const [name, srcs] of Object.entries(sets)) {
  const py = cpythonCompile(srcs);
  let agree = 0;
  let sameLine = 0;
  let rejects = 0;
  const wrong = [];
  srcs.forEach((src, i) => {
    const ours = check(src);
    const cpy = py[i];
    if (!cpy.ok) rejects++;
    if (ours.ok === cpy.ok) {
      agree++;
      if (!cpy.ok && ours.line === cpy.line) sameLine++;
      else if (!cpy.ok) wrong.push(`line ${ours.line} ≠ ${cpy.line}: ${JSON.stringify(src).slice(0, 90)} (${cpy.msg} | ${ours.msg ?? ''})`);
    } else wrong.push(`${ours.ok ? 'accepts' : `refuses (line ${ours.line}: ${ours.msg ?? ''})`} ${JSON.stringify(src).slice(0, 90)}; CPython ${cpy.ok ? 'accepts' : `line ${cpy.line}: ${cpy.msg}`}`);
  });
  const pct = (n, d) => `${((100 * n) / Math.max(d, 1)).toFixed(1)} %`;
  console.log(
    `${name.padEnd(9)} ${String(srcs.length).padStart(4)} inputs, CPython refuses ${String(rejects).padStart(3)} · same verdict ${pct(agree, srcs.length)} (${srcs.length - agree} differ) · same line on ${sameLine}/${rejects} refusals`,
  );
  if (show === name || show === 'all') for (const w of wrong) console.log(`    ${w}`);
}
