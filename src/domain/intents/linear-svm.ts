/**
 * One-vs-rest L2-regularised L2-loss linear SVM, trained by dual coordinate descent
 * (Hsieh et al. 2008, the LIBLINEAR "-s 1" solver) with a regularised bias feature.
 * Deterministic: the visiting order comes from a seeded PRNG.
 */
import type { SparseRows } from './features.js';
import { mulberry32 } from '../../platform/prng.js';
import { shuffleInPlace } from './rng.js';

export interface SvmOptions {
  C: number;
  maxIter: number;
  eps: number;
  seed: number;
  bias: number;
  /** Called after each class is trained (for progress bars). */
  onClass?: (done: number, total: number) => void;
}

/** Weights stored feature-major: w[j * K + k]; bias b[k]. */
export interface LinearWeights {
  K: number;
  dim: number;
  w: Float32Array;
  b: Float32Array;
}

export function trainOvrSvm(X: SparseRows, y: Int32Array, K: number, opt: SvmOptions): LinearWeights {
  const { indptr, indices, values, rows: n, dim } = X;
  const w = new Float32Array(dim * K);
  const b = new Float32Array(K);
  const qd = new Float64Array(n);
  const Dii = 1 / (2 * opt.C);
  for (let i = 0; i < n; i++) {
    let s = opt.bias * opt.bias;
    for (let p = indptr[i]; p < indptr[i + 1]; p++) s += values[p] * values[p];
    qd[i] = s + Dii;
  }
  const wk = new Float64Array(dim);
  const alpha = new Float64Array(n);
  const order = new Int32Array(n);
  for (let k = 0; k < K; k++) {
    wk.fill(0);
    alpha.fill(0);
    let bk = 0;
    const rand = mulberry32(opt.seed + k * 7919);
    for (let i = 0; i < n; i++) order[i] = i;
    // LIBLINEAR's shrinking: examples whose alpha stays at 0 with a large gradient leave the active set
    let active = n;
    let pgMaxOld = Infinity;
    for (let iter = 0; iter < opt.maxIter; iter++) {
      shuffleInPlace(order.subarray(0, active), rand);
      let pgMax = -Infinity;
      let pgMin = Infinity;
      for (let t = 0; t < active; t++) {
        const i = order[t];
        const yi = y[i] === k ? 1 : -1;
        let dot = bk * opt.bias;
        for (let p = indptr[i]; p < indptr[i + 1]; p++) dot += wk[indices[p]] * values[p];
        const G = yi * dot - 1 + Dii * alpha[i];
        const a = alpha[i];
        let PG = 0;
        if (a === 0) {
          if (G > pgMaxOld) {
            active--;
            order[t] = order[active];
            order[active] = i;
            t--;
            continue;
          }
          if (G < 0) PG = G;
        } else PG = G;
        if (PG > pgMax) pgMax = PG;
        if (PG < pgMin) pgMin = PG;
        if (Math.abs(PG) > 1e-12) {
          const na = Math.max(a - G / qd[i], 0);
          const d = (na - a) * yi;
          if (d !== 0) {
            alpha[i] = na;
            for (let p = indptr[i]; p < indptr[i + 1]; p++) wk[indices[p]] += d * values[p];
            bk += d * opt.bias;
          }
        }
      }
      if (pgMax - pgMin <= opt.eps) {
        if (active === n) break;
        active = n;
        pgMaxOld = Infinity;
        continue;
      }
      pgMaxOld = pgMax <= 0 ? Infinity : pgMax;
    }
    for (let j = 0; j < dim; j++) w[j * K + k] = wk[j];
    b[k] = bk * opt.bias;
    opt.onClass?.(k + 1, K);
  }
  return { K, dim, w, b };
}

/** Scores of one sparse row for all classes. */
export function scoreRow(W: LinearWeights, idx: Int32Array, val: Float32Array, out: Float64Array<ArrayBuffer> = new Float64Array(W.K)): Float64Array<ArrayBuffer> {
  const { K, w, b } = W;
  for (let k = 0; k < K; k++) out[k] = b[k];
  for (let p = 0; p < idx.length; p++) {
    const base = idx[p] * K;
    const v = val[p];
    for (let k = 0; k < K; k++) out[k] += w[base + k] * v;
  }
  return out;
}
