#!/usr/bin/env node
// The `tune` command. Thin: parse argv, resolve input, call the core, render, write. Every error
// becomes one line on stderr and a documented exit code; no stack trace reaches the user.
import { Command, CommanderError, Option } from 'commander';
import { RenderError } from '../render/types.js';
import { EXIT, UsageError } from './errors.js';
import { INPUT_OPTIONS } from './input-options.js';
import { VERSION } from './version.js';

export function buildProgram(): Command {
  const program = new Command('tune')
    .description('Recommend, write and check worker settings for gunicorn, uvicorn and waitress.')
    .version(VERSION, '-V, --version')
    .exitOverride()
    .showSuggestionAfterError(true)
    .configureOutput({ writeErr: (s) => process.stderr.write(s), writeOut: (s) => process.stdout.write(s) });

  addInputOptions(program);
  program
    .option('--preset <name>', 'machine values from presets/<name>.json (see tune presets), or a path to a preset file')
    .option('--env-file <path>', 'read TUNE_* settings from a dotenv file')
    .option('--profile <file>', 'measured memory profile from tune calibrate --save')
    .option('-f, --format <format>', 'table | json | env | gunicorn | compose | waitress | uvicorn | k8s', 'table')
    .option('--explain', 'give the reason for every value (table)')
    .option('-o, --out <file>', 'write to a file (atomically) instead of stdout')
    .option('--force', 'with --out: replace an existing file')
    .option('--no-color', 'no colour (also NO_COLOR=1)')
    .option('-q, --quiet', 'no warnings on stderr')
    .addHelpText(
      'after',
      `
Examples:
  tune --cpus 4 --mem 2g --class gthread
  tune --preset heroku-standard-2x --class uvicorn-worker --workload io --users 200 --explain
  tune --cpus 2 --mem 1g --class gthread --format env >> .env
  tune --preset aws-t3-small --class sync --format gunicorn --out gunicorn.conf.py
  tune check --mem 2g            (see tune check --help)

Exit codes: 0 ok · 1 does not fit the memory budget / check found errors · 2 bad usage or input`,
    )
    .action(async (opts: Record<string, unknown>) => {
      const { runTune } = await import('./tune-command.js');
      process.exitCode = await runTune(opts, process.env);
    });

  program
    .command('presets')
    .description('list the machine presets')
    .option('--json', 'as JSON')
    .action(async (opts: { json?: boolean }) => {
      const { runPresets } = await import('./presets-command.js');
      process.exitCode = runPresets(opts);
    });
  return program;
}

function addInputOptions(cmd: Command): void {
  for (const o of INPUT_OPTIONS) {
    cmd.addOption(new Option(o.arg ? `${o.flag} ${o.arg}` : o.flag, o.help));
    if (o.negatable) cmd.addOption(new Option(`--no-${o.flag.slice(2)}`, `turn ${o.flag} off`));
  }
}

export async function main(argv: string[]): Promise<void> {
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    // `tune … | head` closing the pipe is not an error of ours.
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  });
  try {
    await buildProgram().parseAsync(argv);
  } catch (e) {
    process.exitCode = reportError(e);
  }
}

function reportError(e: unknown): number {
  if (e instanceof CommanderError) {
    // commander already printed its message; help and version are not errors.
    if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') return EXIT.ok;
    process.stderr.write(`Run tune --help for usage.\n`);
    return EXIT.usage;
  }
  if (e instanceof UsageError || e instanceof RenderError || (e instanceof Error && e.name === 'WriteError')) {
    process.stderr.write(`tune: ${e.message}\n`);
    return EXIT.usage;
  }
  const message = e instanceof Error ? e.message : String(e);
  process.stderr.write(`tune: internal error: ${message}\nThis is a bug in worker-tune; please report it with the command you ran.\n`);
  return EXIT.internal;
}

void main(process.argv);
