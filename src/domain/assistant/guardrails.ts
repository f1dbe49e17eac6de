/**
 * Input guardrails applied to every customer turn before anything else sees it: clean-up of HTML, control
 * characters and binary noise; redaction of card numbers (Luhn-checked), IBANs (mod-97) and passwords
 * (before storage and before any outbound call); explicit requests for a human; negative sentiment;
 * prompt-injection markers (logged — the assistant never follows instructions found in messages anyway).
 */
import { createHmac } from 'node:crypto';
import { redactText, type Finding } from '../../platform/redaction/index.js';

export const MAX_MESSAGE_CHARS = 4000;

/** Plain text from whatever the customer sent: no tags, no scripts, no control/binary characters, bounded. */
export function cleanInput(raw: unknown): string {
  let t = typeof raw === 'string' ? raw : raw == null ? '' : String(raw);
  if (t.length > MAX_MESSAGE_CHARS * 4) t = t.slice(0, MAX_MESSAGE_CHARS * 4);
  t = t
    .replace(/<(script|style)[^>]*>[\s\S]*?<\/\1\s*>/gi, ' ')
    .replace(/<[^>]{0,500}>/g, ' ')
    .replace(/&(nbsp|amp|lt|gt|quot|#39);/g, (_, e: string) => ({ nbsp: ' ', amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" })[e] ?? ' ')
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ufffd\ufffe\uffff]/g, ' ')
    .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, ' ')
    .replace(/[ \t]+/g, ' ')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  return t.length > MAX_MESSAGE_CHARS ? t.slice(0, MAX_MESSAGE_CHARS) : t;
}

export interface Redacted {
  text: string;
  findings: Array<Pick<Finding, 'kind' | 'hint'>>;
}

/**
 * Card numbers, IBANs and passwords replaced by markers. Cards and IBANs keep their last 4 characters and a
 * short keyed fingerprint of the whole value (`[redacted:iban …1234 #3f9a0c12d4]`), so an SCA step-up can be
 * bound to the exact payee account without the number ever being stored or sent anywhere.
 */
export function redactSensitive(text: string): Redacted {
  const r = redactText(text, ['card', 'iban', 'password']);
  if (r.findings.length === 0) return { text, findings: [] };
  let out = '';
  let at = 0;
  for (const f of [...r.findings].sort((a, b) => a.start - b.start)) {
    if (f.start < at) continue;
    out += text.slice(at, f.start);
    const value = text.slice(f.start, f.end).replace(/[\s-]/g, '').toUpperCase();
    out += f.kind === 'card' || f.kind === 'iban' ? `[redacted:${f.kind} …${value.slice(-4)} #${fingerprint(value)}]` : `[redacted:${f.kind}]`;
    at = f.end;
  }
  out += text.slice(at);
  return { text: out, findings: r.findings.map((f) => ({ kind: f.kind, hint: f.hint })) };
}

const FINGERPRINT_KEY = process.env.ASSISTANT_FINGERPRINT_KEY ?? 'switchboard-assistant';

export function fingerprint(value: string): string {
  return createHmac('sha256', FINGERPRINT_KEY).update(value).digest('hex').slice(0, 10);
}

/** Redact every string inside a JSON-like value (for outbound request bodies). */
export function redactDeep<T>(value: T): T {
  if (typeof value === 'string') return redactSensitive(value).text as T;
  if (Array.isArray(value)) return value.map((v) => redactDeep(v)) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, redactDeep(v)])) as T;
  }
  return value;
}

const HUMAN = [
  /\b(human|person|agent|operator|representative|someone real|real person|live (?:chat|agent)|talk to (?:a|an|some) ?one|speak to (?:a|an|some) ?one|customer service|staff)\b/i,
  /\b(mensch|mitarbeiter(?:in)?|berater(?:in)?|echte[nr]? person)\b/i,
  /\b(humain|conseill(?:er|ère)|agent|une vraie personne|quelqu'un)\b/i,
  /\b(humano|persona real|agente|asesor|operador)\b/i,
  /\b(umano|operatore|persona reale)\b/i,
  /人工|客服|真人|担当者|オペレーター|상담원/,
];
const HUMAN_NEGATED = /\b(no|not|don't|dont|without)\b.{0,12}\b(human|agent|person)\b/i;

export function asksForHuman(text: string): boolean {
  if (HUMAN_NEGATED.test(text)) return false;
  return HUMAN.some((re) => re.test(text));
}

const NEGATIVE = [
  'useless', 'terrible', 'awful', 'horrible', 'ridiculous', 'angry', 'furious', 'pathetic', 'worst', 'scam', 'hate',
  'stupid', 'disgusting', 'unacceptable', 'incompetent', 'fed up', 'sick of', 'waste of time', 'rubbish', 'garbage',
  'lawyer', 'complaint', 'sue you', 'fraud', 'wtf', 'shit', 'fuck', 'damn', 'not helpful', 'doesn\'t help', 'does not help',
  'nutzlos', 'schrecklich', 'unverschämt', 'inutile', 'nul', 'horrible', 'inaceptable', 'pésimo',
];
const NEGATIVE_EMOJI = /[\u{1F620}\u{1F621}\u{1F624}\u{1F92C}\u{1F44E}\u{1F62B}\u{1F62D}\u{1F4A2}]/u;

/** Negative sentiment score in [0, 1]: lexicon hits, angry emoji, shouting and repeated exclamation marks. */
export function negativeSentiment(text: string): number {
  const t = text.toLowerCase();
  let score = 0;
  for (const w of NEGATIVE) if (new RegExp(`(^|[^\\p{L}])${w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^\\p{L}])`, 'u').test(t)) score += 0.5;
  if (NEGATIVE_EMOJI.test(text)) score += 0.5;
  const letters = text.replace(/[^A-Za-z]/g, '');
  if (letters.length >= 12 && letters === letters.toUpperCase()) score += 0.4;
  if (/!{3,}/.test(text)) score += 0.2;
  return Math.min(1, score);
}

export const NEGATIVE_SENTIMENT_THRESHOLD = 0.5;

const INJECTION = [
  /ignore (all |any )?(the )?(previous|prior|above|earlier) (instructions|rules|prompts?)/i,
  /\b(system prompt|developer mode|jailbreak|you are now|act as (an? )?(admin|administrator|developer|system))\b/i,
  /\b(disregard|override|bypass|skip) (the )?(rules|policy|policies|verification|sca|security|limits?|checks?)\b/i,
  /<\|im_start\|>|\[\s*system\s*\]|###\s*instruction/i,
];

export function looksLikeInjection(text: string): boolean {
  return INJECTION.some((re) => re.test(text));
}

const YES = /^(yes|yep|yeah|yup|y|sure|correct|it did|that helped|thanks?|thank you|perfect|great|ok|okay|ja|oui|sí|si|sim|はい|是|好的|👍)\b|^(yes|ja|oui|sí)[.!]*$/i;
const NO = /^(no|nope|nah|n|not really|it didn't|didn't help|that doesn't help|nein|non|não|いいえ|不|👎)\b/i;

export function yesNo(text: string): 'yes' | 'no' | null {
  const t = text.trim().toLowerCase();
  if (NO.test(t)) return 'no';
  if (YES.test(t) || t === '👍') return 'yes';
  return null;
}
