// The `tune` program: the real process around runCli (dist/bin/tune.js imports this bundle).
import { processIo } from './io.js';
import { runCli } from './program.js';

runCli(process.argv.slice(2), processIo()).then((code) => {
  process.exitCode = code;
});
