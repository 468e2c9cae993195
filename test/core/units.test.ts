import { describe, expect, it } from 'vitest';
import { formatBytes, formatBytesApart, parseCpus, parseDockerBytes, parseK8sBytes, parseK8sCpus, parseSize } from '../../src/core/units.js';

describe('parseSize: the convention of tune flags', () => {
  it.each([
    ['512m', 512 * 2 ** 20, '512m read as 512 MiB'],
    ['2g', 2 * 2 ** 30, '2g read as 2 GiB'],
    ['2gb', 2 * 2 ** 30, '2gb read as 2 GiB'],

    ['2G', 2e9, '2G read as 2 GB (decimal) = 1.86 GiB'],
    ['2GB', 2e9, '2GB read as 2 GB (decimal) = 1.86 GiB'],
    ['512M', 512e6, '512M read as 512 MB (decimal) = 488 MiB'],
  ])('%s → %d bytes, said as %j', (text, bytes, reading) => expect(parseSize(text)).toEqual({ bytes, reading }));
  it.each([
    ['1.5GiB', 1.5 * 2 ** 30],
    ['2048Mi', 2 * 2 ** 30],
    [' 256 MiB ', 256 * 2 ** 20],
  ])('%s → %d bytes: an IEC unit needs no explaining', (text, bytes) => expect(parseSize(text)).toEqual({ bytes }));

  it('a bare number is bytes, with nothing to explain', () => expect(parseSize('1073741824')).toEqual({ bytes: 2 ** 30 }));

  it.each(['', 'abc', '-1g', '2 gigs', '1e3m', '2x', '2Gi B'])('rejects %j with a sentence', (text) => {
    const r = parseSize(text);
    expect('error' in r && r.error).toMatch(/size|unit/);
  });
});

describe('parseDockerBytes: Docker and Compose read every unit as binary, whatever its case', () => {
  it.each<[string | number, number]>([
    ['1024M', 2 ** 30],
    ['1024m', 2 ** 30],
    ['1g', 2 ** 30],
    ['1G', 2 ** 30],
    ['1GB', 2 ** 30],
    ['1GiB', 2 ** 30],
    ['512 m', 512 * 2 ** 20],
    ['1073741824', 2 ** 30],
    [1073741824, 2 ** 30],
    ['0', 0],
  ])('%j → %d bytes', (text, bytes) => expect(parseDockerBytes(text)).toEqual({ bytes }));
  it.each(['lots', '1.2.3g', '-1g', '1x'])('rejects %j', (text) => expect('error' in parseDockerBytes(text)).toBe(true));
});

describe('parseK8sBytes / parseK8sCpus: Kubernetes quantities', () => {
  it.each<[string, number]>([
    ['512Mi', 512 * 2 ** 20],
    ['1Gi', 2 ** 30],
    ['1G', 1e9],
    ['1024M', 1.024e9],
    ['128k', 128e3],
    ['1e9', 1e9],
    ['1500m', 2], // 1.5 bytes, rounded up as the kubelet does
    ['268435456', 2 ** 28],
  ])('%s → %d bytes', (text, bytes) => expect(parseK8sBytes(text)).toEqual({ bytes }));
  it.each(['1K', '1GB', 'lots', '-1Gi'])('rejects %j (not a Kubernetes quantity)', (text) => expect('error' in parseK8sBytes(text)).toBe(true));
  it.each<[string, number]>([
    ['500m', 0.5],
    ['2', 2],
    ['1.5', 1.5],
    ['250m', 0.25],
  ])('CPU %s → %d', (text, cpus) => expect(parseK8sCpus(text)).toEqual({ cpus }));
});

describe('formatBytesApart', () => {
  it('prints two different sizes differently', () => {
    expect(formatBytesApart(270.3 * 2 ** 20, 270 * 2 ** 20)).toEqual(['270.3 MiB', '270 MiB']);
    expect(formatBytesApart(2 ** 30, 2 ** 30)).toEqual(['1 GiB', '1 GiB']);
    expect(formatBytesApart(512 * 2 ** 20, 2 ** 30)).toEqual(['512 MiB', '1 GiB']);
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
