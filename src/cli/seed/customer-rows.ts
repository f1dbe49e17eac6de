/** Rows and history for the demo's organisations, customers and their identities. */
import type { Actor, History } from './history.js';
import { AGENCIES, type DemoCustomer } from './people.js';
import { DAY, HOUR, seedId, type Rng } from './prng.js';

export interface CustomerRows {
  organizations: object[];
  customers: object[];
  identities: object[];
  /** Customer key → id, and organisation index → id. */
  customerIds: string[];
  orgIds: string[];
}

const iso = (ms: number) => new Date(ms).toISOString();

/** Organisation ids, created by the admin at the start of the demo history. */
export function organizationRows(ids: Rng, history: History, workspaceId: string, admin: Actor, at: number): { rows: object[]; ids: string[] } {
  const rows: object[] = [];
  const orgIds: string[] = [];
  AGENCIES.forEach((a, i) => {
    const t = at + (i + 1) * 90_000;
    const id = seedId(ids, 'org', new Date(t));
    orgIds.push(id);
    rows.push({
      id, workspace_id: workspaceId, name: a.name, domains: [a.domain], external_id: `agency-${String(101 + i)}`,
      notes: `Creator agency (${a.country}). Demo data.`, created_at: iso(t), updated_at: iso(t),
    });
    history.record({ name: 'organization.created', aggregateType: 'organization', aggregateId: id, actor: admin, at: t, payload: { name: a.name, domains: [a.domain] } });
  });
  return { rows, ids: orgIds };
}

/**
 * When each customer record was created: at their first contact (resolveRequester creates it a
 * moment before the ticket), or — for customers who never wrote in — imported at the start.
 */
export function customerCreatedAt(firstContact: Array<number | null>, historyStart: number): number[] {
  return firstContact.map((f) => (f !== null ? f - 1000 : historyStart + HOUR));
}

export function customerIdsFor(ids: Rng, createdAt: number[]): string[] {
  return createdAt.map((t) => seedId(ids, 'cus', new Date(t)));
}

export function customerRows(
  rng: Rng,
  ids: Rng,
  history: History,
  opts: {
    workspaceId: string;
    customers: DemoCustomer[];
    customerIds: string[];
    orgIds: string[];
    firstContact: Array<number | null>;
    historyStart: number;
    now: number;
    agentActors: Actor[];
  },
): { customers: object[]; identities: object[] } {
  const customers: object[] = [];
  const identities: object[] = [];
  opts.customers.forEach((c, i) => {
    const id = opts.customerIds[i];
    const first = opts.firstContact[i];
    const createdAt = customerCreatedAt([first], opts.historyStart)[0];
    const createdBy: Actor = first !== null ? { type: 'system', id: null, channel: 'system', ip: null } : opts.agentActors[0];
    const orgId = c.agency >= 0 ? opts.orgIds[c.agency] : null;
    identities.push({ id: seedId(ids, 'cid', new Date(createdAt)), workspace_id: opts.workspaceId, customer_id: id, kind: 'email', value: c.email, is_primary: true, created_at: iso(createdAt) });
    history.record({ name: 'customer.created', aggregateType: 'customer', aggregateId: id, actor: createdBy, at: createdAt, payload: { name: c.name, organization_id: orgId } });
    let updatedAt = createdAt;
    const extra: Array<['email' | 'phone' | 'external_id', string]> = [];
    if (c.extraEmail) extra.push(['email', c.extraEmail]);
    if (c.phone) extra.push(['phone', c.phone]);
    if (c.externalId) extra.push(['external_id', c.externalId]);
    for (const [kind, value] of extra) {
      const span = Math.max(HOUR, Math.min(opts.now - createdAt, 30 * DAY));
      const at = Math.min(opts.now - 60_000, createdAt + Math.round(rng.float(0.05, 1) * span));
      const iid = seedId(ids, 'cid', new Date(at));
      identities.push({ id: iid, workspace_id: opts.workspaceId, customer_id: id, kind, value, is_primary: false, created_at: iso(at) });
      history.record({
        name: 'customer.identity_added', aggregateType: 'customer', aggregateId: id, actor: rng.pick(opts.agentActors), at,
        payload: { identity_id: iid, kind, value },
      });
      updatedAt = Math.max(updatedAt, at);
    }
    customers.push({
      id, workspace_id: opts.workspaceId, name: c.name, organization_id: orgId, locale: c.country.locale, country: c.country.code,
      time_zone: c.country.timeZone, tier: c.tier, notes: c.tier === 'vip' ? 'VIP: top creator / long-time subscriber. Demo data.' : '',
      created_at: iso(createdAt), updated_at: iso(updatedAt),
    });
  });
  return { customers, identities };
}
