// `tune` as one executable file for machines without Node (Python projects' CI images and servers), with
// Node's single executable applications: the CLI bundled as one CommonJS script with presets/ inside it
// (a single file has no folder beside it), a preparation blob from `node --experimental-sea-config`, and
// that blob injected into a copy of this Node binary with postject. Output: dist-sea/tune (gitignored).
// Linux only here (macOS would need the signature removed and re-added; Windows a .exe).
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { presetTexts } from './preset-texts.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// --out <dir> and --no-code-cache: bench/sea.mjs builds a second one to measure what the code cache saves.
const arg = (name) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : undefined);
const out = path.resolve(arg('--out') ?? path.join(root, 'dist-sea'));
const codeCache = !process.argv.includes('--no-code-cache');
const main = path.join(out, 'tune.cjs');
const blob = path.join(out, 'sea-prep.blob');
const exe = path.join(out, 'tune');
// The fuse Node's binary carries for postject to flip (nodejs.org/api/single-executable-applications.html).
const FUSE = 'NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2';

const started = Date.now();
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

// The same bundle as dist/cli.cjs (scripts/build.mjs), with the presets defined in it.
await build({
  entryPoints: [path.join(root, 'src/cli/main.ts')],
  outfile: main,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  minify: true,
  logLevel: 'warning',
  define: { 'import.meta.url': '__tuneModuleUrl', __TUNE_EMBEDDED_PRESETS__: JSON.stringify(presetTexts()) },
  banner: { js: "const __tuneModuleUrl = require('url').pathToFileURL(__filename).href;" },
});

// useCodeCache: V8's compiled code goes into the blob, as the compile cache does for the npm bin
// (src/cli/launch.cjs); what it saves at start-up is in bench/results/sea.md.
const config = path.join(out, 'sea-config.json');
writeFileSync(config, JSON.stringify({ main, output: blob, disableExperimentalSEAWarning: true, useCodeCache: codeCache }, null, 2));
execFileSync(process.execPath, ['--experimental-sea-config', config], { stdio: 'inherit' });

copyFileSync(process.execPath, exe);
chmodSync(exe, 0o755);
// Node's release binary carries its symbols (`file` says "with debug_info, not stripped"): 12 MiB a user
// never needs. Stripped before the blob goes in; without binutils' strip the file is only bigger.
const stripped = spawnSync('strip', [exe]).status === 0;
const postject = path.join(path.dirname(createRequire(import.meta.url).resolve('postject/package.json')), 'dist', 'cli.js');
// LIEF, inside postject, warns about every ELF note it cannot name ("Can't find string offset for section
// name '.note.100'"); the binary is fine (the tests run it), so those lines are dropped and others shown.
const injected = spawnSync(process.execPath, [postject, exe, 'NODE_SEA_BLOB', blob, '--sentinel-fuse', FUSE], { encoding: 'utf8' });
const said = `${injected.stdout}${injected.stderr}`.split('\n').filter((l) => l.trim() && !/^warning: Can't find string offset for section name '\.note(\.\d+)?'$/.test(l) && !/Start injection|Injection done|^💉/.test(l));
if (said.length) console.error(said.join('\n'));
if (injected.status !== 0) throw new Error(`postject failed (exit ${injected.status})`);
rmSync(blob);
rmSync(config);

const mib = (n) => `${(n / 2 ** 20).toFixed(1)} MiB`;
console.error(`build:sea: ${path.relative(root, exe)} ${mib(statSync(exe).size)} (Node ${process.version} ${process.platform}-${process.arch}${stripped ? ', stripped' : ''}${codeCache ? ', code cache' : ''}; the script ${mib(statSync(main).size)}) in ${((Date.now() - started) / 1000).toFixed(1)} s`);
