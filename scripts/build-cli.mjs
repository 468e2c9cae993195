// Bundles the CLI into dist/bin with esbuild: one file to load instead of ~150 modules, which is what
// keeps `tune … --format env` near bare-node start-up (bench/startup.mjs). Code split per format and
// command, so the env format never loads yaml, chalk or cli-table3.
import { build } from 'esbuild';

await build({
  entryPoints: ['src/cli/main.ts'],
  outdir: 'dist/bin',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // commander and cli-table3 are CommonJS and require() node built-ins; give the ESM bundle a require.
  banner: { js: "import { createRequire as __wtCreateRequire } from 'node:module'; const require = __wtCreateRequire(import.meta.url);" },
  chunkNames: 'chunks/[name]-[hash]',
  logLevel: 'warning',
});
