/**
 * The priority score: one number per open ticket, the sum of named components, each explainable.
 * Pure: inputs in, score and breakdown out. Formula and a worked example: docs/routing.md.
 */
export interface ScoreInput {
  now: Date;
  created_at: Date;
  priority: string;
  channel: string;
  tier: string | null;
  tags: string[];
  custom_fields: Record<string, unknown>;
  /** The next live SLA target: time left (business time when the SLA runs on a calendar), breached, paused; null without SLA. */
  sla: { remaining_ms: number; breached: boolean; target: string; paused?: boolean; business?: boolean } | null;
  /** Earliest regulatory deadline (compliance module); null when none. */
  regulatory: { due_at: Date; label: string } | null;
}

export interface ScoreComponent {
  key: 'sla' | 'regulatory' | 'priority' | 'tier' | 'channel' | 'sentiment' | 'intent' | 'age';
  points: number;
  detail: string;
}

export interface PriorityScore {
  score: number;
  components: ScoreComponent[];
}

export const WEIGHTS = {
  /** SLA: 40 when breached, else 40 × (1 − hours left / 8), 0 with 8 h or more left. */
  sla: 40, slaHorizonHours: 8,
  /** Regulatory: 30 when overdue, else 30 × (1 − days left / 15). */
  regulatory: 30, regulatoryHorizonDays: 15,
  priority: { urgent: 20, high: 10, normal: 0, low: -5 } as Record<string, number>,
  tier: { enterprise: 15, vip: 15, premium: 10, business: 5, standard: 0 } as Record<string, number>,
  channel: { chat: 10, phone: 10, social: 5 } as Record<string, number>,
  sentiment: { very_negative: 15, negative: 10, angry: 15 } as Record<string, number>,
  /**
   * Intents with churn, money or legal risk. Intent names are the workspace's own (the assistant's classifier
   * writes e.g. `cancel_transfer`, `lost_or_stolen_card`), so a name scores its highest-weighted word.
   */
  intent: { cancel: 10, chargeback: 10, dispute: 10, fraud: 10, stolen: 10, compromised: 10, legal: 10, complaint: 5, refund: 5 } as Record<string, number>,
  /** Age: 1 point per 4 hours open, at most 15. */
  agePerHours: 4, ageMax: 15,
} as const;

const r1 = (n: number) => Math.round(n * 10) / 10;
const HOUR = 3_600_000;

function fmtDuration(ms: number): string {
  const m = Math.round(Math.abs(ms) / 60_000);
  if (m < 60) return `${m} min`;
  const h = m / 60;
  return h < 48 ? `${r1(h)} h` : `${r1(h / 24)} days`;
}

/** A signal from a tag `kind:value` or the custom field `kind` (e.g. set by the assistant's classifier). */
function signal(kind: string, tags: string[], fields: Record<string, unknown>): string | null {
  const f = fields[kind];
  if (typeof f === 'string' && f) return f.toLowerCase();
  const t = tags.find((g) => g.startsWith(`${kind}:`));
  return t ? t.slice(kind.length + 1).toLowerCase() : null;
}

/** Points of a signal value: its own weight, else the highest weight of its words (`lost_or_stolen_card` → `stolen`). */
function signalPoints(value: string, weights: Record<string, number>): number {
  if (weights[value] !== undefined) return weights[value];
  return Math.max(0, ...value.split(/[^a-z0-9]+/).map((w) => weights[w] ?? 0));
}

export function computePriorityScore(i: ScoreInput): PriorityScore {
  const c: ScoreComponent[] = [];
  const now = i.now.getTime();
  if (i.sla) {
    const left = i.sla.remaining_ms;
    const over = i.sla.breached || left <= 0;
    const pts = over ? WEIGHTS.sla : WEIGHTS.sla * Math.max(0, 1 - left / (WEIGHTS.slaHorizonHours * HOUR));
    const unit = i.sla.business ? ' business time' : '';
    const detail = left <= 0 ? `${i.sla.target} breached ${fmtDuration(left)}${unit} ago`
      : `${i.sla.target} due in ${fmtDuration(left)}${unit}${i.sla.breached ? ' (an earlier target was breached)' : ''}`;
    c.push({ key: 'sla', points: r1(pts), detail: i.sla.paused ? `${detail}, paused` : detail });
  } else c.push({ key: 'sla', points: 0, detail: 'no SLA target running' });
  if (i.regulatory) {
    const days = (i.regulatory.due_at.getTime() - now) / (24 * HOUR);
    const pts = days <= 0 ? WEIGHTS.regulatory : WEIGHTS.regulatory * Math.max(0, 1 - days / WEIGHTS.regulatoryHorizonDays);
    c.push({ key: 'regulatory', points: r1(pts), detail: days <= 0 ? `${i.regulatory.label} overdue` : `${i.regulatory.label} due in ${r1(days)} days` });
  }
  c.push({ key: 'priority', points: WEIGHTS.priority[i.priority] ?? 0, detail: `priority ${i.priority}` });
  const tier = (i.tier ?? 'standard').toLowerCase();
  c.push({ key: 'tier', points: WEIGHTS.tier[tier] ?? 0, detail: `customer tier ${tier}` });
  c.push({ key: 'channel', points: WEIGHTS.channel[i.channel] ?? 0, detail: `channel ${i.channel}` });
  const sentiment = signal('sentiment', i.tags, i.custom_fields);
  if (sentiment) c.push({ key: 'sentiment', points: WEIGHTS.sentiment[sentiment] ?? 0, detail: `sentiment ${sentiment}` });
  const intent = signal('intent', i.tags, i.custom_fields);
  if (intent) c.push({ key: 'intent', points: signalPoints(intent, WEIGHTS.intent), detail: `intent ${intent}` });
  const ageMs = Math.max(0, now - i.created_at.getTime());
  c.push({ key: 'age', points: r1(Math.min(WEIGHTS.ageMax, ageMs / (WEIGHTS.agePerHours * HOUR))), detail: `open for ${fmtDuration(ageMs)}` });
  return { score: r1(c.reduce((s, x) => s + x.points, 0)), components: c };
}
