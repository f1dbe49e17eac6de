/**
 * The intent model: TF-IDF (word 1–2-grams + char_wb 2–5-grams + unordered word pairs) → one-vs-rest linear SVM, softmax over the
 * margins with a temperature fitted on a validation split carved from the training data, and a
 * confidence threshold (same split) below which the query is out of scope or needs a clarifying question.
 * Final weights are retrained on all training data; temperature and threshold come from the split.
 */
import { fitTemperature, selectThreshold, softmax } from './calibration.js';
import { DEFAULT_FEATURES, Vectorizer, type FeatureConfig, type VectorizerState } from './features.js';
import { scoreRow, trainOvrSvm, type LinearWeights } from './linear-svm.js';
import { mulberry32 } from '../../platform/prng.js';
import { shuffleInPlace } from './rng.js';

export interface LabelledExample {
  text: string;
  label: string;
}

export interface TrainOptions {
  seed?: number;
  C?: number;
  features?: Partial<FeatureConfig>;
  /** Fraction of each intent held out for calibration and threshold selection. */
  validationFraction?: number;
  /** Label of out-of-scope examples in the training data (if any). */
  oosLabel?: string;
  onProgress?: (done: number, total: number, phase: string) => void;
}

export interface IntentModelState {
  version: 1;
  labels: string[];
  oosLabel: string | null;
  vectorizer: VectorizerState;
  weights: LinearWeights;
  temperature: number;
  threshold: number;
  seed: number;
  C: number;
  stats: { examples: number; validation: number; validationAccuracy: number; trainSeconds: number };
}

export type Decision = 'intent' | 'clarify' | 'out_of_scope';

export interface Classification {
  intent: string | null;
  confidence: number;
  decision: Decision;
  top: Array<{ intent: string; confidence: number }>;
}

const DEFAULT_C = 0.5;

function stratifiedSplit(data: LabelledExample[], fraction: number, seed: number): { train: number[]; val: number[] } {
  const byLabel = new Map<string, number[]>();
  data.forEach((d, i) => byLabel.set(d.label, [...(byLabel.get(d.label) ?? []), i]));
  const rand = mulberry32(seed);
  const train: number[] = [];
  const val: number[] = [];
  for (const label of [...byLabel.keys()].sort()) {
    const idx = byLabel.get(label)!;
    shuffleInPlace(idx, rand);
    const nVal = idx.length >= 4 ? Math.max(1, Math.round(idx.length * fraction)) : 0;
    val.push(...idx.slice(0, nVal));
    train.push(...idx.slice(nVal));
  }
  return { train, val };
}

function fitCore(data: LabelledExample[], labels: string[], cfg: FeatureConfig, C: number, seed: number, onClass?: (d: number, t: number) => void) {
  const li = new Map(labels.map((l, i) => [l, i]));
  const { vectorizer, raw } = Vectorizer.fit(data.map((d) => d.text), cfg);
  const X = vectorizer.matrix(raw);
  const y = Int32Array.from(data, (d) => li.get(d.label)!);
  const weights = trainOvrSvm(X, y, labels.length, { C, maxIter: 60, eps: 0.1, seed, bias: 1, onClass });
  return { vectorizer, weights };
}

export function trainIntentModel(examples: LabelledExample[], opt: TrainOptions = {}): IntentModel {
  const t0 = performance.now();
  const data = examples
    .map((e) => ({ text: e.text.trim(), label: e.label.trim() }))
    .filter((e) => e.text && e.label);
  const labels = [...new Set(data.map((d) => d.label))].sort();
  if (labels.length < 2) throw new Error('need at least two intents to train');
  const seed = opt.seed ?? 42;
  const C = opt.C ?? DEFAULT_C;
  const cfg: FeatureConfig = {
    ...DEFAULT_FEATURES,
    minDf: data.length >= 2000 ? 2 : 1,
    ...opt.features,
    weights: { ...DEFAULT_FEATURES.weights, ...opt.features?.weights },
  };
  const oos = opt.oosLabel && labels.includes(opt.oosLabel) ? opt.oosLabel : null;
  const total = labels.length * 2;
  const split = stratifiedSplit(data, opt.validationFraction ?? 0.1, seed);
  const trainPart = split.train.map((i) => data[i]);
  const valPart = split.val.map((i) => data[i]);
  const probe = fitCore(trainPart, labels, cfg, C, seed, (d) => opt.onProgress?.(d, total, 'calibrating'));
  const li = new Map(labels.map((l, i) => [l, i]));
  const valScores = valPart.map((d) => {
    const r = probe.vectorizer.transformText(d.text);
    return scoreRow(probe.weights, r.idx, r.val);
  });
  const gold = valPart.map((d) => li.get(d.label)!);
  const temperature = fitTemperature(valScores, gold);
  let valOk = 0;
  const points = valScores.map((s, i) => {
    const p = softmax(s, temperature);
    let best = 0;
    for (let k = 1; k < p.length; k++) if (p[k] > p[best]) best = k;
    const right = best === gold[i];
    if (right) valOk++;
    const isOos = oos !== null && labels[gold[i]] === oos;
    return { confidence: labels[best] === oos ? 0 : p[best], acceptIsRight: right && !isOos };
  });
  const threshold = selectThreshold(points);
  const full = fitCore(data, labels, cfg, C, seed, (d) => opt.onProgress?.(labels.length + d, total, 'training'));
  return new IntentModel({
    version: 1,
    labels,
    oosLabel: oos,
    vectorizer: full.vectorizer.state,
    weights: full.weights,
    temperature,
    threshold,
    seed,
    C,
    stats: {
      examples: data.length,
      validation: valPart.length,
      validationAccuracy: valPart.length ? valOk / valPart.length : 0,
      trainSeconds: (performance.now() - t0) / 1000,
    },
  });
}

export class IntentModel {
  private readonly vectorizer: Vectorizer;
  private readonly buf: Float64Array<ArrayBuffer>;

  constructor(readonly state: IntentModelState) {
    this.vectorizer = new Vectorizer(state.vectorizer);
    this.buf = new Float64Array(state.labels.length);
  }

  get labels(): string[] {
    return this.state.labels;
  }

  /** Calibrated class probabilities (softmax of margins / T). */
  probabilities(text: string): Float64Array {
    const r = this.vectorizer.transformText(text);
    return softmax(scoreRow(this.state.weights, r.idx, r.val, this.buf), this.state.temperature);
  }

  classify(text: string, topN = 3): Classification {
    const { labels, oosLabel, threshold } = this.state;
    const p = this.probabilities(text);
    const order = Array.from(p.keys())
      .filter((k) => labels[k] !== oosLabel)
      .sort((a, b) => p[b] - p[a]);
    const top = order.slice(0, topN).map((k) => ({ intent: labels[k], confidence: p[k] }));
    const hasFeatures = this.vectorizer.transformText(text).idx.length > 0;
    let bestAll = 0;
    for (let k = 1; k < p.length; k++) if (p[k] > p[bestAll]) bestAll = k;
    const first = top[0];
    const second = top[1];
    if (!hasFeatures || !first || labels[bestAll] === oosLabel) {
      return { intent: null, confidence: first?.confidence ?? 0, decision: 'out_of_scope', top };
    }
    if (first.confidence >= threshold) return { intent: first.intent, confidence: first.confidence, decision: 'intent', top };
    // ambiguous between two plausible intents → ask which one; otherwise out of scope
    if (second && first.confidence + second.confidence >= threshold && second.confidence >= first.confidence / 3) {
      return { intent: first.intent, confidence: first.confidence, decision: 'clarify', top };
    }
    return { intent: null, confidence: first.confidence, decision: 'out_of_scope', top };
  }

  /** Argmax intent ignoring the threshold (for accuracy measurement). */
  predict(text: string): string {
    const p = this.probabilities(text);
    let best = 0;
    for (let k = 1; k < p.length; k++) if (p[k] > p[best]) best = k;
    return this.state.labels[best];
  }
}
