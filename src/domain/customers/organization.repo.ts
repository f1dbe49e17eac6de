import type { Tx } from '../../platform/db/index.js';
import { conflict } from '../../platform/errors.js';

export interface OrganizationKeys {
  name?: string;
  domains?: string[];
  external_id?: string | null;
}

/**
 * What must be unique among a workspace's organisations: the name (case-insensitively), each domain
 * (so email-domain linking is never ambiguous) and the external id. `exceptId` skips the org itself.
 */
export async function assertOrganizationKeysFree(tx: Tx, workspaceId: string, k: OrganizationKeys, exceptId: string | null = null): Promise<void> {
  if (k.name !== undefined) {
    const hit = await tx.maybeOne(
      'SELECT 1 FROM organizations WHERE workspace_id = $1 AND lower(name) = lower($2) AND id IS DISTINCT FROM $3',
      [workspaceId, k.name, exceptId],
    );
    if (hit) throw conflict('ORGANIZATION_NAME_TAKEN', `An organisation named "${k.name}" already exists`);
  }
  if (k.domains?.length) {
    const hit = await tx.maybeOne<{ domain: string }>(
      `SELECT d AS domain FROM organizations o, unnest(o.domains) d
        WHERE o.workspace_id = $1 AND d = ANY($2::text[]) AND o.id IS DISTINCT FROM $3 LIMIT 1`,
      [workspaceId, k.domains, exceptId],
    );
    if (hit) throw conflict('DOMAIN_TAKEN', `The domain ${hit.domain} already belongs to another organisation`);
  }
  if (k.external_id) {
    const hit = await tx.maybeOne(
      'SELECT 1 FROM organizations WHERE workspace_id = $1 AND external_id = $2 AND id IS DISTINCT FROM $3',
      [workspaceId, k.external_id, exceptId],
    );
    if (hit) throw conflict('ORGANIZATION_EXTERNAL_ID_TAKEN', 'Another organisation already has this external id');
  }
}
