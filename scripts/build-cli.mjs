// Bundles the CLI for start-up speed: `tune … --format env` must start within 1.5× of bare `node`
// (bench/startup.mjs). One minified CommonJS file for the common path (CJS loads faster than Node 20's
// ESM loader, and one file beats ~150 module look-ups), separate bundles for what only some runs
// need — the table (chalk, cli-table3), YAML formats (yaml), check and calibrate — loaded on demand,
// and a V8 code cache for the main bundle.
import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const out = path.join(root, 'dist/bin');

/** Source modules that become their own bundle, and the file name it gets beside tune.cjs. */
const LAZY = {
  'src/render/table.ts': 'render-table.cjs',
  'src/render/compose.ts': 'render-compose.cjs',
  'src/render/k8s.ts': 'render-k8s.cjs',
  'src/cli/check-command.ts': 'check.cjs',
  'src/cli/calibrate-command.ts': 'calibrate.cjs',
  'src/render/check/table.ts': 'render-check-table.cjs',
};

// An import of a lazy module from another bundle becomes a require() of that bundle's file, through a
// one-line shim: esbuild would keep a dynamic import() of an external file, which code run through
// vm.Script (the code-cache loader) cannot do.
const lazyPlugin = (self) => ({
  name: 'lazy-bundles',
  setup(b) {
    b.onResolve({ filter: /^\.\.?\// }, (args) => {
      if (args.namespace === 'lazy') return { path: args.path, external: true };
      const abs = path.resolve(args.resolveDir, args.path).replace(/\.js$/, '.ts');
      const rel = path.relative(root, abs);
      if (rel in LAZY && rel !== self) return { path: rel, namespace: 'lazy' };
      return undefined;
    });
    b.onLoad({ filter: /.*/, namespace: 'lazy' }, (args) => ({ contents: `module.exports = require(${JSON.stringify('./' + LAZY[args.path])});`, loader: 'js' }));
  },
});

const common = {
  bundle: true,
  minify: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  logLevel: 'warning',
  // import.meta.url (used to find presets/) has no CJS equivalent until this defines one.
  define: { 'import.meta.url': '__importMetaUrl' },
  banner: { js: "const __importMetaUrl = require('url').pathToFileURL(__filename).href;" },
};

rmSync(out, { recursive: true, force: true });
await build({ ...common, entryPoints: ['src/cli/main.ts'], outfile: path.join(out, 'tune-main.cjs'), plugins: [lazyPlugin(null)] });
for (const [src, file] of Object.entries(LAZY)) {
  await build({ ...common, entryPoints: [src], outfile: path.join(out, file), plugins: [lazyPlugin(src)] });
}

// The bin is a small loader that runs tune-main.cjs through V8's code cache (src/bin/tune.cjs); one
// warm run of the common path writes that cache.
const bin = path.join(out, 'tune.cjs');
copyFileSync(path.join(root, 'src/bin/tune.cjs'), bin);
chmodSync(bin, 0o755);
execFileSync(process.execPath, [bin, '--cpus', '2', '--mem', '1g', '--format', 'env'], {
  env: { PATH: process.env.PATH, WORKER_TUNE_WRITE_V8CACHE: '1' },
  stdio: 'ignore',
});
