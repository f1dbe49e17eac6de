import type { CustomerView, Identity, OrganizationView } from '../../domain/customers/index.js';
import type { StatusCounts } from '../../domain/tickets/index.js';
import { ZProblem } from '../../shared/contracts/common.js';
import { toWire } from '../present.js';

/** Wire shapes of customers and organisations (validated again by the response schemas). */
export const errors = { 400: ZProblem, 401: ZProblem, 403: ZProblem, 404: ZProblem, 409: ZProblem, 422: ZProblem };

export const presentIdentity = (i: Identity) => ({ id: i.id, kind: i.kind, value: i.value, is_primary: i.is_primary });

export function presentCustomer(c: CustomerView, ticketCounts?: StatusCounts): Record<string, unknown> {
  return toWire({
    id: c.id,
    name: c.name,
    email: c.email,
    identities: c.identities.map(presentIdentity),
    organization_id: c.organization_id,
    organization_name: c.organization_name,
    locale: c.locale,
    country: c.country,
    time_zone: c.time_zone,
    tier: c.tier,
    notes: c.notes,
    ...(ticketCounts ? { ticket_counts: ticketCounts } : {}),
    created_at: c.created_at,
    updated_at: c.updated_at,
  }) as Record<string, unknown>;
}

export const presentOrganization = (o: OrganizationView) =>
  toWire({
    id: o.id, name: o.name, domains: o.domains, external_id: o.external_id, notes: o.notes, member_count: o.member_count,
    created_at: o.created_at, updated_at: o.updated_at,
  }) as Record<string, unknown>;

