/**
 * Runs an intent's flow from its current step until it needs the customer (collect, SCA code), reaches a
 * human step (hand-off) or ends. Guardrails: SOP amount limits, SCA step-up bound to exact amount, currency
 * and payee (re-checked right before the call, consumed by it), outbound bodies redacted.
 */
import { conditionHolds, fillTemplate, type FlowStep } from './flow.js';
import { redactDeep } from './guardrails.js';
import { say } from './messages.js';
import { sameBinding, toMinor, type ScaBinding } from './sca.js';
import type { Turn } from './turn.js';

const MAX_STEPS_PER_TURN = 50;

function nextOf(steps: FlowStep[], step: FlowStep): string {
  if (step.next) return step.next;
  const i = steps.indexOf(step);
  return steps[i + 1]?.id ?? 'end';
}

export function currentField(t: Turn) {
  const f = t.st.flow;
  if (!f) return null;
  const step = f.snapshot.steps.find((s) => s.id === f.stepId);
  if (!step || step.type !== 'collect') return null;
  return step.fields.find((x) => f.data[x.key] === undefined) ?? null;
}

export async function advanceFlow(t: Turn): Promise<void> {
  const st = t.st;
  const f = st.flow;
  if (!f) return;
  const { steps } = f.snapshot;
  for (let guard = 0; guard < MAX_STEPS_PER_TURN; guard++) {
    if (f.stepId === 'end') {
      f.completed = true;
      st.answered = true;
      st.phase = 'confirm';
      t.reply(f.snapshot.done_text ? String(fillTemplate(f.snapshot.done_text, f.data)) : say('done', t.lang));
      t.reply(say('did_it_answer', t.lang));
      return;
    }
    const step = steps.find((s) => s.id === f.stepId);
    if (!step) return t.handOff('action_failed');
    switch (step.type) {
      case 'collect': {
        const field = step.fields.find((x) => f.data[x.key] === undefined);
        if (field) {
          st.phase = 'collect';
          t.reply(field.kind === 'choice' && field.options ? `${field.prompt} (${field.options.join(' / ')})` : field.prompt);
          return;
        }
        f.stepId = nextOf(steps, step);
        st.stepTurns = 0;
        break;
      }
      case 'decision': {
        const branch = step.branches.find((b) => conditionHolds(b.when, f.data));
        f.stepId = branch ? branch.goto : nextOf(steps, step);
        break;
      }
      case 'reply':
        t.reply(String(fillTemplate(step.text, f.data)));
        f.stepId = nextOf(steps, step);
        break;
      case 'human':
        return t.handOff('human_step');
      case 'action': {
        let binding: ScaBinding | null = null;
        if (step.payment) {
          const amount = step.payment.amount_field ? f.data[step.payment.amount_field] : 0;
          const payee = f.data[step.payment.payee_field];
          if (typeof amount !== 'number' || (step.payment.amount_field && !(amount > 0)) || payee === null || payee === undefined || String(payee).trim() === '') {
            return t.handOff('invalid_payment_data');
          }
          const max = f.snapshot.limits.max_amount;
          if (max !== undefined && amount > max) return t.handOff('over_limit', say('over_limit', t.lang));
          binding = { amountMinor: toMinor(amount), currency: step.payment.currency.toUpperCase(), payee: String(payee) };
          if (!sameBinding(st.scaVerified, binding) || !st.scaVerifiedId) {
            st.scaVerified = null;
            st.scaVerifiedId = null;
            let ch;
            try {
              ch = await t.ports.sca.start({ conversationId: `${f.ref}:${st.turns}`, binding, purpose: step.action });
            } catch {
              return t.handOff('sca_failed');
            }
            st.sca = { challengeId: ch.challengeId, binding, destinationHint: ch.destinationHint };
            st.phase = 'sca';
            st.stepTurns = 0;
            t.flags.push('sca_started');
            t.reply(say('sca_sent', t.lang, { dest: ch.destinationHint, what: binding.amountMinor ? `${(binding.amountMinor / 100).toFixed(2)} ${binding.currency} → ${binding.payee}` : `the change to ${binding.payee}` }));
            return;
          }
        } else if (f.snapshot.limits.max_amount !== undefined) {
          // an amount-bearing action without payment marking still respects the SOP limit
          const amounts = Object.values(f.data).filter((v): v is number => typeof v === 'number');
          if (amounts.some((a) => a > f.snapshot.limits.max_amount!)) return t.handOff('over_limit', say('over_limit', t.lang));
        }
        if (binding) {
          // the verified challenge is re-checked against this exact binding and used up by this one action
          const challengeId = st.scaVerifiedId!;
          st.scaVerified = null;
          st.scaVerifiedId = null;
          if (!(await t.ports.sca.consume({ challengeId, binding, purpose: step.action }))) return t.handOff('sca_failed');
        }
        const body = redactDeep(fillTemplate(step.body, f.data) as Record<string, unknown>);
        let res;
        try {
          res = await t.ports.callAction(step.action, body);
        } catch {
          res = { ok: false, status: 0, data: {} };
        }
        t.actions.push({ action: step.action, step: step.id, body, ok: res.ok, status: res.status, sca: binding ? 'verified' : 'not_required', binding });
        if (!res.ok) {
          if (step.on_error === 'handoff') return t.handOff('action_failed');
        } else if (step.save) {
          for (const [key, path] of Object.entries(step.save)) {
            const v = res.data[path];
            f.data[key] = typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? v : null;
          }
        }
        f.stepId = nextOf(steps, step);
        break;
      }
    }
  }
  return t.handOff('max_turns');
}
