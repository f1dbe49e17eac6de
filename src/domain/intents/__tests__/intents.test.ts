import { describe, expect, it } from 'vitest';
import {
  deserializeModel, detectLanguage, expectedCalibrationError, fitTemperature, mulberry32, nll, parseCsvExamples, rawFeatures,
  selectThreshold, serializeModel, softmax, tokenize, trainIntentModel, DEFAULT_FEATURES, classificationReport, Vectorizer,
} from '../index.js';

/** A small synthetic intent set: each intent has its own vocabulary plus shared filler words. */
function synthetic(seed: number, perIntent = 30) {
  const rand = mulberry32(seed);
  const vocab: Record<string, string[]> = {
    card_arrival: ['card', 'arrive', 'delivery', 'post', 'mail', 'waiting'],
    refund: ['refund', 'money', 'back', 'return', 'purchase', 'mistake'],
    pin: ['pin', 'blocked', 'code', 'locked', 'wrong', 'entered'],
    fees: ['fee', 'charge', 'cost', 'price', 'extra', 'expensive'],
  };
  const filler = ['my', 'the', 'please', 'help', 'i', 'why', 'is', 'a', 'how', 'do'];
  const out: Array<{ text: string; label: string }> = [];
  for (const [label, words] of Object.entries(vocab)) {
    for (let i = 0; i < perIntent; i++) {
      const n = 4 + Math.floor(rand() * 4);
      const toks = Array.from({ length: n }, (_, j) => (j % 2 === 0 ? words[Math.floor(rand() * words.length)] : filler[Math.floor(rand() * filler.length)]));
      out.push({ text: toks.join(' '), label });
    }
  }
  return out;
}

describe('tokenisation', () => {
  it('keeps words, apostrophes and accents; folds case and typographic quotes', () => {
    expect(tokenize('I DON’T see my Überweisung, café!')).toEqual(["i", "don't", 'see', 'my', 'überweisung', 'café']);
  });
  it('splits CJK into characters and keeps emoji as tokens', () => {
    expect(tokenize('我的卡没到')).toEqual(['我', '的', '卡', '没', '到']);
    expect(tokenize('カード届かない😡')).toEqual(['カ', 'ー', 'ド', '届', 'か', 'な', 'い', '😡']);
    expect(tokenize('card 👍🏽 ok')).toEqual(['card', '👍', 'ok']);
  });
  it('handles empty, symbol-only and huge input without throwing', () => {
    expect(tokenize('')).toEqual([]);
    expect(tokenize('!!! ??? ...')).toEqual([]);
    expect(tokenize('a '.repeat(100000)).length).toBeLessThanOrEqual(4000);
  });
  it('builds word n-grams and char_wb n-grams (CJK runs joined for characters)', () => {
    const f = rawFeatures('lost card', DEFAULT_FEATURES);
    expect(f.get('wlost card')).toBe(1);
    expect(f.get('c lo')).toBe(1);
    expect(f.get('cd ')).toBe(1);
    expect([...rawFeatures('卡没到', DEFAULT_FEATURES).keys()]).toContain('w卡 没');
  });
  it('adds unordered pairs of distinct stemmed words, bounded, and none for configs saved without them', () => {
    const f = rawFeatures('cards lost, my cards', DEFAULT_FEATURES);
    expect(f.get('pcard|lost')).toBe(1);
    expect(f.get('pcard|my')).toBe(1);
    expect(f.has('plost|card')).toBe(false);
    expect(f.has('pcard|card')).toBe(false);
    const many = Array.from({ length: 100 }, (_, i) => `w${i}x`).join(' ');
    expect([...rawFeatures(many, DEFAULT_FEATURES).keys()].filter((k) => k.startsWith('p'))).toHaveLength((64 * 63) / 2);
    const legacy = { ...DEFAULT_FEATURES, wordPairs: undefined, weights: { word: 1, skip: 0.5, char: 1 } };
    expect([...rawFeatures('lost card', legacy).keys()].some((k) => k.startsWith('p'))).toBe(false);
  });
  it('L2-normalises the word-pair block to its weight', () => {
    const texts = ['lost my card', 'my card is lost', 'card lost again', 'refund my money', 'money back refund'];
    const { vectorizer } = Vectorizer.fit(texts, { ...DEFAULT_FEATURES, minDf: 1, weights: { ...DEFAULT_FEATURES.weights, pair: 0.5 } });
    const r = vectorizer.transformText('my card is lost');
    let pairNorm = 0;
    r.idx.forEach((j, i) => {
      if (vectorizer.state.vocab[j].startsWith('p')) pairNorm += r.val[i] * r.val[i];
    });
    expect(Math.sqrt(pairNorm)).toBeCloseTo(0.5, 5);
  });
});

describe('training', () => {
  it('is deterministic for a fixed seed (byte-identical model)', () => {
    const data = synthetic(1);
    const strip = (m: ReturnType<typeof trainIntentModel>) => ({ ...m.state, stats: { ...m.state.stats, trainSeconds: 0 } });
    const a = strip(trainIntentModel(data, { seed: 7 }));
    const b = strip(trainIntentModel(data, { seed: 7 }));
    expect(Buffer.compare(Buffer.from(a.weights.w.buffer), Buffer.from(b.weights.w.buffer))).toBe(0);
    expect(a).toEqual(b);
    const c = strip(trainIntentModel(data, { seed: 8 }));
    expect(Buffer.compare(Buffer.from(a.weights.w.buffer), Buffer.from(c.weights.w.buffer))).not.toBe(0);
  });
  it('learns separable intents and round-trips through serialisation', () => {
    const model = trainIntentModel(synthetic(2), { seed: 1 });
    const test = synthetic(3, 10);
    const again = deserializeModel(serializeModel(model));
    const preds = test.map((t) => again.predict(t.text));
    const report = classificationReport(test.map((t) => t.label), preds);
    expect(report.accuracy).toBeGreaterThan(0.9);
    expect(again.classify('my card delivery is late').top[0].intent).toBe('card_arrival');
  });
  it('refuses fewer than two intents', () => {
    expect(() => trainIntentModel([{ text: 'a b', label: 'x' }])).toThrow(/two intents/);
  });
  it('says out_of_scope for text with no known features', () => {
    const model = trainIntentModel(synthetic(4), { seed: 1 });
    expect(model.classify('🙂🙂').decision).toBe('out_of_scope');
    expect(model.classify('').decision).toBe('out_of_scope');
  });
});

describe('calibration', () => {
  it('softmax sums to one and temperature sharpens', () => {
    const p1 = softmax([1, 2, 3], 1);
    const p2 = softmax([1, 2, 3], 0.1);
    expect(p1.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 10);
    expect(p2[2]).toBeGreaterThan(p1[2]);
  });
  it('fitted temperature does not increase NLL versus T = 1 and reduces calibration error on over-confident scores', () => {
    const rand = mulberry32(5);
    const scores: Float64Array[] = [];
    const gold: number[] = [];
    for (let i = 0; i < 400; i++) {
      const g = Math.floor(rand() * 3);
      const s = Float64Array.from([0, 0, 0], () => rand() * 10);
      if (rand() < 0.6) s[g] += 10; // right 60% of the time but scores say "sure"
      scores.push(s);
      gold.push(g);
    }
    const T = fitTemperature(scores, gold);
    expect(nll(scores, gold, T)).toBeLessThanOrEqual(nll(scores, gold, 1) + 1e-9);
    const confAt = (t: number) => scores.map((s) => Math.max(...softmax(s, t)));
    const correct = scores.map((s, i) => s.indexOf(Math.max(...s)) === gold[i]);
    expect(expectedCalibrationError(confAt(T), correct)).toBeLessThan(expectedCalibrationError(confAt(1), correct));
  });
});

describe('threshold selection', () => {
  it('picks the cut that accepts right predictions and rejects wrong / out-of-scope ones', () => {
    const pts = [
      { confidence: 0.95, acceptIsRight: true }, { confidence: 0.9, acceptIsRight: true }, { confidence: 0.8, acceptIsRight: true },
      { confidence: 0.3, acceptIsRight: false }, { confidence: 0.2, acceptIsRight: false }, { confidence: 0.25, acceptIsRight: false },
    ];
    const t = selectThreshold(pts);
    expect(t).toBeGreaterThan(0.3);
    expect(t).toBeLessThan(0.8);
  });
  it('accepts everything when every prediction is right', () => {
    expect(selectThreshold([{ confidence: 0.4, acceptIsRight: true }, { confidence: 0.9, acceptIsRight: true }])).toBe(0);
  });
  it('learns a threshold from out-of-scope examples in training data and rejects unrelated text', () => {
    const data = synthetic(6).concat(['weather today sunny', 'football scores tonight', 'recipe for pasta', 'what time is it', 'tell me a joke', 'best movies ever', 'play some music', 'translate hello', 'how tall is everest', 'news about elections'].flatMap((t, i) => [{ text: t, label: 'oos' }, { text: `${t} ${i}`, label: 'oos' }]));
    const model = trainIntentModel(data, { seed: 3, oosLabel: 'oos' });
    expect(model.state.oosLabel).toBe('oos');
    expect(model.classify('recipe for pasta tonight').decision).toBe('out_of_scope');
    expect(model.classify('refund my money back please').decision).toBe('intent');
  });
});

describe('datasets and language', () => {
  it('parses CSV with quoted newlines and label or category columns', () => {
    const csv = 'text,category\n"hello,\nworld",greet\n  bye  ,leave\n';
    expect(parseCsvExamples(csv)).toEqual([{ text: 'hello,\nworld', label: 'greet' }, { text: 'bye', label: 'leave' }]);
    expect(() => parseCsvExamples('foo,bar\n1,2\n')).toThrow(/text/);
  });
  it('detects languages by script and stop words', () => {
    expect(detectLanguage('Where is my card? It has not arrived')).toBe('en');
    expect(detectLanguage('Meine Karte ist noch nicht angekommen')).toBe('de');
    expect(detectLanguage('Je ne trouve pas ma carte, pourquoi ?')).toBe('fr');
    expect(detectLanguage('我的卡没到')).toBe('zh');
    expect(detectLanguage('カードが届きません')).toBe('ja');
    expect(detectLanguage('🙂🙂')).toBe('und');
  });
});
