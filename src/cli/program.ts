// The `tune` command line. Thin: parse argv, resolve input, call the core, render, write. Every error
// becomes one line on stderr and a documented exit code; no stack trace reaches the user.
import { Command, CommanderError, Option } from 'commander';
import { didYouMean } from '../check/did-you-mean.js';
import { EXIT, isUsageError, UsageError } from './errors.js';
import { INPUT_OPTIONS } from './input-options.js';
import type { Io } from './io.js';
import { VERSION } from './version.js';

function buildProgram(io: Io, setExit: (code: number) => void): Command {
  const program = new Command('tune')
    .description('Recommend, write and check worker settings for gunicorn, uvicorn and waitress.')
    .version(VERSION, '-V, --version')
    .exitOverride()
    .showSuggestionAfterError(true)
    // Options after a subcommand belong to it: `tune check --format json` is check's --format.
    .enablePositionalOptions()
    .configureOutput({ writeErr: (s) => io.err(s), writeOut: (s) => io.out(s), getOutHelpWidth: () => io.columns ?? 100, getErrHelpWidth: () => 100 });
  defineTune(program, io, setExit);
  defineCheck(program, io, setExit);
  defineCalibrate(program, io, setExit);
  defineInspect(program, io, setExit);
  definePresets(program, io, setExit);
  return program;
}

/** `tune` itself: recommend and write the settings. */
function defineTune(program: Command, io: Io, setExit: (code: number) => void): void {
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
    .option('-q, --quiet', 'no notes or warnings on stderr, no notes in the table')
    .addHelpText(
      'after',
      `
Examples:
  tune --cpus 4 --mem 2g --class gthread
  tune --preset heroku-standard-2x --class uvicorn-worker --workload io --users 200 --explain
  tune --cpus 2 --mem 1g --class gthread --format env >> .env
  tune --preset aws-t3-small --class sync --format gunicorn --out gunicorn.conf.py
  tune check --mem 2g            (see tune check --help)
  tune calibrate --app app:app --class gthread --save profile.json

Exit codes: 0 ok · 1 does not fit the memory budget / check found errors · 2 bad usage or input`,
    )
    .action(async (opts: Record<string, unknown>) => {
      const { runTune } = await import('./tune-command.js');
      setExit(await runTune(opts, io));
    });
}

/** `tune check`: read the project's configuration and fail when it cannot hold. */
function defineCheck(program: Command, io: Io, setExit: (code: number) => void): void {
  const check = program
    .command('check')
    .description('read the configuration a project already has and fail when it cannot hold (CI gate)')
    .argument('[files...]', '.env, gunicorn.conf.py, compose.yaml, Procfile, Dockerfile, start scripts, Kubernetes manifests, render.yaml; - reads standard input (default: found in --dir)')
    .option('--dir <dir>', 'where to look for those files', '.')
    .option('-c, --config <file>', 'the gunicorn config file the server loads')
    .option('--cmd <command>', 'the server command line, e.g. "gunicorn app:app -w 4"')
    .option('--env-from-process', "count this process's environment (a CI step's exported deploy variables) where it counts at run time")
    .option('--gunicorn-version <version>', 'judge against this gunicorn version [default: the pinned one, else the newest]')
    .option('--uvicorn-version <version>', 'judge against this uvicorn version [default: the pinned one, else the newest]')
    .option('--waitress-version <version>', 'judge against this waitress version [default: the pinned one, else the newest]')
    .option('--strict', 'warnings and unevaluable values fail too')
    .option('--suggest', "show each setting's current value beside what tune recommends")
    .option('-f, --format <format>', 'table | json | github', 'table')
    .option('--no-color', 'no colour (also NO_COLOR=1)')
    .addHelpText(
      'after',
      `
The memory budget is --mem, else the compose service's deploy.resources.limits.memory / mem_limit or
the Kubernetes container's resources.limits.memory. Files are read, never run: gunicorn.conf.py is
evaluated statically, start scripts are read as text. Exit codes: 0 clean, 1 errors found, 2 unreadable
or invalid input (with --format json, a JSON {"error": …} document).`,
    )
    .action(async (files: string[], opts: Record<string, unknown>) => {
      const { runCheck } = await import('./check-command.js');
      setExit(await runCheck(files, opts, io));
    });
  for (const o of INPUT_OPTIONS.filter((x) => !['workerClass', 'app', 'bind', 'preload', 'legacyUvicornWorker', 'gunicornVersion', 'uvicornVersion'].includes(x.field))) {
    check.addOption(new Option(o.arg ? `${o.flag} ${o.arg}` : o.flag, o.help));
  }
  check.option('--preset <name>', 'machine values from a preset').option('--profile <file>', 'measured memory profile from tune calibrate --save');
}

/** `tune calibrate`: measure the app under the real server. */
function defineCalibrate(program: Command, io: Io, setExit: (code: number) => void): void {
  const calibrate = program
    .command('calibrate')
    .description("measure your app's memory under the real server and recompute the recommendation with it")
    .addHelpText(
      'after',
      `
Runs the app on 127.0.0.1 (an ephemeral port) under the chosen server, measures the master's and each
worker's PSS at idle and under a short load it generates itself, and the CPU time per request.
--save writes a profile for tune --profile and tune check --profile. Exit codes: 0 ok, 1 the
recomputed recommendation does not fit, 2 bad usage, missing server, or an app that cannot start.

Example:
  tune calibrate --app myproject.wsgi:application --class gthread --app-dir . --save tune-profile.json`,
    )
    .action(async (opts: Record<string, unknown>) => {
      const { runCalibrate } = await import('./calibrate-command.js');
      setExit(await runCalibrate(opts, io));
    });
  addInputOptions(calibrate);
  calibrate
    .option('--app-dir <dir>', 'folder the app is imported from (the server\'s working directory) [default: current folder]')
    .option('--python <path>', 'Python that runs the server [default: /usr/bin/python3, else python3 on PATH]')
    .option('--workers <n>', 'worker processes to start (ignored for waitress) [default: 2]')
    .option('--duration <s>', 'seconds of load [default: 5]')
    .option('--concurrency <n>', 'keep-alive connections during the load [default: 64]')
    .option('--threads <n>', 'gthread, waitress: threads of the boot that measures what a busy thread costs; 1 skips it [default: the recommended threads]')
    .option('--path </url>', 'URL path to request; repeat it for the app\'s mix, each requested in turn [default: /]', (v: string, prev: string[] | undefined) => [...(prev ?? []), v])
    .option('--startup-timeout <s>', 'seconds to wait for the app to answer [default: 30]')
    .option('--save <file>', 'write the profile JSON (atomically) for tune --profile')
    .option('--force', 'with --save: replace an existing file')
    .option('-f, --format <format>', 'table | json', 'table')
    .option('--preset <name>', 'machine values from a preset, for the recomputed recommendation')
    .option('--env-file <path>', 'read TUNE_* settings from a dotenv file')
    .option('--explain', 'give the reason for every value')
    .option('--no-color', 'no colour (also NO_COLOR=1)')
    .option('-q, --quiet', 'no notes on stderr');
}

/** `tune inspect`: read a running server from /proc (src/cli/inspect-command.ts). */
function defineInspect(program: Command, io: Io, setExit: (code: number) => void): void {
  const inspect = program
    .command('inspect')
    .description('read a running gunicorn / uvicorn / waitress from /proc: what runs, its memory, the profile, and tune check of it')
    .option('--pid <pid>', "the server: its master, a worker, or a process it runs under [default: 1, a container's PID 1]")
    .option('--save <file>', 'write the measured profile JSON (atomically) for tune --profile')
    .option('--force', 'with --save: replace an existing file')
    .option('--strict', 'warnings fail too')
    .option('--suggest', 'show what tune recommends where a setting differs')
    .option('-f, --format <format>', 'table | json', 'table')
    .option('--no-color', 'no colour (also NO_COLOR=1)')
    .option('--preset <name>', 'machine values from a preset')
    .addHelpText(
      'after',
      `
Reads /proc only (the server is never signalled, traced or sent requests): the command line, the
environment and the gunicorn config file it loaded, each process's PSS, USS, threads and connections.
The budget is --mem, else the process's cgroup limit, else the machine's memory. Reading another
user's process needs root. Exit codes: 0 clean, 1 errors found, 2 no such process, not a server,
or /proc not readable.`,
    )
    .action(async (opts: Record<string, unknown>) => {
      const { runInspect } = await import('./inspect-command.js');
      setExit(await runInspect(opts, io));
    });
  for (const o of INPUT_OPTIONS.filter((x) => !['workerClass', 'app', 'bind', 'preload', 'legacyUvicornWorker', 'gunicornVersion', 'uvicornVersion', 'workerMem'].includes(x.field))) {
    inspect.addOption(new Option(o.arg ? `${o.flag} ${o.arg}` : o.flag, o.help));
  }
}

function definePresets(program: Command, io: Io, setExit: (code: number) => void): void {
  program
    .command('presets')
    .description('list the machine presets')
    .option('--json', 'as JSON')
    .action(async (opts: { json?: boolean }) => {
      const { runPresets } = await import('./presets-command.js');
      setExit(runPresets(opts, io));
    });
}

function addInputOptions(cmd: Command): void {
  for (const o of INPUT_OPTIONS) {
    cmd.addOption(new Option(o.arg ? `${o.flag} ${o.arg}` : o.flag, o.help));
    if (o.negatable) cmd.addOption(new Option(`--no-${o.flag.slice(2)}`, `turn ${o.flag} off`));
  }
}

const COMMANDS = ['check', 'calibrate', 'inspect', 'presets', 'help'];

/** Runs `tune` with the given argv (without node and script) and returns its exit code. */
export async function runCli(args: string[], io: Io): Promise<number> {
  let code: number = EXIT.ok;
  try {
    const program = buildProgram(io, (c) => (code = c));
    const first = args[0];
    // `tune` takes no operands: a first word that is not an option is a command, or a typo of one.
    if (first !== undefined && !first.startsWith('-') && !COMMANDS.includes(first)) {
      const near = didYouMean(first, COMMANDS);
      throw new UsageError(`unknown command "${first}"${near ? ` (did you mean tune ${near}?)` : ''}; commands: ${COMMANDS.slice(0, -1).join(', ')}, or none to recommend`);
    }
    if (first === 'help') {
      const sub = program.commands.find((c) => c.name() === args[1]);
      (sub ?? program).outputHelp();
      return EXIT.ok;
    }
    await program.parseAsync(args, { from: 'user' });
  } catch (e) {
    code = reportError(e, io);
  }
  return code;
}

function reportError(e: unknown, io: Io): number {
  if (e instanceof CommanderError) {
    // commander already printed its message; help and version are not errors.
    if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') return EXIT.ok;
    io.err(`Run tune --help for usage.\n`);
    return EXIT.usage;
  }
  if (isUsageError(e)) {
    io.err(`tune: ${oneLine(e.message)}\n`);
    return EXIT.usage;
  }
  const message = e instanceof Error ? e.message : String(e);
  io.err(`tune: internal error: ${oneLine(message)}\nThis is a bug in worker-tune; please report it with the command you ran.\n`);
  return EXIT.internal;
}

/** Error text is one line: a value echoed back must not smuggle in lines of its own. */
function oneLine(s: string): string {
  return s.replace(/[\r\n]+/g, ' ');
}
