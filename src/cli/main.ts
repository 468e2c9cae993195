// The `tune` program: the real process around runCli (dist/bin/tune.cjs loads this bundle, src/cli/launch.cjs).
import { processIo } from './io.js';
import { runCli } from './program.js';

runCli(process.argv.slice(2), processIo()).then((code) => {
  process.exitCode = code;
});
