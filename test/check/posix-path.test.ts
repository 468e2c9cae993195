// check's own POSIX path helpers agree with Node's path.posix on the shapes project files take.
import { posix } from 'node:path';
import { describe, expect, it } from 'vitest';
import { basename, dirname, join, normalize } from '../../src/check/posix-path.js';

const PATHS = ['', '.', '..', '/', '//', 'a', 'a/', '/a', '/a/', 'a/b', './a/b', 'a/./b/../c', 'a/../../b', '../x/y/', '/../a', 'a//b///c/', 'docker/web/Dockerfile', './k8s/deployment.yaml', '/x/..', 'a/..'];

describe('posix-path', () => {
  it.each(PATHS)('%j: normalize, dirname and basename as Node', (p) => {
    expect(normalize(p)).toBe(posix.normalize(p));
    expect(dirname(p)).toBe(posix.dirname(p));
    expect(basename(p)).toBe(posix.basename(p));
  });
  it('join as Node', () => {
    for (const [a, b] of [['a', 'b'], ['', 'b'], ['a/', '../c'], ['/x', 'y/z'], ['docker', './start.sh'], ['', ''], ['.', 'gunicorn.conf.py']])
      expect(join(a!, b!)).toBe(posix.join(a!, b!));
  });
});
