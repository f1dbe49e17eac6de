/** Classification metrics: accuracy, macro-F1, per-intent scores and the most confused pairs. */

export interface PerLabel {
  label: string;
  support: number;
  precision: number;
  recall: number;
  f1: number;
}

export interface ClassificationReport {
  accuracy: number;
  macroF1: number;
  perLabel: PerLabel[];
  confused: Array<{ gold: string; predicted: string; count: number }>;
}

export function classificationReport(gold: string[], predicted: string[]): ClassificationReport {
  const labels = [...new Set([...gold])].sort();
  const tp = new Map<string, number>();
  const fp = new Map<string, number>();
  const fn = new Map<string, number>();
  const pairs = new Map<string, number>();
  let ok = 0;
  for (let i = 0; i < gold.length; i++) {
    const g = gold[i];
    const p = predicted[i];
    if (g === p) {
      ok++;
      tp.set(g, (tp.get(g) ?? 0) + 1);
    } else {
      fn.set(g, (fn.get(g) ?? 0) + 1);
      fp.set(p, (fp.get(p) ?? 0) + 1);
      const key = `${g}\u0000${p}`;
      pairs.set(key, (pairs.get(key) ?? 0) + 1);
    }
  }
  const perLabel = labels.map((label) => {
    const t = tp.get(label) ?? 0;
    const precision = t + (fp.get(label) ?? 0) ? t / (t + (fp.get(label) ?? 0)) : 0;
    const recall = t + (fn.get(label) ?? 0) ? t / (t + (fn.get(label) ?? 0)) : 0;
    const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
    return { label, support: t + (fn.get(label) ?? 0), precision, recall, f1 };
  });
  const confused = [...pairs.entries()]
    .map(([k, count]) => {
      const [g, p] = k.split('\u0000');
      return { gold: g, predicted: p, count };
    })
    .sort((a, b) => b.count - a.count || a.gold.localeCompare(b.gold));
  return {
    accuracy: gold.length ? ok / gold.length : 0,
    macroF1: perLabel.length ? perLabel.reduce((s, l) => s + l.f1, 0) / perLabel.length : 0,
    perLabel,
    confused,
  };
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return 0;
  const s = [...values].sort((a, b) => a - b);
  const i = Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1));
  return s[i];
}
