import type { Ctx } from '../../kernel/index.js';

export interface SlaSignal {
  due_at: Date;
  breached: boolean;
  target: string;
}

/**
 * The ONE place the priority score learns SLA time left. The SLA module (src/domain/sla) is being built in
 * parallel; until its public query (getSlaStatus(ctx, ticketIds)) exists, no ticket has an SLA signal and the
 * SLA component is 0. Wire it here, nowhere else.
 */
export async function slaSignals(_ctx: Ctx, _ticketIds: string[]): Promise<Map<string, SlaSignal>> {
  return new Map();
}

/** Regulatory deadlines from the compliance module, when it exists (same rule as above). */
export async function regulatorySignals(_ctx: Ctx, _ticketIds: string[]): Promise<Map<string, { due_at: Date; label: string }>> {
  return new Map();
}
