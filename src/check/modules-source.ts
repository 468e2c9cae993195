// The source of a project's own Python module (the module of a custom worker class), found among the
// files checked or read beside them — never imported.
import * as posix from './posix-path.js';
import type { ProjectFile } from './types.js';

export function projectModule(files: ProjectFile[], read: (path: string) => string | undefined): (module: string) => string | undefined {
  const dirs = [...new Set(['.', ...files.filter((f) => f.path !== '--cmd' && f.path !== '-').map((f) => posix.dirname(f.path))])];
  return (module) => {
    if (!/^[A-Za-z_][\w.]*$/.test(module)) return undefined;
    const rel = module.replace(/\./g, '/');
    const tails = [`${rel}.py`, `${rel}/__init__.py`];
    const given = files.find((f) => tails.some((t) => f.path === t || f.path.endsWith(`/${t}`)));
    if (given) return given.text;
    for (const d of dirs) for (const base of ['', 'src']) for (const t of tails) {
      const text = read(posix.join(d, base, t));
      if (text !== undefined) return text;
    }
    return undefined;
  };
}
