/** One turn in progress: the state being changed and what the turn produces. Shared by engine and flow runner. */
import type { ActionRecord, AssistantPorts, ConversationState, Handoff, HandoffReason, Passage, TurnResult } from './engine-types.js';
import { say } from './messages.js';
import { extractiveSummary } from './summary.js';

export class Turn {
  readonly replies: string[] = [];
  readonly actions: ActionRecord[] = [];
  readonly flags: string[] = [];
  readonly citations: TurnResult['citations'] = [];
  handoff: Handoff | null = null;

  constructor(
    readonly st: ConversationState,
    readonly ports: AssistantPorts,
    readonly history: Array<{ role: 'customer' | 'assistant'; text: string }>,
    readonly text: string,
  ) {}

  get lang(): string {
    return this.st.language ?? 'en';
  }

  reply(s: string): void {
    this.replies.push(s);
  }

  cite(p: Passage): void {
    this.citations.push({ articleId: p.articleId, title: p.title, url: p.url });
  }

  /** Hand the conversation to a human now (this turn), with everything they need. */
  async handOff(reason: HandoffReason, customerNote?: string): Promise<void> {
    const st = this.st;
    const q = await this.ports.queue();
    if (customerNote) this.reply(customerNote);
    const wait = q.agentsOnline === 0 ? say('offline', this.lang) : q.expectedWaitMinutes !== null ? say('wait_minutes', this.lang, { n: Math.max(1, Math.round(q.expectedWaitMinutes)) }) : say('wait_unknown', this.lang);
    this.reply(`${say('handoff', this.lang)} ${wait}`);
    const transcript = [...this.history, { role: 'customer' as const, text: this.text }, ...this.replies.map((r) => ({ role: 'assistant' as const, text: r }))];
    this.handoff = {
      reason,
      intent: st.intent,
      confidence: st.confidence,
      language: st.language,
      step: st.flow?.stepId ?? null,
      sop: st.flow ? { ref: st.flow.ref, version: st.flow.version } : null,
      collected: { ...(st.flow?.data ?? {}) },
      summary: extractiveSummary(transcript.filter((t) => t.role === 'customer').map((t) => t.text)),
      transcript,
      agentsOnline: q.agentsOnline,
      expectedWaitMinutes: q.expectedWaitMinutes,
    };
    st.phase = 'handed_off';
    st.sca = null;
    st.scaVerified = null;
  }
}
