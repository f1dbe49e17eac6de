import { evalCondition, type TicketFacts } from './conditions.js';
import type { Guardrail, SopDefinition } from './model.js';

export interface Violation {
  guardrail: string;
  step: string;
  message: string;
}

/**
 * Amounts written in a reply: "€120", "$ 80.50", "120 EUR", "EUR 120", "120 €", "300 coins", with thousands
 * separators as languages write them ("€1,200.50", "1.200,50 €", "1 200 €" with a no-break space, "CHF 1'200").
 */
const NUM = String.raw`\d{1,3}(?:[.,'\u00a0\u202f]\d{3})+(?:[.,]\d{1,2})?|\d+(?:[.,]\d{1,2})?`;
const PRE = String.raw`(?:[€$£]|\b(?:eur|usd|gbp|chf)\b)\s?`;
const POST = String.raw`\s?(?:[€$£]|(?:eur|usd|gbp|chf|euros?|dollars?|pounds?|coins?)(?![a-z]))`;
const AMOUNT = new RegExp(`${PRE}(${NUM})|(?<![\\d.,])(${NUM})${POST}`, 'gi');

/**
 * A written number as a value. With both "." and "," the last one is the decimal mark; a single separator
 * followed by exactly three digits is read as a thousands separator ("1,200" and "1.200" are 1200) — the larger
 * reading, since the guardrail must not let a big amount pass as a small one.
 */
function parseAmount(raw: string): number {
  const s = raw.replace(/['\u00a0\u202f]/g, '');
  const lastDot = s.lastIndexOf('.');
  const lastComma = s.lastIndexOf(',');
  if (lastDot >= 0 && lastComma >= 0) {
    const dec = Math.max(lastDot, lastComma);
    return Number(`${s.slice(0, dec).replace(/[.,]/g, '')}.${s.slice(dec + 1)}`);
  }
  const sep = lastDot >= 0 ? '.' : lastComma >= 0 ? ',' : null;
  if (!sep) return Number(s);
  const parts = s.split(sep);
  if (parts.length > 2 || parts[1].length === 3) return Number(parts.join(''));
  return Number(`${parts[0]}.${parts[1]}`);
}

export function amountsIn(text: string): number[] {
  return [...text.matchAll(AMOUNT)].map((m) => parseAmount(m[1] ?? m[2]));
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
