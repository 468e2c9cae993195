// Rounding and the text of figures, shared by the runs, the analysis and the report.
import { mib } from '../lib/index.mjs';

export const r2 = (x, d = 2) => (x == null || !Number.isFinite(x) ? null : Math.round(x * 10 ** d) / 10 ** d);

export const f0 = (x) => (x == null ? '–' : Math.round(x).toString());
export const f1 = (x) => (x == null ? '–' : x.toFixed(1));
export const f2 = (x) => (x == null ? '–' : x.toFixed(2));
export const M = (b) => (b == null ? '–' : mib(b, 1).toFixed(1));
export const rng = (s, f = f0) => (s.median == null ? '–' : s.n > 1 ? `${f(s.median)} [${f(s.min)}–${f(s.max)}]` : f(s.median));
export const ratioText = (r) => (!r || r.n === 0 ? '–' : r.n > 1 ? `${f2(r.median)} [${f2(r.min)}–${f2(r.max)}]` : f2(r.median));
export const PF = (p) => (p == null ? 'n/a' : p ? 'PASS' : '**FAIL**');
