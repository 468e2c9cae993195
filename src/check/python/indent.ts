// Indentation, checked the way CPython's tokenizer does (the grammar tracks blocks but accepts an
// unexpected indent or an unindent to no outer level). Each line that starts a statement or a
// clause (else/elif/except/finally/case) is measured; tabs advance to the next multiple of 8 and,
// for the consistency check (TabError), count as one column too.
import type { SyntaxNode, Tree } from '@lezer/common';
import { MAX_INDENT_LEVELS } from './limits.js';
import type { Source } from './source.js';

export interface Issue {
  pos: number;
  message: string;
}

const CLAUSES = new Set(['elif', 'else', 'except', 'finally']);
const COMPOUND = new Set(['IfStatement', 'WhileStatement', 'ForStatement', 'TryStatement', 'WithStatement', 'FunctionDefinition', 'ClassDefinition', 'DecoratedStatement', 'MatchStatement']);
const HEADER: Record<string, string> = { def: 'function definition', class: 'class definition' };

interface LineStart {
  pos: number;
  /** The first statement of a block: CPython expects an indent here (`after` names the header). */
  block?: { after: string; line: number };
}

export function checkIndentation(tree: Tree, src: Source): Issue[] {
  const starts = lineStarts(tree, src);
  const issues: Issue[] = [];
  const stack: [number, number][] = [[0, 0]];
  for (const s of starts) {
    const [col, alt] = measure(src.text.slice(src.lineStart(s.pos), s.pos));
    let [top, topAlt] = stack[stack.length - 1]!;
    const fail = (message: string): void => void issues.push({ pos: s.pos, message });
    if (s.block) {
      if (col <= top) fail(`expected an indented block after ${s.block.after} on line ${s.block.line}`);
      else if (alt <= topAlt) fail('inconsistent use of tabs and spaces in indentation');
      else if (stack.length >= MAX_INDENT_LEVELS) fail('too many levels of indentation');
      else stack.push([col, alt]);
      continue;
    }
    if (col > top) {
      fail(alt <= topAlt ? 'inconsistent use of tabs and spaces in indentation' : 'unexpected indent');
      continue;
    }
    while (stack.length > 1 && col < top) {
      stack.pop();
      [top, topAlt] = stack[stack.length - 1]!;
    }
    if (col !== top) fail('unindent does not match any outer indentation level');
    else if (alt !== topAlt) fail('inconsistent use of tabs and spaces in indentation');
  }
  return issues;
}

/** [column with tabs to multiples of 8, column with tabs as 1]; a form feed resets both. */
function measure(indent: string): [number, number] {
  let col = 0;
  let alt = 0;
  for (const ch of indent) {
    if (ch === '\t') {
      col = (Math.floor(col / 8) + 1) * 8;
      alt++;
    } else if (ch === '\f') {
      col = 0;
      alt = 0;
    } else if (ch === ' ') {
      col++;
      alt++;
    } else break;
  }
  return [col, alt];
}

/** Positions that begin a logical line: statements and clause keywords first on their line. */
function lineStarts(tree: Tree, src: Source): LineStart[] {
  const out = new Map<number, LineStart>();
  const firstOnLine = (pos: number): boolean => /^[ \t\f]*$/.test(src.text.slice(src.lineStart(pos), pos));
  const add = (pos: number, block?: LineStart['block']): void => {
    if (!firstOnLine(pos)) return;
    const prev = src.text.slice(0, src.lineStart(pos)).replace(/\n$/, '');
    // A backslash continuation joins this line to the previous one.
    if (/\\$/.test(prev)) return;
    const cur = out.get(pos);
    out.set(pos, { pos, ...(cur?.block || block ? { block: cur?.block ?? block } : {}) });
  };
  tree.iterate({
    enter: (n) => {
      if (n.name === 'String' || n.name === 'FormatString' || n.name === 'Comment') return false;
      if (n.type.is('Statement') || n.name === 'Decorator' || n.name === 'MatchClause') add(n.from);
      else if (CLAUSES.has(n.name) && n.node.parent && COMPOUND.has(n.node.parent.name)) add(n.from);
      if (n.name === 'MatchBody') {
        const first = n.node.getChild('MatchClause');
        if (first) add(first.from, { after: "'match' statement", line: src.line(n.node.parent!.from) });
      }
      if (n.name === 'Body') {
        const body = n.node;
        let first = body.firstChild?.name === ':' ? body.firstChild.nextSibling : null;
        while (first?.name === 'Comment') first = first.nextSibling;
        if (first && !first.type.isError && src.line(first.from) > src.line(body.from)) add(first.from, blockHeader(body, src));
      }
      return undefined;
    },
  });
  return [...out.values()].sort((a, b) => a.pos - b.pos);
}

/** "'if' statement on line 3" for the clause a Body belongs to. */
export function blockHeader(body: SyntaxNode, src: Source): { after: string; line: number } {
  for (let k = body.prevSibling; k; k = k.prevSibling) {
    const word = k.name;
    if (['if', 'elif', 'else', 'while', 'for', 'try', 'except', 'finally', 'with', 'def', 'class', 'case'].includes(word)) {
      return { after: HEADER[word] ?? `'${word}' statement`, line: src.line(k.from) };
    }
  }
  if (body.parent?.name === 'MatchClause') return { after: "'case' statement", line: src.line(body.parent.from) };
  return { after: 'statement', line: src.line(body.from) };
}
