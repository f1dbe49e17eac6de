/** Ports the conversation engine needs (narrow, ours) and the state it keeps between turns. */
import type { Decision } from '../intents/index.js';
import type { AssistantFlow, FieldValue } from './flow.js';
import type { ScaBinding, ScaVerifier } from './sca.js';

export interface Passage {
  articleId: string;
  title: string;
  url: string;
  /** Plain text of the best-matching part of the article. */
  text: string;
  score: number;
}

export interface IntentGuess {
  decision: Decision;
  intent: string | null;
  confidence: number;
  top: Array<{ intent: string; confidence: number }>;
}

export interface ActionResult {
  ok: boolean;
  status: number;
  data: Record<string, unknown>;
}

export interface AssistantPorts {
  classify(text: string): IntentGuess;
  detectLanguage(text: string): string;
  intentTitle(intent: string): string;
  searchKnowledge(q: string, o: { intent: string | null; language: string }): Promise<Passage[]>;
  flowFor(intent: string): Promise<{ flow: AssistantFlow; ref: string; version: number } | null>;
  /** Calls a configured HTTP action. The body is already redacted. */
  callAction(action: string, body: Record<string, unknown>): Promise<ActionResult>;
  sca: ScaVerifier;
  /** Optional generative phrasing grounded on the passages; null → use the extractive answer. */
  phrase?: (question: string, passages: Passage[], language: string) => Promise<string | null>;
  queue(): Promise<{ agentsOnline: number; expectedWaitMinutes: number | null }>;
  supportedLanguages: string[];
}

export type Phase = 'idle' | 'confirm' | 'clarify' | 'collect' | 'sca' | 'handed_off';

export type HandoffReason =
  | 'customer_asked' | 'negative_sentiment' | 'not_understood' | 'no_answer' | 'answer_not_helpful' | 'max_turns'
  | 'human_step' | 'over_limit' | 'sca_failed' | 'action_failed' | 'invalid_payment_data' | 'unsupported_language';

export interface ConversationState {
  phase: Phase;
  turns: number;
  language: string | null;
  intent: string | null;
  confidence: number | null;
  failures: number;
  stepTurns: number;
  answered: boolean;
  confirmed: boolean | null;
  clarify: [string, string] | null;
  question: string | null;
  alternatives: Passage[];
  flow: null | {
    ref: string;
    version: number;
    snapshot: AssistantFlow;
    stepId: string;
    data: Record<string, FieldValue | null>;
    completed: boolean;
  };
  sca: null | { challengeId: string; binding: ScaBinding; destinationHint: string };
  scaVerified: ScaBinding | null;
  /** The verified challenge that authorises `scaVerified` (consumed by the action). */
  scaVerifiedId?: string | null;
}

export interface ActionRecord {
  action: string;
  step: string;
  body: Record<string, unknown>;
  ok: boolean;
  status: number;
  sca: 'verified' | 'not_required';
  binding: ScaBinding | null;
}

export interface Handoff {
  reason: HandoffReason;
  intent: string | null;
  confidence: number | null;
  language: string | null;
  step: string | null;
  sop: { ref: string; version: number } | null;
  collected: Record<string, FieldValue | null>;
  summary: string;
  transcript: Array<{ role: 'customer' | 'assistant'; text: string }>;
  agentsOnline: number;
  expectedWaitMinutes: number | null;
}

export interface TurnResult {
  state: ConversationState;
  /** The customer's message as stored (cleaned and redacted). */
  customerText: string;
  replies: string[];
  actions: ActionRecord[];
  handoff: Handoff | null;
  flags: string[];
  /** Passages cited in this turn. */
  citations: Array<Pick<Passage, 'articleId' | 'title' | 'url'>>;
}

export const MAX_TURNS_PER_CONVERSATION = 40;

export function initialState(): ConversationState {
  return {
    phase: 'idle', turns: 0, language: null, intent: null, confidence: null, failures: 0, stepTurns: 0,
    answered: false, confirmed: null, clarify: null, question: null, alternatives: [], flow: null, sca: null, scaVerified: null, scaVerifiedId: null,
  };
}
