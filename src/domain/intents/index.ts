/** Intent detection: offline TF-IDF + linear SVM model, calibration, out-of-scope threshold, language. */
export { tokenize, normalizeText, lightStem, MAX_INPUT_CHARS } from './tokenize.js';
export { rawFeatures, Vectorizer, DEFAULT_FEATURES, type FeatureConfig } from './features.js';
export { trainIntentModel, IntentModel, type LabelledExample, type TrainOptions, type Classification, type Decision, type IntentModelState } from './model.js';
export { softmax, fitTemperature, selectThreshold, expectedCalibrationError, nll } from './calibration.js';
export { serializeModel, deserializeModel } from './serialize.js';
export { parseCsvExamples, parseJsonlExamples, parseExamples, DatasetError } from './dataset.js';
export { evaluateIntents, type EvaluationResult } from './evaluate.js';
export { classificationReport, percentile, type ClassificationReport } from './metrics.js';
export { detectLanguage } from './language.js';
export { mulberry32 } from '../../platform/prng.js';
