/**
 * Replay a stored conversation with the model version and flow snapshot it ran on: the customer turns are
 * fed again to the engine (actions and SCA are simulated, nothing is sent or stored) and each turn's replies
 * are compared with what was said at the time.
 */
import { authorize, type Ctx } from '../../kernel/index.js';
import { dbPorts } from '../db-ports.js';
import { runTurn } from '../engine.js';
import { initialState, type ConversationState } from '../engine-types.js';
import { modelById } from '../model-cache.js';
import { MemoryScaVerifier } from '../sca.js';
import { getConversation } from './get-conversation.js';

export async function replayConversation(ctx: Ctx, id: string, supportedLanguages: string[]) {
  authorize(ctx.actor, 'assistant.manage');
  const { conversation, turns } = await getConversation(ctx, id);
  const model = conversation.model_id ? await modelById(ctx.tx, conversation.model_id) : null;
  const final = conversation.state as ConversationState;
  const pinned = final.flow && final.intent ? { intent: final.intent, flow: final.flow.snapshot, ref: final.flow.ref, version: final.flow.version } : null;
  const ports = await dbPorts({ ctx, brandId: conversation.brand_id, model, sca: new MemoryScaVerifier(), supportedLanguages, pinnedFlow: pinned });
  ports.callAction = async () => ({ ok: true, status: 200, data: { id: 'replay' } });
  let st = initialState();
  const history: Array<{ role: 'customer' | 'assistant'; text: string }> = [];
  const out: Array<{ customer: string; then: string[]; now: string[]; same: boolean }> = [];
  for (let i = 0; i < turns.length; i++) {
    if (turns[i].role !== 'customer') continue;
    const then: string[] = [];
    for (let j = i + 1; j < turns.length && turns[j].role === 'assistant'; j++) then.push(turns[j].text);
    const r = await runTurn(st, turns[i].text, ports, history);
    st = r.state;
    history.push({ role: 'customer', text: r.customerText }, ...r.replies.map((t) => ({ role: 'assistant' as const, text: t })));
    out.push({ customer: turns[i].text, then, now: r.replies, same: JSON.stringify(then) === JSON.stringify(r.replies) });
  }
  return { conversation_id: id, model_id: conversation.model_id, sop: pinned ? { ref: pinned.ref, version: pinned.version } : null, turns: out, identical: out.every((t) => t.same) };
}
