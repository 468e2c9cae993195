// Word splitting. The shlex cases' expected words are what Python's shlex.split returns for
// the same input (checked against CPython 3.11).
import { describe, expect, it } from 'vitest';
import { shellCommands, shellWords } from '../../src/check/shell-words.js';

describe('shlex.split compatibility (shlex: true)', () => {
  it.each([
    ['gunicorn -w 4 app:app', ['gunicorn', '-w', '4', 'app:app']],
    ["  a   'b c'  \"d e\" ", ['a', 'b c', 'd e']],
    ['a\\ b c', ['a b', 'c']],
    ['"x\\$y" "p\\q" \'r\\s\'', ['x\\$y', 'p\\q', 'r\\s']],
    ['"a\\"b" c', ['a"b', 'c']],
    ["a\"b\"c'd'e", ['abcde']],
    ['--access-logfile - --bind="0.0.0.0:80"', ['--access-logfile', '-', '--bind=0.0.0.0:80']],
    ['"" x \'\'', ['', 'x', '']],
    ['a # not a comment', ['a', '#', 'not', 'a', 'comment']],
    ['$HOME ${X:-1} `date`', ['$HOME', '${X:-1}', '`date`']],
    ['x\\\ny', ['x\ny']],
    ['"multi\nline"', ['multi\nline']],
    ['tab\there', ['tab', 'here']],
    ['-w $(echo 4)', ['-w', '$(echo', '4)']],
  ])('%j', (input, words) => {
    expect(shellWords(input, { shlex: true })).toEqual({ words, variables: [], unresolved: [] });
  });

  it.each([
    ['"unterminated', 'unterminated double quote'],
    ["'unterminated", 'unterminated single quote'],
    ['"a" \'b', 'unterminated single quote'],
    ['trailing\\', 'nothing after the final backslash'],
  ])('%j is an error, not a throw', (input, error) => {
    expect(shellWords(input, { shlex: true }).error).toBe(error);
    expect(shellWords(input).error).toBe(error);
  });
});

describe('shell behaviour', () => {
  it('without env, $VAR and ${VAR:-d} stay as written (and are listed)', () => {
    expect(shellWords('gunicorn -w $WEB_CONCURRENCY -b "0.0.0.0:${PORT:-8000}" app')).toEqual({
      words: ['gunicorn', '-w', '$WEB_CONCURRENCY', '-b', '0.0.0.0:${PORT:-8000}', 'app'],
      variables: ['WEB_CONCURRENCY', 'PORT'],
      unresolved: [],
    });
  });

  it('with env, variables expand; unset ones stay as written and are unresolved', () => {
    const env = { WEB_CONCURRENCY: '3', EMPTY: '', OPTS: '--threads 4  --preload' };
    expect(shellWords('gunicorn -w $WEB_CONCURRENCY -b "0.0.0.0:${PORT:-8000}" $OPTS $EMPTY "$EMPTY" ${MISSING} app', { env })).toEqual({
      // Unquoted $OPTS is split into words; unquoted empty $EMPTY vanishes, quoted "$EMPTY" stays ''.
      words: ['gunicorn', '-w', '3', '-b', '0.0.0.0:8000', '--threads', '4', '--preload', '', '${MISSING}', 'app'],
      variables: ['WEB_CONCURRENCY', 'PORT', 'OPTS', 'EMPTY', 'MISSING'],
      unresolved: ['MISSING'],
    });
  });

  it.each([
    ['${A:-x}', { A: '' }, 'x'],
    ['${A-x}', { A: '' }, ''],
    ['${A-x}', {}, 'x'],
    ['${A:+set}', { A: '1' }, 'set'],
    ['${A:+set}', {}, ''],
    ['${A:-$B}', { B: 'b' }, 'b'],
    ["'$A'", { A: '1' }, '$A'],
    ['"\\$A"', { A: '1' }, '$A'],
    ['pre${A}post', { A: '1' }, 'pre1post'],
  ])('%s with %o → %j', (input, env, word) => {
    expect(shellWords(input, { env }).words.join(' ')).toBe(word);
  });

  it('command substitution and special parameters are kept and reported', () => {
    expect(shellWords('-w $(nproc --all) $1 "$@"', { env: {} })).toEqual({
      words: ['-w', '$(nproc --all)', '$1', '$@'],
      variables: [],
      unresolved: ['$(nproc --all)', '$1', '$@'],
    });
  });

  it('comments start at a word boundary only', () => {
    expect(shellWords('gunicorn app # run it\n', { comments: true }).words).toEqual(['gunicorn', 'app']);
    expect(shellWords('a#b', { comments: true }).words).toEqual(['a#b']);
  });
});

describe('shellCommands', () => {
  it('splits at control operators and drops redirections', () => {
    expect(
      shellCommands('cd /app && python manage.py migrate; exec gunicorn app:app >/dev/null 2>&1 || echo failed | tee log &\nnext').commands,
    ).toEqual([['cd', '/app'], ['python', 'manage.py', 'migrate'], ['exec', 'gunicorn', 'app:app'], ['echo', 'failed'], ['tee', 'log'], ['next']]);
  });

  it('operators inside quotes are words', () => {
    expect(shellCommands('sh -c "a && b; c" \'d|e\'').commands).toEqual([['sh', '-c', 'a && b; c', 'd|e']]);
  });
});

describe("a script's arguments and nested defaults", () => {
  it('$1, ${2:-d}, $#, "$@" (one word per argument) and $*', () => {
    const r = shellWords('a $1 ${2:-d} $# "$@" "x$*y"', { env: {}, positional: ['p q', 'r'] });
    expect(r.words).toEqual(['a', 'p', 'q', 'r', '2', 'p q', 'r', 'xp q ry']);
    expect(shellWords('exec "$@"', { env: {}, positional: [] }).words).toEqual(['exec']);
    expect(shellWords('${3:-three}', { env: {}, positional: ['a'] }).words).toEqual(['three']);
  });
  it('without arguments given they stay as written', () => {
    expect(shellWords('exec "$@" $1', { env: {} }).words).toEqual(['exec', '$@', '$1']);
  });
  it('${A:-${B:-"1"}} nests, quotes removed; absurd nesting stays as written instead of exhausting the stack', () => {
    expect(shellWords('-w ${A:-${B:-"1"}}', { env: {} }).words).toEqual(['-w', '1']);
    const deep = '${a:-'.repeat(5000) + 'x' + '}'.repeat(5000);
    expect(shellWords(deep, { env: {} }).words).toHaveLength(1);
  });
});
