import { conflict } from '../../../platform/errors.js';
import { newId } from '../../../platform/ids.js';
import { authorize, recordChange, type Ctx } from '../../kernel/index.js';
import { ORG_COLUMNS, type Organization, type OrganizationView } from '../customer.js';
import { normaliseDomains, normaliseExternalId, normaliseName, normaliseNotes } from '../customer.rules.js';
import { assertOrganizationKeysFree } from '../organization.repo.js';

export interface CreateOrganizationInput {
  name: string;
  domains?: string[];
  external_id?: string;
  notes?: string;
}

/** Create an organisation. Name, domains and external id are unique in the workspace (409). */
export async function createOrganization(ctx: Ctx, input: CreateOrganizationInput): Promise<OrganizationView> {
  authorize(ctx.actor, 'customers.write');
  const ws = ctx.actor.workspaceId;
  const name = normaliseName(input.name, 'INVALID_NAME', 'An organisation name');
  const domains = normaliseDomains(input.domains ?? []);
  const externalId = input.external_id === undefined ? null : normaliseExternalId(input.external_id);
  const notes = normaliseNotes(input.notes ?? '');
  await assertOrganizationKeysFree(ctx.tx, ws, { name, domains, external_id: externalId });
  const now = ctx.clock.now();
  const org = await ctx.tx.maybeOne<Organization>(
    `INSERT INTO organizations (id, workspace_id, name, domains, external_id, notes, created_at, updated_at)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$7) ON CONFLICT (workspace_id, name) DO NOTHING RETURNING ${ORG_COLUMNS}`,
    [newId('org', now), ws, name, domains, externalId, notes, now],
  );
  if (!org) throw conflict('ORGANIZATION_NAME_TAKEN', `An organisation named "${name}" already exists`);
  await recordChange(ctx, {
    event: 'organization.created',
    aggregateType: 'organization',
    aggregateId: org.id,
    payload: { name, domains, external_id: externalId },
  });
  return { ...org, member_count: 0 };
}
