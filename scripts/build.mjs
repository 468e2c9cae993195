// The build, in three parts:
// - the CLI: one CommonJS bundle (dist/cli.cjs), loaded by dist/bin/tune.cjs through a compile cache
//   (src/cli/launch.cjs explains why, with the measurement);
// - the library: ESM with code splitting for the subpath exports (worker-tune, /check, /render);
// - the library's type declarations, from tsc.
// Skipped when nothing it reads changed since the last build (dist/.build-stamp), so `npm test` after a
// test-only edit does not rebuild; `node scripts/build.mjs --force` rebuilds anyway.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'dist');
const stampFile = path.join(dist, '.build-stamp');

/**
 * Library entry points, each a subpath export of the package (package.json "exports"); and the /proc
 * helpers the benchmarks import from dist/internal (bench/lib/proc.mjs), not part of the package's API.
 */
const LIBRARY = { index: 'src/index.ts', check: 'src/check/api.ts', render: 'src/render/api.ts', 'internal/proc': 'src/proc/index.ts' };

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
  for (const f of ['package.json', 'package-lock.json', 'tsconfig.json', 'tsconfig.build.json', 'scripts/build.mjs']) hash.update(f).update(readFileSync(path.join(root, f)));
  return hash.digest('hex');
}

const stamp = inputsStamp();
if (!process.argv.includes('--force') && existsSync(stampFile) && readFileSync(stampFile, 'utf8') === stamp) {
  console.error('build: dist/ is up to date');
  process.exit(0);
}

rmSync(dist, { recursive: true, force: true });
const common = { bundle: true, platform: 'node', target: 'node20', minify: true, logLevel: 'warning' };

await build({
  ...common,
  entryPoints: ['src/cli/main.ts'],
  outfile: path.join(dist, 'cli.cjs'),
  format: 'cjs',
  // presets/ is found from the bundle's own place; CommonJS has no import.meta.url.
  define: { 'import.meta.url': '__tuneModuleUrl' },
  banner: { js: "const __tuneModuleUrl = require('url').pathToFileURL(__filename).href;" },
});

await build({
  ...common,
  entryPoints: LIBRARY,
  outdir: dist,
  splitting: true,
  format: 'esm',
  chunkNames: 'chunks/[name]-[hash]',
  // Bundled CommonJS dependencies still require() Node built-ins: give ESM a require.
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
});

// The bin: the launcher, executable. src/cli/launch.cjs is plain CommonJS and is copied as it is.
mkdirSync(path.join(dist, 'bin'), { recursive: true });
const bin = path.join(dist, 'bin', 'tune.cjs');
copyFileSync(path.join(root, 'src/cli/launch.cjs'), bin);
chmodSync(bin, 0o755);

// Declarations for the library entries only; the CLI is not a library.
execFileSync(process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '-p', path.join(root, 'tsconfig.build.json')], { stdio: 'inherit' });
writeFileSync(stampFile, stamp);
