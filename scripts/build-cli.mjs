// Bundles the CLI for start-up speed: `tune … --format env` must start within 1.5× of bare `node`
// (bench/startup.mjs). One minified CommonJS file for the common path (CJS loads faster than Node 20's
// ESM loader, and one file beats ~150 module look-ups), and separate bundles for what only some runs
// need — the table (chalk, cli-table3), YAML formats (yaml), check and calibrate — loaded on demand.
import { rmSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const out = path.join(root, 'dist/bin');

/** Source modules that become their own bundle, and the file name it gets beside tune.cjs. */
const LAZY = {
  'src/render/table.ts': 'render-table.cjs',
  'src/render/compose.ts': 'render-compose.cjs',
  'src/render/k8s.ts': 'render-k8s.cjs',
  'src/render/check/table.ts': 'render-check-table.cjs',
};

// An import of a lazy module from another bundle becomes a require() of that bundle's file.
const lazyPlugin = (self) => ({
  name: 'lazy-bundles',
  setup(b) {
    b.onResolve({ filter: /^\.\.?\// }, (args) => {
      const abs = path.resolve(args.resolveDir, args.path).replace(/\.js$/, '.ts');
      const rel = path.relative(root, abs);
      if (rel in LAZY && rel !== self) return { path: `./${LAZY[rel]}`, external: true };
      return undefined;
    });
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
await build({ ...common, entryPoints: ['src/cli/main.ts'], outfile: path.join(out, 'tune.cjs'), plugins: [lazyPlugin(null)] });
for (const [src, file] of Object.entries(LAZY)) {
  await build({ ...common, entryPoints: [src], outfile: path.join(out, file), plugins: [lazyPlugin(src)] });
}
