import { describe, expect, it } from 'vitest';
import { formatBytes, parseCpus, parseSize } from '../../src/core/units.js';

describe('parseSize', () => {
  it.each([
    ['512m', 512 * 2 ** 20],
    ['2g', 2 * 2 ** 30],
    ['1.5GiB', 1.5 * 2 ** 30],
    ['2048Mi', 2 * 2 ** 30],
    ['1073741824', 2 ** 30],
    ['2GB', 2 * 2 ** 30],
    ['1G', 1e9],
    [' 256 MiB ', 256 * 2 ** 20],
  ])('%s → %d bytes', (text, bytes) => expect(parseSize(text)).toEqual({ bytes }));

  it.each(['', 'abc', '-1g', '2 gigs', '1e3m', '2x'])('rejects %j with a sentence', (text) => {
    const r = parseSize(text);
    expect('error' in r && r.error).toMatch(/size|unit/);
  });
});

describe('parseCpus', () => {
  it.each([
    ['4', 4],
    ['1.5', 1.5],
    ['500m', 0.5],
    ['2000m', 2],
  ])('%s → %d', (text, cpus) => expect(parseCpus(text)).toEqual({ cpus }));
  it.each(['two', '-1', '', '1,5'])('rejects %j', (text) => expect('error' in parseCpus(text)).toBe(true));
});

it('formats bytes for people', () => {
  expect(formatBytes(2 * 2 ** 30)).toBe('2 GiB');
  expect(formatBytes(1843 * 2 ** 20)).toBe('1.8 GiB');
  expect(formatBytes(256 * 2 ** 20)).toBe('256 MiB');
});
