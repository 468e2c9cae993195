// Parses a module with @lezer/python and lowers it statement by statement. Where CPython would
// refuse the file, the statement is reported with CPython's line (and, where we can tell, its
// message) and skipped, with any more-indented lines after it, so one bad line does not hide the rest.
import type { SyntaxNode, Tree } from '@lezer/common';
import { parser } from '@lezer/python';
import type { Stmt } from './ast.js';
import { blockHeader, checkIndentation, type Issue } from './indent.js';
import { scanTokens } from './lexical.js';
import { lowerStatement } from './lower-stmt.js';
import { Source, SyntaxIssue, children, type SyntaxErrorInfo } from './source.js';

const COMPOUND = new Set(['IfStatement', 'WhileStatement', 'ForStatement', 'TryStatement', 'WithStatement', 'FunctionDefinition', 'ClassDefinition']);

export interface Module {
  body: Stmt[];
  errors: SyntaxErrorInfo[];
  /** Statements the lowering did not understand (a tree shape it does not expect): not evaluated. */
  skipped: { line: number; reason: string }[];
}

export function parseModule(text: string): Module {
  // CPython reads source with universal newlines; a BOM only marks UTF-8.
  // A form feed in indentation resets CPython's column count: drop what comes before it.
  let normalized = trailingDotFloats(
    text
      .replace(/^\uFEFF/, '')
      .replace(/\r\n?/g, '\n')
      .replace(/^[ \t\f]*\f/gm, ''),
  );
  const errors: SyntaxErrorInfo[] = [];
  let tree: Tree;
  let src: Source;
  let lexical: Issue[];
  // A bracket that is never closed swallows the rest of the file: CPython reports it where it
  // opened (unless its tokenizer fails on something else first). Replace that line by `pass` and
  // parse again, so the statements after it are still read.
  for (let round = 0; ; round++) {
    src = new Source(normalized);
    tree = parser.parse(normalized);
    const scan = scanTokens(tree, src);
    lexical = scan.issues;
    if (!scan.unclosed || round >= 20) break;
    const line = src.line(scan.unclosed.pos);
    const after = lexical.find((i) => i.pos >= scan.unclosed!.pos);
    if (after) errors.push({ line: src.line(after.pos), message: after.message });
    else if (lexical.length === 0) errors.push({ line, message: `'${scan.unclosed.char}' was never closed` });
    normalized = passOver(normalized, src.lineStart(scan.unclosed.pos));
  }
  const issues = [...lexical, ...checkIndentation(tree, src)].sort((a, b) => a.pos - b.pos);
  const body: Stmt[] = [];
  const skipped: Module['skipped'] = [];
  const record = (line: number, message: string): void => {
    if (!errors.some((e) => e.line === line)) errors.push({ line, message });
  };
  let skipDeeperThan = -1;
  for (const node of children(tree.topNode)) {
    const indent = node.from - src.lineStart(node.from);
    if (skipDeeperThan >= 0 && indent > skipDeeperThan) continue;
    skipDeeperThan = -1;
    const issue = firstIssue(node, issues, src);
    if (issue) {
      record(src.line(issue.pos), issue.message);
      skipDeeperThan = indent;
      continue;
    }
    try {
      body.push(...lowerStatement(node, { src, inFunction: false, inAsync: false, inLoop: false, depth: 0 }));
    } catch (e) {
      if (e instanceof SyntaxIssue) record(e.line, e.message);
      else if (e instanceof RangeError) record(src.line(node.from), 'too many nested parentheses or expressions to compile');
      else skipped.push({ line: src.line(node.from), reason: `statement not evaluated (${e instanceof Error ? e.message : String(e)})` });
      skipDeeperThan = indent;
    }
  }
  errors.sort((a, b) => a.line - b.line);
  return { body, errors, skipped };
}

/** Replaces the line at `start`, and the more-indented lines after it, by `pass` and blanks. */
function passOver(text: string, start: number): string {
  const lines = text.slice(start).split('\n');
  const indent = /^[ \t\f]*/.exec(lines[0]!)![0];
  let n = 1;
  while (n < lines.length && (lines[n]!.trim() === '' || /^[ \t\f]*/.exec(lines[n]!)![0].length > indent.length)) n++;
  const replaced = lines.slice(0, n).map((l, i) => (i === 0 ? (indent + 'pass').padEnd(l.length, ' ') : ' '.repeat(l.length)));
  return text.slice(0, start) + [...replaced, ...lines.slice(n)].join('\n');
}

/**
 * The grammar reads `5.` as the int 5 and a stray dot (and `1.e5` as an attribute of 1); CPython's
 * tokenizer reads a float. Writing the fraction's 0 keeps every line where it was.
 */
function trailingDotFloats(text: string): string {
  if (!/\d\.(?!\d)/.test(text)) return text;
  const at: number[] = [];
  parser.parse(text).iterate({
    enter: (n) => {
      if (n.name === 'String' || n.name === 'FormatString' || n.name === 'Comment') return false;
      if (n.name === 'Number' && text[n.to] === '.' && /^(?:[eEjJ]|[^\w]|$)/.test(text[n.to + 1] ?? '') && /^\d[\d_]*$/.test(text.slice(n.from, n.to))) at.push(n.to + 1);
      return undefined;
    },
  });
  let out = text;
  for (const pos of at.reverse()) out = `${out.slice(0, pos)}0${out.slice(pos)}`;
  return out;
}

/** The first problem inside a top-level statement: a tokenizer issue, or where the grammar fails. */
function firstIssue(node: SyntaxNode, issues: Issue[], src: Source): Issue | undefined {
  const own = issues.find((i) => i.pos >= node.from && i.pos < Math.max(node.to, node.from + 1));
  const err = firstError(node);
  if (!err) return own;
  const parsed = parserIssue(err, src);
  // The tokenizer (indentation, literals, brackets) runs ahead of the parser on each line.
  const sameLine = issues.find((i) => src.line(i.pos) === src.line(parsed.pos));
  const lexical = own && src.line(own.pos) <= src.line(parsed.pos) ? own : sameLine;
  return lexical ?? parsed;
}

function firstError(node: SyntaxNode): SyntaxNode | undefined {
  const cur = node.cursor();
  let depth = 0;
  for (;;) {
    if (cur.type.isError) return cur.node;
    // f-strings are checked by lower-strings.ts, the 3.11 way.
    if (cur.name !== 'FormatString' && cur.firstChild()) {
      depth++;
      continue;
    }
    while (depth > 0 && !cur.nextSibling()) {
      cur.parent();
      depth--;
    }
    if (depth === 0) return undefined;
  }
}

/** CPython's message for the commonest grammar failures; otherwise "invalid syntax". */
function parserIssue(err: SyntaxNode, src: Source): Issue {
  const parent = err.parent;
  if (parent?.name === 'Body' && parent.firstChild?.name !== ':') return { pos: err.from, message: "expected ':'" };
  if (parent?.name === 'Body' && !children(parent).some((k) => k.type.is('Statement'))) {
    const h = blockHeader(parent, src);
    // At the end of the file CPython points at the header itself.
    const atEnd = src.text.slice(err.from).trim() === '';
    return { pos: atEnd ? Math.max(0, src.text.length - 1) : err.from, message: `expected an indented block after ${h.after} on line ${h.line}` };
  }
  if (parent && COMPOUND.has(parent.name) && !children(parent).some((k) => k.name === 'Body' && k.from <= err.from)) {
    const eol = src.text.indexOf('\n', err.from);
    const rest = src.text.slice(err.from, eol < 0 ? undefined : eol);
    if (/^\s*(#.*)?$/.test(rest)) return { pos: err.from, message: "expected ':'" };
  }
  return { pos: err.from, message: 'invalid syntax' };
}
