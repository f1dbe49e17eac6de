/** Train on one labelled set, test on another: accuracy, macro-F1, confusion, latency, out-of-scope figures. */
import { classificationReport, percentile, type ClassificationReport } from './metrics.js';
import { trainIntentModel, type IntentModel, type LabelledExample, type TrainOptions } from './model.js';

export interface EvaluationResult {
  accuracy: number;
  macro_f1: number;
  train_s: number;
  p50_ms: number;
  p99_ms: number;
  n_test: number;
  in_scope_accuracy?: number;
  oos_recall?: number;
  threshold?: number;
  report: ClassificationReport;
  model: IntentModel;
}

export function evaluateIntents(train: LabelledExample[], test: LabelledExample[], opt: TrainOptions = {}): EvaluationResult {
  const t0 = performance.now();
  const model = trainIntentModel(train, opt);
  const train_s = (performance.now() - t0) / 1000;
  const oos = opt.oosLabel;
  const lat: number[] = [];
  const gold: string[] = [];
  const pred: string[] = [];
  let inScope = 0;
  let inScopeOk = 0;
  let oosN = 0;
  let oosHit = 0;
  for (const ex of test) {
    const s = performance.now();
    const c = model.classify(ex.text);
    lat.push(performance.now() - s);
    // with an out-of-scope label, a rejected query counts as a prediction of that label
    const p = oos ? (c.decision === 'intent' ? c.intent! : oos) : model.predict(ex.text);
    gold.push(ex.label);
    pred.push(p);
    if (oos) {
      if (ex.label === oos) {
        oosN++;
        if (p === oos) oosHit++;
      } else {
        inScope++;
        if (p === ex.label) inScopeOk++;
      }
    }
  }
  const report = classificationReport(gold, pred);
  const out: EvaluationResult = {
    accuracy: report.accuracy,
    macro_f1: report.macroF1,
    train_s,
    p50_ms: percentile(lat, 50),
    p99_ms: percentile(lat, 99),
    n_test: test.length,
    report,
    model,
  };
  if (oos) {
    out.in_scope_accuracy = inScope ? inScopeOk / inScope : 0;
    out.oos_recall = oosN ? oosHit / oosN : 0;
    out.threshold = model.state.threshold;
  }
  return out;
}
