import { conflict } from '../../../platform/errors.js';
import { authorize, recordChange, type Ctx } from '../../kernel/index.js';
import { ORG_COLUMNS, type Organization, type OrganizationView } from '../customer.js';
import { isUniqueViolation, loadOrganization, toOrganizationViews } from '../customer.repo.js';
import { diffFields, normaliseDomains, normaliseExternalId, normaliseName, normaliseNotes } from '../customer.rules.js';
import { assertOrganizationKeysFree } from '../organization.repo.js';

export interface UpdateOrganizationInput {
  name?: string;
  domains?: string[];
  external_id?: string | null;
  notes?: string;
}

const COLUMNS = ['name', 'domains', 'external_id', 'notes'] as const;

/**
 * Change an organisation. New domains only affect customers created from now on: existing
 * customers are not re-homed (that would silently move people and their tickets' context).
 */
export async function updateOrganization(ctx: Ctx, id: string, input: UpdateOrganizationInput): Promise<OrganizationView> {
  authorize(ctx.actor, 'customers.write');
  const ws = ctx.actor.workspaceId;
  const cur = await loadOrganization(ctx.tx, ws, id, { forUpdate: true });
  const next: Partial<Organization> = {};
  if (input.name !== undefined) next.name = normaliseName(input.name, 'INVALID_NAME', 'An organisation name');
  if (input.domains !== undefined) next.domains = normaliseDomains(input.domains);
  if (input.external_id !== undefined) next.external_id = input.external_id === null ? null : normaliseExternalId(input.external_id);
  if (input.notes !== undefined) next.notes = normaliseNotes(input.notes);
  const diff = diffFields(cur, next, new Set(['notes']));
  if (diff.changed.length === 0) return (await toOrganizationViews(ctx.tx, [cur]))[0];

  await assertOrganizationKeysFree(ctx.tx, ws, {
    name: diff.changed.includes('name') ? next.name : undefined,
    domains: diff.changed.includes('domains') ? next.domains : undefined,
    external_id: diff.changed.includes('external_id') ? next.external_id : undefined,
  }, id);
  const cols = COLUMNS.filter((c) => diff.changed.includes(c));
  let saved: Organization;
  try {
    saved = await ctx.tx.one<Organization>(
      `UPDATE organizations SET updated_at = $2, ${cols.map((c, i) => `${c} = $${i + 3}`).join(', ')} WHERE id = $1 RETURNING ${ORG_COLUMNS}`,
      [id, ctx.clock.now(), ...cols.map((c) => next[c])],
    );
  } catch (e) {
    // A concurrent rename won the race for the name.
    if (isUniqueViolation(e)) throw conflict('ORGANIZATION_NAME_TAKEN', `An organisation named "${next.name}" already exists`);
    throw e;
  }
  await recordChange(ctx, { event: 'organization.updated', aggregateType: 'organization', aggregateId: id, payload: diff });
  return (await toOrganizationViews(ctx.tx, [saved]))[0];
}
