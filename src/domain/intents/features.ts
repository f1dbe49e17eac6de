/**
 * TF-IDF vectoriser over four feature blocks, each L2-normalised then weighted:
 * word n-grams (light-stemmed), order-preserving word skip-pairs, character n-grams inside word
 * boundaries (sklearn's "char_wb"), and unordered word pairs (two distinct light-stemmed words that occur
 * anywhere in the same text — second-order features a linear model cannot build itself).
 * Sublinear tf (1 + ln tf), smoothed idf, min document frequency.
 */
import { isNoSpaceScript, lightStem, normalizeText, tokenizeNormalized } from './tokenize.js';

export interface FeatureConfig {
  wordMaxN: number; // word n-grams 1..wordMaxN
  skipWindow: number; // pairs (w_i, w_j) with 1 < j - i <= skipWindow; 0 = off
  charMin: number;
  charMax: number;
  minDf: number;
  stem: boolean;
  /** Unordered co-occurring word pairs (block "p"); absent in models trained before they existed. */
  wordPairs?: boolean;
  weights: { word: number; skip: number; char: number; pair?: number };
}

/** Word pairs are built from at most this many distinct words of a text (bounds the cost at 2,016 pairs). */
export const MAX_PAIR_WORDS = 64;

export const DEFAULT_FEATURES: FeatureConfig = {
  wordMaxN: 2,
  skipWindow: 0,
  charMin: 2,
  charMax: 5,
  minDf: 2,
  stem: true,
  wordPairs: true,
  weights: { word: 1, skip: 0.5, char: 1, pair: 1 },
};

export interface SparseRows {
  indptr: Int32Array;
  indices: Int32Array;
  values: Float32Array;
  rows: number;
  dim: number;
}

type Block = 0 | 1 | 2 | 3;
type RawFeatures = Map<string, number>;

function add(m: RawFeatures, k: string): void {
  m.set(k, (m.get(k) ?? 0) + 1);
}

/** Raw term counts of one text; keys are prefixed by block: "w" word, "s" skip, "c" char, "p" word pair. */
export function rawFeatures(text: string, cfg: FeatureConfig): RawFeatures {
  const norm = normalizeText(text);
  const toks = tokenizeNormalized(norm);
  const m: RawFeatures = new Map();
  const words = cfg.stem ? toks.map(lightStem) : toks;
  for (let n = 1; n <= cfg.wordMaxN; n++) {
    for (let i = 0; i + n <= words.length; i++) add(m, `w${words.slice(i, i + n).join(' ')}`);
  }
  if (cfg.skipWindow > 1) {
    for (let i = 0; i < words.length; i++) {
      for (let j = i + 2; j <= i + cfg.skipWindow && j < words.length; j++) add(m, `s${words[i]} ${words[j]}`);
    }
  }
  if (cfg.wordPairs) {
    const distinct = [...new Set(words)].slice(0, MAX_PAIR_WORDS).sort();
    for (let i = 0; i < distinct.length; i++) {
      for (let j = i + 1; j < distinct.length; j++) m.set(`p${distinct[i]}|${distinct[j]}`, 1);
    }
  }
  // char_wb: n-grams of each token padded with spaces (tokens of no-space scripts are joined in runs)
  const units: string[] = [];
  let run = '';
  for (const t of toks) {
    if (isNoSpaceScript(t)) run += t;
    else {
      if (run) units.push(run);
      run = '';
      units.push(t);
    }
  }
  if (run) units.push(run);
  for (const u of units) {
    const p = ` ${u} `;
    const cps = Array.from(p);
    for (let n = cfg.charMin; n <= cfg.charMax; n++) {
      if (n > cps.length) break;
      for (let i = 0; i + n <= cps.length; i++) add(m, `c${cps.slice(i, i + n).join('')}`);
    }
  }
  return m;
}

function blockOf(key: string): Block {
  const c = key.charCodeAt(0);
  return c === 119 /* w */ ? 0 : c === 115 /* s */ ? 1 : c === 112 /* p */ ? 3 : 2;
}

export interface VectorizerState {
  config: FeatureConfig;
  vocab: string[];
  idf: number[];
}

export class Vectorizer {
  readonly index: Map<string, number>;
  private readonly blocks: Uint8Array;
  private readonly idf: Float64Array;

  constructor(readonly state: VectorizerState) {
    this.index = new Map(state.vocab.map((k, i) => [k, i]));
    this.blocks = Uint8Array.from(state.vocab, blockOf);
    this.idf = Float64Array.from(state.idf);
  }

  get dim(): number {
    return this.state.vocab.length;
  }

  /** Vocabulary and idf from `texts`; `extract` is the raw-feature function (experiments may pass a variant). */
  static fit(
    texts: string[], cfg: FeatureConfig, extract: (text: string, cfg: FeatureConfig) => RawFeatures = rawFeatures,
  ): { vectorizer: Vectorizer; raw: RawFeatures[] } {
    const raw = texts.map((t) => extract(t, cfg));
    const df = new Map<string, number>();
    for (const r of raw) for (const k of r.keys()) df.set(k, (df.get(k) ?? 0) + 1);
    const vocab = [...df.entries()].filter(([, d]) => d >= cfg.minDf).map(([k]) => k).sort();
    const n = texts.length;
    const idf = vocab.map((k) => Math.log((1 + n) / (1 + (df.get(k) ?? 0))) + 1);
    return { vectorizer: new Vectorizer({ config: cfg, vocab, idf }), raw };
  }

  /** One row: sorted feature indices and weights. */
  row(raw: RawFeatures): { idx: Int32Array; val: Float32Array } {
    const cfg = this.state.config;
    const bw = [cfg.weights.word, cfg.weights.skip, cfg.weights.char, cfg.weights.pair ?? 0];
    const pairs: Array<[number, number]> = [];
    const norms = [0, 0, 0, 0];
    for (const [k, tf] of raw) {
      const j = this.index.get(k);
      if (j === undefined) continue;
      const v = (1 + Math.log(tf)) * this.idf[j];
      pairs.push([j, v]);
      norms[this.blocks[j]] += v * v;
    }
    pairs.sort((a, b) => a[0] - b[0]);
    const scale = norms.map((s, b) => (s > 0 ? bw[b] / Math.sqrt(s) : 0));
    const idx = new Int32Array(pairs.length);
    const val = new Float32Array(pairs.length);
    pairs.forEach(([j, v], i) => {
      idx[i] = j;
      val[i] = v * scale[this.blocks[j]];
    });
    return { idx, val };
  }

  transformText(text: string): { idx: Int32Array; val: Float32Array } {
    return this.row(rawFeatures(text, this.state.config));
  }

  matrix(raws: RawFeatures[]): SparseRows {
    const rows = raws.map((r) => this.row(r));
    const nnz = rows.reduce((s, r) => s + r.idx.length, 0);
    const indptr = new Int32Array(rows.length + 1);
    const indices = new Int32Array(nnz);
    const values = new Float32Array(nnz);
    let p = 0;
    rows.forEach((r, i) => {
      indices.set(r.idx, p);
      values.set(r.val, p);
      p += r.idx.length;
      indptr[i + 1] = p;
    });
    return { indptr, indices, values, rows: rows.length, dim: this.dim };
  }
}
