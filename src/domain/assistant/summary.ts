/**
 * Short extractive summary of what the customer said: sentences scored by the document frequency of their
 * content words across the customer's turns (what they keep talking about), first two in original order.
 */
import { tokenize } from '../intents/index.js';

const STOP = new Set('a an the and or but i me my we you your it its is are was were be been to of in on for with at by from this that there here have has had do does did not no can could would should will just so if as about please hi hello thanks thank'.split(' '));

export function extractiveSummary(customerTurns: string[], maxSentences = 2, maxChars = 280): string {
  const sentences = customerTurns
    .flatMap((t) => t.split(/(?<=[.!?。！？])\s+|\n+/))
    .map((s) => s.trim())
    .filter((s) => /[\p{L}\p{N}]/u.test(s));
  if (sentences.length === 0) return '';
  const df = new Map<string, number>();
  const toks = sentences.map((s) => [...new Set(tokenize(s).filter((w) => !STOP.has(w) && w.length > 1))]);
  for (const ws of toks) for (const w of ws) df.set(w, (df.get(w) ?? 0) + 1);
  const scored = sentences.map((s, i) => ({ i, s, score: toks[i].reduce((a, w) => a + (df.get(w) ?? 0), 0) / Math.sqrt(1 + toks[i].length) }));
  const chosen = [...scored].sort((a, b) => b.score - a.score || a.i - b.i).slice(0, maxSentences).sort((a, b) => a.i - b.i);
  const out = chosen.map((c) => c.s).join(' ');
  return out.length > maxChars ? `${out.slice(0, maxChars - 1)}…` : out;
}
