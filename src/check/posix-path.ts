// The few POSIX path operations check needs (Node's path.posix semantics), written out so that check
// runs where node:path does not: the web page bundles check with no Node built-ins.

/** `a/./b/../c/` → `a/c/`; `''` → `.`; leading `..` of a relative path stay. */
export function normalize(p: string): string {
  if (p === '') return '.';
  const absolute = p.startsWith('/');
  const out: string[] = [];
  for (const seg of p.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') {
      if (out.length && out[out.length - 1] !== '..') out.pop();
      else if (!absolute) out.push('..');
    } else out.push(seg);
  }
  let s = (absolute ? '/' : '') + out.join('/');
  if (s === '') s = absolute ? '/' : '.';
  return p.endsWith('/') && s !== '/' ? `${s}/` : s;
}

export function join(...parts: string[]): string {
  const joined = parts.filter((x) => x !== '').join('/');
  return joined === '' ? '.' : normalize(joined);
}

function stripTrailing(p: string): string {
  const s = p.replace(/\/+$/, '');
  return s === '' && p.startsWith('/') ? '/' : s;
}

/** Node's algorithm: drop trailing slashes, then the last segment and the one slash before it. */
export function dirname(p: string): string {
  if (p === '') return '.';
  const root = p.startsWith('/');
  let end = -1;
  let inTail = true;
  for (let i = p.length - 1; i >= 1; i--) {
    if (p[i] === '/') {
      if (!inTail) {
        end = i;
        break;
      }
    } else inTail = false;
  }
  if (end === -1) return root ? '/' : '.';
  if (root && end === 1) return '//';
  return p.slice(0, end);
}

export function basename(p: string): string {
  const s = stripTrailing(p);
  return s === '/' ? '' : s.slice(s.lastIndexOf('/') + 1);
}
