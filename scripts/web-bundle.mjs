// How the page's script is bundled (esbuild options), shared by scripts/build-web.mjs and bench/web.mjs.
// One classic script, not a module: Chromium refuses module scripts from file://, and the page must open
// from a double-click.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { presetTexts } from './preset-texts.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

// Modules the bundled dependencies require at load but never call on the page's paths: dotenv's parse()
// (check reads .env text) needs none of fs, path, os or crypto; cli-table3 needs @colors/colors (util, os)
// only to colour a table, which the page never asks for. They become empty modules.
const NODE_BUILTINS = /^(node:)?(fs|path|os|crypto|util)$/;

const pageModules = {
  name: 'page-modules',
  setup(b) {
    b.onResolve({ filter: /^virtual:presets$/ }, () => ({ path: 'presets', namespace: 'virtual' }));
    b.onLoad({ filter: /.*/, namespace: 'virtual' }, () => ({ contents: `export default ${JSON.stringify(presetTexts())};`, loader: 'js' }));
    // Only those dependencies get empty modules: our own code (src/, web/src/) importing a built-in would
    // break on the page at run time, so it fails the build instead.
    b.onResolve({ filter: NODE_BUILTINS }, (a) =>
      a.importer.includes(`${path.sep}node_modules${path.sep}`)
        ? { path: a.path, namespace: 'empty' }
        : { errors: [{ text: `${path.relative(root, a.importer)} imports ${a.path}, which the page does not have` }] },
    );
    b.onLoad({ filter: /.*/, namespace: 'empty' }, () => ({ contents: 'module.exports = {};', loader: 'js' }));
  },
};

/** The two scripts: app.js (the page and a recommendation), check.js (loaded for the check tab). */
export function pageBundle(outdir) {
  return {
    entryPoints: { app: path.join(root, 'web/src/main.ts'), check: path.join(root, 'web/src/check-entry.ts') },
    outdir,
    bundle: true,
    format: 'iife',
    platform: 'browser',
    // ES2022, the language level of tsconfig.json: Chrome/Edge 94, Firefox 93, Safari 16.4 and later.
    target: 'es2022',
    minify: true,
    legalComments: 'none',
    logLevel: 'warning',
    // src/check/python/literals.ts counts UTF-8 bytes with Buffer.byteLength (CPython's error positions);
    // the page gives it the same count from TextEncoder.
    inject: [path.join(root, 'web/src/buffer-shim.ts')],
    plugins: [pageModules],
    // bench/web.mjs splits the time to first result at this mark: the browser's part before, the page's after.
    banner: { js: "performance.mark('tune:script');" },
  };
}
