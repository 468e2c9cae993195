// Exact decimal rounding of doubles, half to even, as CPython's round(x, n) does.
// (JS toFixed/toExponential round exact ties away from zero: (2.5).toFixed(0) is "3", Python "2".)

/** round_half_even(|x| * 10^scale), computed exactly from the double's binary value. */
function scaledInt(x: number, scale: number): bigint {
  const buf = new DataView(new ArrayBuffer(8));
  buf.setFloat64(0, Math.abs(x));
  const bits = buf.getBigUint64(0);
  const expBits = Number((bits >> 52n) & 0x7ffn);
  let mant = bits & ((1n << 52n) - 1n);
  let exp: number;
  if (expBits === 0) exp = -1074;
  else {
    mant |= 1n << 52n;
    exp = expBits - 1075;
  }
  let num = mant * (exp > 0 ? 1n << BigInt(exp) : 1n) * (scale > 0 ? 10n ** BigInt(scale) : 1n);
  const den = (exp < 0 ? 1n << BigInt(-exp) : 1n) * (scale < 0 ? 10n ** BigInt(-scale) : 1n);
  const q = num / den;
  num -= q * den;
  const twice = 2n * num;
  return twice > den || (twice === den && q % 2n === 1n) ? q + 1n : q;
}

/** x with `digits` decimals ("%.{digits}f"); x must be finite. */
export function fixed(x: number, digits: number): string {
  const n = scaledInt(x, digits).toString().padStart(digits + 1, '0');
  const sign = x < 0 || Object.is(x, -0) ? '-' : '';
  return digits === 0 ? sign + n : `${sign}${n.slice(0, -digits)}.${n.slice(-digits)}`;
}

