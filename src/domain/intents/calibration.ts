/** Temperature scaling and selective-classification threshold, both fitted on a validation split. */

export function softmax(scores: ArrayLike<number>, T: number, out: Float64Array<ArrayBuffer> = new Float64Array(scores.length)): Float64Array<ArrayBuffer> {
  let max = -Infinity;
  for (let k = 0; k < scores.length; k++) if (scores[k] > max) max = scores[k];
  let sum = 0;
  for (let k = 0; k < scores.length; k++) {
    out[k] = Math.exp((scores[k] - max) / T);
    sum += out[k];
  }
  for (let k = 0; k < scores.length; k++) out[k] /= sum;
  return out;
}

/** Mean negative log-likelihood of the gold classes under softmax(scores / T). */
export function nll(scores: Float64Array[], gold: number[], T: number): number {
  let s = 0;
  for (let i = 0; i < scores.length; i++) {
    const p = softmax(scores[i], T)[gold[i]];
    s -= Math.log(Math.max(p, 1e-12));
  }
  return s / Math.max(1, scores.length);
}

/** Temperature minimising validation NLL (golden-section search on log T in [1e-3, 1e2]). */
export function fitTemperature(scores: Float64Array[], gold: number[]): number {
  if (scores.length === 0) return 1;
  let a = Math.log(1e-3);
  let b = Math.log(1e2);
  const g = (Math.sqrt(5) - 1) / 2;
  let c = b - g * (b - a);
  let d = a + g * (b - a);
  let fc = nll(scores, gold, Math.exp(c));
  let fd = nll(scores, gold, Math.exp(d));
  for (let it = 0; it < 60; it++) {
    if (fc < fd) {
      b = d;
      d = c;
      fd = fc;
      c = b - g * (b - a);
      fc = nll(scores, gold, Math.exp(c));
    } else {
      a = c;
      c = d;
      fc = fd;
      d = a + g * (b - a);
      fd = nll(scores, gold, Math.exp(d));
    }
  }
  return Math.exp((a + b) / 2);
}

/** Expected calibration error with equal-width confidence bins. */
export function expectedCalibrationError(conf: number[], correct: boolean[], bins = 10): number {
  const n = conf.length;
  if (n === 0) return 0;
  let ece = 0;
  for (let b = 0; b < bins; b++) {
    const lo = b / bins;
    const hi = (b + 1) / bins;
    let cnt = 0;
    let sc = 0;
    let sa = 0;
    for (let i = 0; i < n; i++) {
      const c = conf[i];
      if ((c > lo || (b === 0 && c >= lo)) && c <= hi) {
        cnt++;
        sc += c;
        sa += correct[i] ? 1 : 0;
      }
    }
    if (cnt) ece += (cnt / n) * Math.abs(sa / cnt - sc / cnt);
  }
  return ece;
}

export interface ThresholdPoint {
  confidence: number;
  /** true when accepting this prediction is right (in-scope and correctly classified). */
  acceptIsRight: boolean;
}

/**
 * Confidence threshold maximising right decisions on the validation split: accept (confidence ≥ t) when the
 * prediction is right, reject when it is wrong or the query is out of scope. Ties → the lowest threshold.
 */
export function selectThreshold(points: ThresholdPoint[]): number {
  if (points.length === 0) return 0;
  const sorted = [...points].sort((a, b) => a.confidence - b.confidence);
  // threshold = sorted[i].confidence rejects points 0..i-1 and accepts i..n-1
  let acceptRight = sorted.filter((p) => p.acceptIsRight).length;
  let rejectRight = 0;
  let best = acceptRight;
  let bestT = 0;
  for (let i = 0; i < sorted.length; i++) {
    // move point i from accepted to rejected → threshold just above it
    if (sorted[i].acceptIsRight) acceptRight--;
    else rejectRight++;
    const next = i + 1 < sorted.length ? sorted[i + 1].confidence : 1;
    if (next === sorted[i].confidence) continue;
    const score = acceptRight + rejectRight;
    if (score > best) {
      best = score;
      bestT = (sorted[i].confidence + next) / 2;
    }
  }
  return bestT;
}
