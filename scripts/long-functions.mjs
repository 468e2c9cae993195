// Files over 300 lines and functions over 80 lines, for the size rule of the house: a file or function
// past it says why at its top (a `Long:` comment in the file's header or right above the function, or a
// generated file's header). `node scripts/long-functions.mjs` lists them all, with `--unexplained` only
// those without a reason (test/repo/static.test.ts wants none). Uses TypeScript's parser, so .ts, .mjs
// and .cjs are all read the same way.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const MAX_FILE_LINES = 300;
export const MAX_FUNCTION_LINES = 80;

function files(dir, out = []) {
  for (const n of readdirSync(dir)) {
    const p = path.join(dir, n);
    if (n === 'node_modules' || n === 'fixtures' || n === 'dist' || n === 'results') continue;
    if (statSync(p).isDirectory()) files(p, out);
    else if (/\.(ts|mjs|cjs)$/.test(n) && !n.endsWith('.d.mts')) out.push(p);
  }
  return out;
}

export function oversized(dirs = ['src', 'scripts', 'bench', 'test']) {
  const out = [];
  for (const file of dirs.flatMap((d) => files(path.join(root, d)))) {
    const text = readFileSync(file, 'utf8');
    const rel = path.relative(root, file);
    const lines = text.split('\n').length;
    const all = text.split('\n');
    // The header: the comment lines the file starts with.
    const header = all.slice(0, all.findIndex((l) => !l.startsWith('//') && !l.startsWith('#!'))).join('\n');
    const fileReason = /Long:|GENERATED FILE/.test(header);
    if (lines > MAX_FILE_LINES) out.push({ file: rel, lines, name: '(file)', explained: fileReason });
    const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
    const visit = (node) => {
      if (ts.isFunctionLike(node) && node.body) {
        const start = sf.getLineAndCharacterOfPosition(node.getStart()).line;
        const end = sf.getLineAndCharacterOfPosition(node.end).line;
        const name = node.name?.getText() ?? (ts.isVariableDeclaration(node.parent) ? node.parent.name.getText() : '(anonymous)');
        // The comment right above the statement that holds the function (a declaration, `describe(…, () =>`).
        let at = start;
        while (at > 0 && !/^\s*(\/\/|\*|\/\*\*)/.test(all[at - 1]) && at > start - 3) at--;
        const above = all.slice(Math.max(0, at - 4), at).join('\n');
        if (end - start + 1 > MAX_FUNCTION_LINES) out.push({ file: rel, lines: end - start + 1, name, line: start + 1, explained: /Long:/.test(above) || /GENERATED FILE/.test(header) });
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }
  return out;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const only = process.argv.includes('--unexplained');
  for (const o of oversized()) if (!only || !o.explained) console.log(`${o.lines}\t${o.file}${o.line ? `:${o.line}` : ''}\t${o.name}${o.explained ? '\t(reason given)' : ''}`);
}
