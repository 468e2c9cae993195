// Lists import cycles among src/ modules (type-only imports included: a cycle of types is still a knot
// in the layers). Exit 1 when there is one. Run by test/architecture.test.ts.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export function importGraph(dir = path.join(root, 'src')) {
  const graph = new Map();
  const walk = (d) => {
    for (const n of readdirSync(d)) {
      const p = path.join(d, n);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.(ts|cjs)$/.test(n)) {
        const text = readFileSync(p, 'utf8');
        const deps = [...text.matchAll(/(?:import|export)\s[^;]*?from\s+'(\.[^']+)'/g)].map((m) => path.resolve(path.dirname(p), m[1].replace(/\.js$/, '.ts')));
        graph.set(p, deps);
      }
    }
  };
  walk(dir);
  return graph;
}

export function cycles(graph) {
  const found = [];
  const state = new Map();
  const stack = [];
  const visit = (n) => {
    state.set(n, 1);
    stack.push(n);
    for (const d of graph.get(n) ?? []) {
      if (!graph.has(d)) continue;
      if (state.get(d) === 1) found.push([...stack.slice(stack.indexOf(d)), d].map((p) => path.relative(root, p)));
      else if (!state.has(d)) visit(d);
    }
    stack.pop();
    state.set(n, 2);
  };
  for (const n of [...graph.keys()].sort()) if (!state.has(n)) visit(n);
  return found;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const found = cycles(importGraph());
  for (const c of found) console.log(c.join(' → '));
  console.log(`${found.length} import cycle(s)`);
  process.exit(found.length ? 1 : 0);
}
