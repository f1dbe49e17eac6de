import type { Ctx } from '../../kernel/index.js';
import { getSlaStatus } from '../../sla/index.js';
import { getRegulatoryDeadlines } from '../../compliance/index.js';

export interface SlaSignal {
  remaining_ms: number;
  breached: boolean;
  target: string;
  paused: boolean;
  business: boolean;
}

const METRIC: Record<string, string> = { first_reply: 'first reply', next_reply: 'next reply', periodic_update: 'periodic update', resolution: 'resolution' };

/**
 * The ONE place the priority score learns SLA time left: the SLA module's public query (next live target per
 * ticket, business time left when its policy runs on a calendar). Callers pass ticket ids already scoped.
 */
export async function slaSignals(ctx: Ctx, ticketIds: string[]): Promise<Map<string, SlaSignal>> {
  const st = await getSlaStatus(ctx, ticketIds);
  return new Map([...st].map(([id, s]) => [id, {
    remaining_ms: s.remaining_ms, breached: s.is_breached, target: METRIC[s.metric] ?? s.metric, paused: s.is_paused, business: s.business,
  }]));
}

/** "PSD2 complaint" for regime psd2 / type psd2_complaint, "GDPR access" for gdpr / gdpr_access. */
export function regulatoryLabel(regime: string | null, type: string): string {
  const r = (regime ?? '').toLowerCase();
  const rest = r && type.startsWith(`${r}_`) ? type.slice(r.length + 1) : type;
  return `${r ? `${r.replace(/_/g, ' ').toUpperCase()} ` : ''}${rest.replace(/_/g, ' ')}`;
}

/** The soonest open regulatory deadline per ticket, from the compliance module. */
export async function regulatorySignals(ctx: Ctx, ticketIds: string[]): Promise<Map<string, { due_at: Date; label: string }>> {
  const all = await getRegulatoryDeadlines(ctx, ticketIds);
  const out = new Map<string, { due_at: Date; label: string }>();
  for (const [id, list] of all) {
    const first = [...list].sort((a, b) => new Date(a.due_at).getTime() - new Date(b.due_at).getTime())[0];
    if (first) out.set(id, { due_at: new Date(first.due_at), label: regulatoryLabel(first.regime, first.type) });
  }
  return out;
}
