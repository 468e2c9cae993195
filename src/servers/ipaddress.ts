// Python's ipaddress.ip_address() and ip_network() (CPython 3.11 Lib/ipaddress.py) for the gunicorn
// validators that use them (forwarded_allow_ips, proxy_allow_ips since gunicorn 23): the same
// accepted forms and the same errors. Results are the objects' str().
import { PyError, repr, pyStr } from './py.js';

class AddressValueError extends Error {}

function parseOctet(o: string): number {
  if (!/^[0-9]{1,3}$/.test(o)) throw new AddressValueError(o);
  if (o !== '0' && o.startsWith('0')) throw new AddressValueError(`Leading zeros are not permitted in '${o}'`);
  const n = Number(o);
  if (n > 255) throw new AddressValueError(o);
  return n;
}

function parseV4(s: string): bigint {
  if (s.includes('/')) throw new AddressValueError(s);
  const parts = s.split('.');
  if (parts.length !== 4) throw new AddressValueError(s);
  return parts.reduce((acc, o) => (acc << 8n) | BigInt(parseOctet(o)), 0n);
}

function parseV6(full: string): { value: bigint; scope: string } {
  if (full.includes('/')) throw new AddressValueError(full);
  const pct = full.indexOf('%');
  const addr = pct < 0 ? full : full.slice(0, pct);
  const scope = pct < 0 ? '' : full.slice(pct + 1);
  if (pct >= 0 && (scope === '' || scope.includes('%'))) throw new AddressValueError(full);
  if (addr === '') throw new AddressValueError(full);
  const parts = addr.split(':');
  if (parts.length < 3) throw new AddressValueError(full);
  if (parts.at(-1)!.includes('.')) {
    const v4 = parseV4(parts.pop()!);
    parts.push(((v4 >> 16n) & 0xffffn).toString(16), (v4 & 0xffffn).toString(16));
  }
  if (parts.length > 9) throw new AddressValueError(full);
  let skip: number | undefined;
  for (let i = 1; i < parts.length - 1; i++) {
    if (parts[i] === '') {
      if (skip !== undefined) throw new AddressValueError(full);
      skip = i;
    }
  }
  let hi: number;
  let lo: number;
  let skipped: number;
  if (skip !== undefined) {
    hi = skip;
    lo = parts.length - skip - 1;
    if (parts[0] === '' && --hi !== 0) throw new AddressValueError(full);
    if (parts.at(-1) === '' && --lo !== 0) throw new AddressValueError(full);
    skipped = 8 - (hi + lo);
    if (skipped < 1) throw new AddressValueError(full);
  } else {
    if (parts.length !== 8 || parts[0] === '' || parts.at(-1) === '') throw new AddressValueError(full);
    [hi, lo, skipped] = [parts.length, 0, 0];
  }
  const hextet = (h: string): bigint => {
    if (!/^[0-9a-f]{1,4}$/i.test(h)) throw new AddressValueError(full);
    return BigInt(parseInt(h, 16));
  };
  let v = 0n;
  for (let i = 0; i < hi; i++) v = (v << 16n) | hextet(parts[i]!);
  v <<= 16n * BigInt(skipped);
  for (let i = -lo; i < 0; i++) v = (v << 16n) | hextet(parts.at(i)!);
  return { value: v, scope };
}

function v4Str(v: bigint): string {
  return [24n, 16n, 8n, 0n].map((s) => String((v >> s) & 255n)).join('.');
}

function v6Str(v: bigint, scope: string): string {
  const h = Array.from({ length: 8 }, (_, i) => ((v >> BigInt(16 * (7 - i))) & 0xffffn).toString(16));
  // The longest run (first on a tie) of two or more zero hextets becomes "::".
  let [best, bestLen, cur, curLen] = [-1, 0, -1, 0];
  h.forEach((x, i) => {
    if (x === '0') {
      if (cur < 0) [cur, curLen] = [i, 0];
      curLen++;
      if (curLen > bestLen) [best, bestLen] = [cur, curLen];
    } else [cur, curLen] = [-1, 0];
  });
  let out = h.join(':');
  if (bestLen > 1) {
    const left = h.slice(0, best).join(':');
    const right = h.slice(best + bestLen).join(':');
    out = `${left}::${right}`;
  }
  return scope ? `${out}%${scope}` : out;
}

/** ipaddress.ip_address(text): str() of the address, or the ValueError Python raises. */
export function ipAddress(text: string): string {
  try {
    return v4Str(parseV4(text));
  } catch (e) {
    if (!(e instanceof AddressValueError)) throw e;
  }
  try {
    const { value, scope } = parseV6(text);
    return v6Str(value, scope);
  } catch (e) {
    if (!(e instanceof AddressValueError)) throw e;
  }
  throw new PyError('ValueError', `${repr(pyStr(text))} does not appear to be an IPv4 or IPv6 address`);
}

function prefixFromString(p: string, max: number): number | undefined {
  if (!/^[0-9]+$/.test(p)) return undefined;
  const n = Number(p);
  return n <= max ? n : undefined;
}

/** A contiguous netmask (ones then zeros) as a prefix length. */
function prefixFromInt(v: bigint, bits: number): number | undefined {
  const ones = v.toString(2).padStart(bits, '0');
  return /^1*0*$/.test(ones) ? ones.indexOf('0') < 0 ? bits : ones.indexOf('0') : undefined;
}

function network(text: string, v6: boolean, strict: boolean): string {
  const parts = text.split('/');
  if (parts.length > 2) throw new AddressValueError(text);
  const bits = v6 ? 128 : 32;
  const { value, scope } = v6 ? parseV6(parts[0]!) : { value: parseV4(parts[0]!), scope: '' };
  let prefix = parts.length === 2 ? prefixFromString(parts[1]!, bits) : bits;
  if (prefix === undefined && !v6) {
    // IPv4 also takes a netmask (255.255.255.0) or a hostmask (0.0.0.255).
    let mask: bigint;
    try {
      mask = parseV4(parts[1]!);
    } catch {
      throw new AddressValueError(text);
    }
    prefix = prefixFromInt(mask, 32) ?? prefixFromInt(mask ^ 0xffffffffn, 32);
  }
  if (prefix === undefined) throw new AddressValueError(text);
  const netmask = ((1n << BigInt(bits)) - 1n) ^ ((1n << BigInt(bits - prefix)) - 1n);
  const show = (v: bigint, sc: string) => `${v6 ? v6Str(v, sc) : v4Str(v)}/${prefix}`;
  if ((value & netmask) !== value) {
    if (strict) throw new PyError('ValueError', `${show(value, scope)} has host bits set`);
    return show(value & netmask, ''); // the masked address is a new one, without the scope
  }
  return show(value, scope);
}

/** ipaddress.ip_network(text, strict): str() of the network, or the ValueError Python raises. */
export function ipNetwork(text: string, strict = true): string {
  for (const v6 of [false, true]) {
    try {
      return network(text, v6, strict);
    } catch (e) {
      if (!(e instanceof AddressValueError)) throw e;
    }
  }
  throw new PyError('ValueError', `${repr(pyStr(text))} does not appear to be an IPv4 or IPv6 network`);
}
