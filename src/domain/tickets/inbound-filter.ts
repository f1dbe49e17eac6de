import type { Ctx } from '../kernel/index.js';

/** Where an inbound (customer-written) message is going, for filters that depend on the brand. */
export interface InboundTextTarget {
  brandId: string;
  ticketId: string;
}

export interface InboundBody {
  text: string;
  html: string | null;
}

/**
 * A transformation applied to every customer-written message body before it is stored (other modules
 * register theirs, e.g. to strip secrets). Filters run in registration order inside the command's transaction.
 */
export type InboundTextFilter = (ctx: Ctx, target: InboundTextTarget, body: InboundBody) => Promise<InboundBody>;

const filters: InboundTextFilter[] = [];

export function registerInboundTextFilter(f: InboundTextFilter): void {
  if (!filters.includes(f)) filters.push(f);
}

export async function applyInboundTextFilters(ctx: Ctx, target: InboundTextTarget, body: InboundBody): Promise<InboundBody> {
  let out = body;
  for (const f of filters) out = await f(ctx, target, out);
  return out;
}
