// The README's sample outputs come from the real CLI. A sample is a ```console block right after a
// comment naming its command (`<!-- sample: tune --cpus 4 --mem 2g -->`); this script runs each command
// with the built bin (a clean environment, no colour) and writes its stdout into the block.
// `npm run readme` rewrites README.md; test/readme.test.ts fails when a block is stale.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SAMPLE = /<!-- sample: (tune[^>]*?) -->\n```console\n([\s\S]*?)```/g;

/** Words of a sample command (plain words only: the README's samples need no quoting). */
const words = (command) => command.trim().split(/\s+/).slice(1);

export function runSample(command) {
  const r = spawnSync(process.execPath, [path.join(root, 'dist/bin/tune.cjs'), ...words(command)], {
    // The check samples read the small project the README's examples are run in.
    cwd: path.join(root, 'test/fixtures/readme'),
    env: { PATH: process.env.PATH, NO_COLOR: '1', HOME: process.env.HOME ?? '/tmp', COLUMNS: '100' },
    encoding: 'utf8',
  });
  return `$ ${command}\n${r.stdout}`;
}

/** Each sample's command, what the README shows and what the CLI prints now. */
export function samples(text = readFileSync(path.join(root, 'README.md'), 'utf8')) {
  return [...text.matchAll(SAMPLE)].map((m) => ({ command: m[1], shown: m[2], printed: runSample(m[1]) }));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const file = path.join(root, 'README.md');
  const text = readFileSync(file, 'utf8');
  const out = text.replace(SAMPLE, (_, command) => `<!-- sample: ${command} -->\n\`\`\`console\n${runSample(command)}\`\`\``);
  writeFileSync(file, out);
  console.error(`readme: ${[...text.matchAll(SAMPLE)].length} sample(s) written`);
}
