// The build: one esbuild pass (ESM, code splitting) for the CLI and the library, and the library's type
// declarations from tsc. Splitting shares each dependency once between entries and loads the heavy ones
// (yaml, chalk, cli-table3, check, calibrate) only when a run needs them.
//
// Skipped when nothing it reads changed since the last build (dist/.build-stamp), so `npm test` after a
// test-only edit does not rebuild; `node scripts/build.mjs --force` rebuilds anyway.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'dist');
const stampFile = path.join(dist, '.build-stamp');

/** Library entry points, each a subpath export of the package (package.json "exports"). */
export const ENTRIES = { index: 'src/index.ts', check: 'src/check/api.ts', render: 'src/render/api.ts', cli: 'src/cli/main.ts' };

function inputsStamp() {
  const hash = createHash('sha256');
  const walk = (dir) => {
    for (const name of readdirSync(dir).sort()) {
      const p = path.join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else hash.update(p).update(readFileSync(p));
    }
  };
  walk(path.join(root, 'src'));
  for (const f of ['package.json', 'package-lock.json', 'tsconfig.json', 'scripts/build.mjs']) hash.update(f).update(readFileSync(path.join(root, f)));
  return hash.digest('hex');
}

const stamp = inputsStamp();
if (!process.argv.includes('--force') && existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stamp) {
  console.error('build: dist/ is up to date');
  process.exit(0);
}

rmSync(dist, { recursive: true, force: true });
await build({
  entryPoints: ENTRIES,
  outdir: dist,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  minify: true,
  chunkNames: 'chunks/[name]-[hash]',
  logLevel: 'warning',
  // Bundled dependencies still require() Node built-ins (commander, cli-table3): give ESM a require.
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
});

// The bin: sh and JavaScript at once. sh runs node with `--` before the file, because every Node from
// 20 to 26 reads `--env-file <path>` even after the script name and exits 9 when the file is missing
// (nodejs/node#54232); after `--` it does not. To JavaScript the second line is a string and a comment.
// `#!/usr/bin/env sh`, not `#!/usr/bin/env -S node --`: BusyBox env (Alpine) has no -S.
const bin = path.join(dist, 'bin', 'tune.js');
execFileSync('mkdir', ['-p', path.dirname(bin)]);
writeFileSync(bin, `#!/usr/bin/env sh\n':' //; exec node -- "$0" "$@"\nimport '../cli.js';\n`);
chmodSync(bin, 0o755);

// Declarations for the library entries only; the CLI is not a library.
execFileSync(process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '-p', path.join(root, 'tsconfig.build.json')], { stdio: 'inherit' });
writeFileSync(stampFile, stamp);
