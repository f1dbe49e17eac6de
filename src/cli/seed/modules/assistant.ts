import { configureIntent, DEMO_FLOWS, importExamples, startTraining } from '../../../domain/assistant/index.js';
import { demoExamples } from '../../commands/assistant-test.js';
import type { SeedModuleCtx } from './types.js';

/**
 * Demo-workspace content of the assistant module: the intent examples (the demo corpus — a BANKING77 sample,
 * CC BY 4.0, PolyAI — plus the demo's own intents), the intent → SOP flows, and a model version queued for
 * training. Training takes seconds, so it is not done in the seed transaction: the worker's
 * "assistant.resume-training" job trains it in the background after the first start.
 */
export async function seedAssistant(s: SeedModuleCtx): Promise<void> {
  const { ctx } = s;
  await importExamples(ctx, await demoExamples());
  for (const [intent, f] of Object.entries(DEMO_FLOWS)) {
    await configureIntent(ctx, { intent, title: f.flow.name, flow: f.flow, sop_ref: f.ref, sop_version: f.version });
  }
  await startTraining(ctx, { background: true });
}
