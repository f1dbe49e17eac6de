/** Ports for the offline demo configuration: a trained model, the demo flows and the offline Help Center copy. */
import { detectLanguage, type IntentModel } from '../../intents/index.js';
import { parseFlow } from '../flow.js';
import type { ScriptPorts } from '../test-runner.js';
import { DEMO_FLOWS } from './flows.js';
import { demoSearch } from './knowledge.js';

export function intentTitle(intent: string): string {
  const t = intent.replace(/[?]/g, '').replace(/_/g, ' ').trim();
  return t.charAt(0).toUpperCase() + t.slice(1).toLowerCase();
}

const PARSED = Object.fromEntries(Object.entries(DEMO_FLOWS).map(([k, v]) => [k, { ...v, flow: parseFlow(v.flow) }]));

export function demoPorts(model: IntentModel, opts: { agentsOnline?: number; supportedLanguages?: string[] } = {}): ScriptPorts {
  return {
    classify: (text) => model.classify(text),
    detectLanguage,
    intentTitle,
    searchKnowledge: async (q, o) => demoSearch(q, o.intent),
    flowFor: async (intent) => PARSED[intent] ?? null,
    queue: async () => ({ agentsOnline: opts.agentsOnline ?? 3, expectedWaitMinutes: opts.agentsOnline === 0 ? null : 4 }),
    supportedLanguages: opts.supportedLanguages ?? ['en'],
  };
}
