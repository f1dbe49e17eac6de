/**
 * Model-selection harness for the intent model — cross-validation on BANKING77's TRAIN split only.
 * `npx tsx bench/intents-cv.ts --variant base[,aug,...] [--folds 0,1] [--data DIR]`
 * 5 stratified folds (per intent, seeded shuffle, seed 7); the listed folds are each scored by a model trained on
 * the other four. The test split is never read here. Not part of the product.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_FEATURES, Vectorizer, mulberry32, normalizeText, parseCsvExamples, rawFeatures, lightStem, type FeatureConfig, type LabelledExample } from '../src/domain/intents/index.js';
import { scoreRow, trainOvrSvm, type LinearWeights } from '../src/domain/intents/linear-svm.js';
import { shuffleInPlace } from '../src/domain/intents/rng.js';
import { tokenizeNormalized } from '../src/domain/intents/tokenize.js';

const argv = process.argv.slice(2);
const arg = (k: string, d: string): string => {
  const i = argv.indexOf(`--${k}`);
  return i >= 0 ? argv[i + 1] : d;
};
const dir = arg('data', '/work/shared/datasets/banking77');
const data = parseCsvExamples(readFileSync(path.join(dir, 'train.csv'), 'utf8'));
const foldsToRun = arg('folds', '0,1,2,3,4').split(',').map(Number);
const variants = arg('variant', 'base').split(',');
const K_FOLDS = 5;

const labels = [...new Set(data.map((d) => d.label))].sort();
const li = new Map(labels.map((l, i) => [l, i]));
const fold = new Int32Array(data.length);
{
  const byLabel = new Map<string, number[]>();
  data.forEach((d, i) => byLabel.set(d.label, [...(byLabel.get(d.label) ?? []), i]));
  const rand = mulberry32(7);
  for (const l of labels) {
    const idx = byLabel.get(l)!;
    shuffleInPlace(idx, rand);
    idx.forEach((i, r) => (fold[i] = r % K_FOLDS));
  }
}

type Raw = Map<string, number>;
interface Variant {
  cfg?: Partial<FeatureConfig>;
  C?: number;
  raw?: (text: string, cfg: FeatureConfig) => Raw;
  augment?: (train: LabelledExample[], rand: () => number) => LabelledExample[];
  rerank?: 'ovo' | 'ovo3';
}

function pairRaw(weightPrefix = 's', stop = false) {
  const STOP = new Set(['i', 'my', 'the', 'a', 'an', 'to', 'is', 'it', 'do', 'can', 'be', 'of', 'in', 'for', 'me', 'and', 'on', 'this', 'that', 'you', 'how', 'what', 'why', 'am', 'have', 'has']);
  return (text: string, cfg: FeatureConfig): Raw => {
    const m = rawFeatures(text, cfg);
    const toks = [...new Set(tokenizeNormalized(normalizeText(text)).map(lightStem))].filter((t) => !stop || !STOP.has(t)).sort();
    for (let i = 0; i < toks.length; i++) for (let j = i + 1; j < toks.length; j++) m.set(`${weightPrefix}${toks[i]}|${toks[j]}`, 1);
    return m;
  };
}

function negDigitRaw(text: string, cfg: FeatureConfig): Raw {
  let t = normalizeText(text).replace(/\d+/g, '0');
  const toks = tokenizeNormalized(t);
  const out: string[] = [];
  let neg = 0;
  for (const w of toks) {
    if (neg > 0) {
      out.push(`not_${w}`);
      neg--;
    } else out.push(w);
    if (/^(not|no|never|n't)$/.test(w) || w.endsWith("n't")) neg = 2;
  }
  t = out.join(' ');
  return rawFeatures(t, cfg);
}

function digitRaw(text: string, cfg: FeatureConfig): Raw {
  return rawFeatures(normalizeText(text).replace(/\d/g, '0'), cfg);
}

function dropAug(copies: number) {
  return (train: LabelledExample[], rand: () => number): LabelledExample[] => {
    const out = [...train];
    for (let c = 0; c < copies; c++) {
      for (const ex of train) {
        const toks = ex.text.split(/\s+/);
        if (toks.length < 4) continue;
        const j = Math.floor(rand() * toks.length);
        out.push({ text: toks.filter((_, i) => i !== j).join(' '), label: ex.label });
      }
    }
    return out;
  };
}

function swapAug(train: LabelledExample[], rand: () => number): LabelledExample[] {
  const out = dropAug(1)(train, rand);
  for (const ex of train) {
    const toks = ex.text.split(/\s+/);
    if (toks.length < 4) continue;
    const j = Math.floor(rand() * (toks.length - 1));
    [toks[j], toks[j + 1]] = [toks[j + 1], toks[j]];
    out.push({ text: toks.join(' '), label: ex.label });
  }
  return out;
}

const VARIANTS: Record<string, Variant> = {
  base: {},
  shipped: { cfg: { wordPairs: true } },
  aug1: { augment: dropAug(1) },
  aug2: { augment: dropAug(2) },
  augswap: { augment: swapAug },
  pairs05: { raw: pairRaw(), cfg: { weights: { word: 1, skip: 0.5, char: 1 } } },
  pairs03: { raw: pairRaw(), cfg: { weights: { word: 1, skip: 0.3, char: 1 } } },
  pairsstop05: { raw: pairRaw('s', true), cfg: { weights: { word: 1, skip: 0.5, char: 1 } } },
  char07: { cfg: { weights: { word: 1, skip: 0, char: 0.7 } } },
  char14: { cfg: { weights: { word: 1, skip: 0, char: 1.4 } } },
  char16: { cfg: { charMin: 1, charMax: 6 } },
  negdig: { raw: negDigitRaw },
  dig: { raw: digitRaw },
  ovo: { rerank: 'ovo' },
  ovo3: { rerank: 'ovo3' },
  pairsovo: { raw: pairRaw(), cfg: { weights: { word: 1, skip: 0.5, char: 1 } }, rerank: 'ovo' },
  pairsovo3: { raw: pairRaw(), cfg: { weights: { word: 1, skip: 0.5, char: 1 } }, rerank: 'ovo3' },
  pairsC1: { raw: pairRaw(), cfg: { weights: { word: 1, skip: 0.5, char: 1 } }, C: 1 },
  pairsC1ovo: { raw: pairRaw(), cfg: { weights: { word: 1, skip: 0.5, char: 1 } }, C: 1, rerank: 'ovo' },
  pairs10: { raw: pairRaw(), cfg: { weights: { word: 1, skip: 1, char: 1 } } },
  pairs07ovo: { raw: pairRaw(), cfg: { weights: { word: 1, skip: 0.7, char: 1 } }, rerank: 'ovo' },
  pairs10C1: { raw: pairRaw(), cfg: { weights: { word: 1, skip: 1, char: 1 } }, C: 1 },
  pairs10ovo: { raw: pairRaw(), cfg: { weights: { word: 1, skip: 1, char: 1 } }, rerank: 'ovo' },
  pairs14: { raw: pairRaw(), cfg: { weights: { word: 1, skip: 1.4, char: 1 } } },
  pairs20: { raw: pairRaw(), cfg: { weights: { word: 1, skip: 2, char: 1 } } },
  pairs14C1: { raw: pairRaw(), cfg: { weights: { word: 1, skip: 1.4, char: 1 } }, C: 1 },
  pairs07: { raw: pairRaw(), cfg: { weights: { word: 1, skip: 0.7, char: 1 } } },
  pairsaug: { raw: pairRaw(), cfg: { weights: { word: 1, skip: 0.5, char: 1 } }, augment: dropAug(1) },
};

function fit(texts: string[], cfg: FeatureConfig, rawFn: (t: string, c: FeatureConfig) => Raw) {
  const { vectorizer: vec, raw } = Vectorizer.fit(texts, cfg, rawFn);
  return { vec, X: vec.matrix(raw) };
}

/** One-vs-one binary SVMs for every pair, as sparse weight maps (only used to re-rank the OvR top two). */
function trainOvo(X: ReturnType<typeof fit>['X'], y: Int32Array, K: number, C: number) {
  const byClass: number[][] = Array.from({ length: K }, () => []);
  y.forEach((k, i) => byClass[k].push(i));
  const models = new Map<number, LinearWeights>();
  return (a: number, b: number): LinearWeights => {
    const key = a * K + b;
    let m = models.get(key);
    if (m) return m;
    const rows = [...byClass[a], ...byClass[b]];
    const indptr = new Int32Array(rows.length + 1);
    const nnz = rows.reduce((s, i) => s + X.indptr[i + 1] - X.indptr[i], 0);
    const indices = new Int32Array(nnz);
    const values = new Float32Array(nnz);
    let p = 0;
    rows.forEach((i, r) => {
      indices.set(X.indices.subarray(X.indptr[i], X.indptr[i + 1]), p);
      values.set(X.values.subarray(X.indptr[i], X.indptr[i + 1]), p);
      p += X.indptr[i + 1] - X.indptr[i];
      indptr[r + 1] = p;
    });
    const yy = Int32Array.from(rows, (i) => (y[i] === a ? 0 : 1));
    m = trainOvrSvm({ indptr, indices, values, rows: rows.length, dim: X.dim }, yy, 1, { C, maxIter: 60, eps: 0.1, seed: 7, bias: 1 });
    models.set(key, m);
    return m;
  };
}

for (const name of variants) {
  const v = VARIANTS[name];
  if (!v) throw new Error(`unknown variant ${name}`);
  // every variant starts from the model shipped before word pairs (wordPairs off) unless it says otherwise
  const cfg: FeatureConfig = { ...DEFAULT_FEATURES, wordPairs: false, ...v.cfg, weights: { ...DEFAULT_FEATURES.weights, ...v.cfg?.weights } };
  const C = v.C ?? 0.5;
  const accs: number[] = [];
  const secs: number[] = [];
  let top2 = 0;
  let nAll = 0;
  for (const f of foldsToRun) {
    let train = data.filter((_, i) => fold[i] !== f);
    const test = data.filter((_, i) => fold[i] === f);
    const c0 = process.cpuUsage();
    if (v.augment) train = v.augment(train, mulberry32(42 + f));
    const { vec, X } = fit(train.map((d) => d.text), cfg, v.raw ?? rawFeatures);
    const y = Int32Array.from(train, (d) => li.get(d.label)!);
    const W = trainOvrSvm(X, y, labels.length, { C, maxIter: 60, eps: 0.1, seed: 42, bias: 1 });
    const ovo = v.rerank ? trainOvo(X, y, labels.length, C) : null;
    let ok = 0;
    for (const ex of test) {
      const r = vec.row((v.raw ?? rawFeatures)(ex.text, cfg));
      const s = scoreRow(W, r.idx, r.val);
      let b1 = 0;
      let b2 = -1;
      for (let k = 1; k < s.length; k++) {
        if (s[k] > s[b1]) {
          b2 = b1;
          b1 = k;
        } else if (b2 < 0 || s[k] > s[b2]) b2 = k;
      }
      let pred = b1;
      if (ovo && v.rerank === 'ovo') {
        const [a, b] = b1 < b2 ? [b1, b2] : [b2, b1];
        const m = ovo(a, b);
        pred = scoreRow(m, r.idx, r.val)[0] > 0 ? a : b;
      } else if (ovo) {
        // round robin among the OvR top three: most pairwise wins; ties go to the OvR order
        const top = Array.from(s.keys()).sort((x, z) => s[z] - s[x]).slice(0, 3);
        const wins = new Map(top.map((k) => [k, 0]));
        for (let i = 0; i < top.length; i++) {
          for (let j = i + 1; j < top.length; j++) {
            const [a, b] = top[i] < top[j] ? [top[i], top[j]] : [top[j], top[i]];
            const w = scoreRow(ovo(a, b), r.idx, r.val)[0] > 0 ? a : b;
            wins.set(w, wins.get(w)! + 1);
          }
        }
        pred = top.reduce((best, k) => (wins.get(k)! > wins.get(best)! ? k : best), top[0]);
      }
      const gold = li.get(ex.label)!;
      if (pred === gold) ok++;
      if (gold === b1 || gold === b2) top2++;
      nAll++;
    }
    const cpu = process.cpuUsage(c0);
    accs.push(ok / test.length);
    secs.push((cpu.user + cpu.system) / 1e6);
    console.error(`${name} fold ${f}: ${((ok / test.length) * 100).toFixed(2)}% (${secs.at(-1)!.toFixed(1)} s CPU, dim ${vec.dim})`);
  }
  const mean = accs.reduce((a, b) => a + b, 0) / accs.length;
  console.log(JSON.stringify({ variant: name, folds: foldsToRun, acc: accs.map((a) => +(a * 100).toFixed(2)), mean: +(mean * 100).toFixed(2), top2: +((top2 / nAll) * 100).toFixed(2), cpu_s: secs.map((s) => +s.toFixed(1)) }));
}
