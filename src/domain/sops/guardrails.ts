import { evalCondition, type TicketFacts } from './conditions.js';
import type { Guardrail, SopDefinition } from './model.js';

export interface Violation {
  guardrail: string;
  step: string;
  message: string;
}

/** Amounts written in a reply: "€120", "$ 80.50", "120 EUR", "300 coins". */
const AMOUNT = /(?:[€$£]\s?(\d+(?:[.,]\d{1,2})?))|(?:(\d+(?:[.,]\d{1,2})?)\s?(?:eur|usd|gbp|euros?|dollars?|pounds?|coins?)\b)/gi;

export function amountsIn(text: string): number[] {
  return [...text.matchAll(AMOUNT)].map((m) => Number((m[1] ?? m[2]).replace(',', '.')));
}

/** `requires_step` guardrails: the step `before` may not run until `requires` is done. */
export function checkBeforeStep(def: SopDefinition, stepId: string, done: Record<string, string>): Violation[] {
  return def.guardrails
    .filter((g): g is Extract<Guardrail, { kind: 'requires_step' }> => g.kind === 'requires_step' && g.before === stepId)
    .filter((g) => done[g.requires] !== 'done' && done[g.requires] !== 'overridden')
    .map((g) => ({ guardrail: g.id, step: stepId, message: g.message }));
}

/** `max_amount` guardrails over an outgoing reply and/or a collected amount field. */
export function checkAmounts(def: SopDefinition, stepId: string, replyText: string | null, fields: Record<string, unknown>): Violation[] {
  const out: Violation[] = [];
  for (const g of def.guardrails) {
    if (g.kind !== 'max_amount') continue;
    const over = replyText !== null && amountsIn(replyText).some((a) => a > g.max);
    const fieldOver = g.field !== undefined && Number(fields[g.field]) > g.max && replyText === null;
    if (over || fieldOver) out.push({ guardrail: g.id, step: stepId, message: `${g.message} (limit ${g.max})` });
  }
  return out;
}

/** The first `handoff` guardrail whose condition holds, if any. */
export function handoffFor(def: SopDefinition, ticket: TicketFacts, fields: Record<string, unknown>): Extract<Guardrail, { kind: 'handoff' }> | null {
  for (const g of def.guardrails) if (g.kind === 'handoff' && evalCondition(g.when, ticket, fields)) return g;
  return null;
}
