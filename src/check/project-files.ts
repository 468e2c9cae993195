// The files of one check: those given, and those they name (a compose env_file, the Dockerfile of a
// build context, an entrypoint script, a config loaded with -c) found among them or read on request.
// Paths in commands are often container paths (/app/start.sh): they are matched to the project's
// files by their trailing components, never read from this machine's root.
import * as posix from './posix-path.js';
import type { FileKind, ProjectFile } from './types.js';

export class ProjectFiles {
  /** Files read on request, in the order they were first needed. */
  readonly extra: ProjectFile[] = [];
  /** Files another file runs or builds from (their own targets would count the same process twice). */
  readonly used = new Set<string>();

  constructor(
    readonly given: ProjectFile[],
    private readonly read?: (path: string) => string | undefined,
  ) {}

  ofKind(...kinds: FileKind[]): ProjectFile[] {
    return this.given.filter((f) => kinds.includes(f.kind));
  }

  /**
   * The file `ref` names, seen from `from` (the file the reference is written in): a given file with
   * that path or those trailing components, else one read on request. `bareNames`: a word without a
   * slash (`start`) may only match a given file, never be read.
   */
  find(ref: string, from: string | undefined, kind: FileKind, opts: { bareNames?: boolean } = {}): ProjectFile | undefined {
    if (!ref || ref.includes('\0') || /^[a-z]+:/i.test(ref)) return undefined;
    const clean = posix.normalize(ref).replace(/^(\.\/)+/, '');
    const parts = clean.split('/').filter((p) => p && p !== '.');
    if (parts.length === 0 || parts.includes('..')) return undefined;
    // A file given as something else is not what this reference wants (a Python file is no start script).
    const all = [...this.given, ...this.extra].filter((f) => f.kind === kind);
    for (let n = parts.length; n >= 1; n--) {
      const tail = parts.slice(-n).join('/');
      const hit = all.find((f) => f.path === tail || posix.normalize(f.path).endsWith(`/${tail}`) || posix.normalize(f.path) === tail);
      if (hit) return hit;
    }
    const bare = !ref.includes('/');
    if (!this.read || (bare && !opts.bareNames && !ref.endsWith('.sh'))) return undefined;
    // From the folder of the file that names it, then the current folder (the project's root, where a
    // container's WORKDIR usually maps), then the folders of the other files given.
    const bases = [...new Set([from && from !== '--cmd' && from !== '-' ? posix.dirname(from) : '.', '.', ...this.given.filter((f) => f.path !== '-' && f.path !== '--cmd').map((f) => posix.dirname(f.path))])];
    const rels = ref.startsWith('/') ? tails(parts) : [clean];
    const candidates = [...new Set(rels.flatMap((r) => bases.map((b) => posix.join(b, r))))];
    for (const p of candidates) {
      const text = this.read(p);
      if (text === undefined) continue;
      const file: ProjectFile = { path: p, kind, text };
      this.extra.push(file);
      return file;
    }
    return undefined;
  }

  use(file: ProjectFile): ProjectFile {
    this.used.add(file.path);
    return file;
  }
}

/** `/app/docker/run.sh` → docker/run.sh, run.sh (the project is copied somewhere under the container's root). */
function tails(parts: string[]): string[] {
  const out: string[] = [];
  for (let n = Math.min(parts.length, 4); n >= 1; n--) out.push(parts.slice(-n).join('/'));
  return out;
}
