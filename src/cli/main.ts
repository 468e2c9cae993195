#!/usr/bin/env node
// The `tune` binary: the real process around runCli.
import { processIo } from './io.js';
import { runCli } from './program.js';

process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  // `tune … | head` closing the pipe is not an error of ours.
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
});
runCli(process.argv.slice(2), processIo()).then((code) => {
  process.exitCode = code;
});
