#!/usr/bin/env sh
':' //; exec node -- "$0" "$@"
// The `tune` bin. The two lines above are sh and JavaScript at once: sh runs node with `--` before this
// file, because every Node from 20 to 26 reads `--env-file <path>` even after the script name and exits 9
// when the file is missing (nodejs/node#54232); after `--` it does not. To JavaScript the second line is
// a string and a comment. `env sh`, not `env -S node --`: BusyBox env (Alpine) has no -S.
//
// It loads the one CommonJS bundle (../cli.cjs) through a compile cache. Compiling the bundle is most of
// a cold start: `npm run bench:startup` measured 3.1× bare `node -e 0` without a cache and 1.9× with one
// (README, "Benchmarks"). Node ≥ 22.1 has the cache built in (module.enableCompileCache); on Node 20 the
// same is done here with V8's code cache. The cache lives in the user's cache folder, is written after a
// run that had none, and is best effort: a read-only or missing folder only means no cache.
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const Module = require('module');

const bundle = path.join(__dirname, '..', 'cli.cjs');

function cacheDir() {
  if (process.env.TUNE_NO_COMPILE_CACHE) return undefined;
  const base = process.env.XDG_CACHE_HOME || (os.homedir() ? path.join(os.homedir(), '.cache') : undefined);
  return base && path.join(base, 'worker-tune');
}

function run() {
  const dir = cacheDir();
  if (dir && typeof Module.enableCompileCache === 'function') {
    try {
      Module.enableCompileCache(dir);
    } catch {
      // no cache here
    }
    require(bundle);
    return;
  }
  const vm = require('vm');
  const source = fs.readFileSync(bundle, 'utf8');
  // One cache per bundle and Node: V8 also rejects a cache of another version by itself.
  const stat = fs.statSync(bundle);
  const cacheFile = dir && path.join(dir, `cli-${stat.size}-${Math.round(stat.mtimeMs)}-${process.version}.v8cache`);
  let cachedData;
  try {
    if (cacheFile) cachedData = fs.readFileSync(cacheFile);
  } catch {
    // first run, or no cache folder
  }
  const script = new vm.Script(Module.wrap(source), { filename: bundle, cachedData });
  if (cacheFile && (!cachedData || script.cachedDataRejected)) {
    // After the run, so the cache holds the functions a run compiles too.
    process.once('exit', () => {
      try {
        fs.mkdirSync(dir, { recursive: true });
        const tmp = `${cacheFile}.${process.pid}.tmp`;
        fs.writeFileSync(tmp, script.createCachedData());
        fs.renameSync(tmp, cacheFile);
      } catch {
        // read-only or full: run without a cache next time too
      }
    });
  }
  const mod = new Module(bundle, module);
  mod.filename = bundle;
  mod.paths = Module._nodeModulePaths(path.dirname(bundle));
  script.runInThisContext().call(mod.exports, mod.exports, Module.createRequire(bundle), mod, bundle, path.dirname(bundle));
}

run();
