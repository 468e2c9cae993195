#!/bin/sh
':' //; exec node -- "$0" "$@"
'use strict';
// The two lines above are sh and JavaScript at once. sh runs node with `--` before this file, because
// every Node from 20 to 26 reads `--env-file <path>` even after the script name and exits 9 when the
// file is missing (nodejs/node#54232); after `--` it does not. To JavaScript the second line is a
// string and a comment. `#!/bin/sh` rather than `#!/usr/bin/env -S node --`: BusyBox env (Alpine) has no -S.
// The `tune` binary: loads the bundled CLI (tune-main.cjs) through V8's code cache, which the build
// writes after one warm run. Compiling the bundle is a third of a cold start; with the cache V8 skips
// it. A cache from another Node/V8 is rejected by V8 itself and the bundle compiles as usual.
const fs = require('fs');
const path = require('path');
const vm = require('vm');
const Module = require('module');

const file = path.join(__dirname, 'tune-main.cjs');
const cacheFile = path.join(__dirname, 'tune-main.v8cache');
const source = fs.readFileSync(file, 'utf8').replace(/^#!.*/, '');
let cachedData;
try {
  cachedData = fs.readFileSync(cacheFile);
} catch {
  // no cache: compile normally
}
const script = new vm.Script(Module.wrap(source), { filename: file, cachedData });
const mod = new Module(file, module);
mod.filename = file;
mod.paths = Module._nodeModulePaths(__dirname);
script.runInThisContext().call(mod.exports, mod.exports, Module.createRequire(file), mod, file, __dirname);

// The build sets this once, after bundling, so the cache also holds the functions a run compiles.
if (process.env.WORKER_TUNE_WRITE_V8CACHE === '1') process.on('exit', () => fs.writeFileSync(cacheFile, script.createCachedData()));
