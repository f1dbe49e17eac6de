import { invalid, notFound } from '../../../platform/errors.js';
import { authorize, recordChange, type Ctx } from '../../kernel/index.js';
import { ESCALATION_KINDS, checkFieldDefs, type EscalationKind, type EscalationTarget, type RequiredField } from '../escalation.js';

export interface EscalationTargetInput {
  kind: EscalationKind;
  required_fields?: RequiredField[];
  response_minutes?: number | null;
  resolution_minutes?: number | null;
}

/** Make a team an escalation target (Engineering, Product, Legal, Ops, Payments) with its required fields and own SLA. */
export async function setEscalationTarget(ctx: Ctx, teamId: string, input: EscalationTargetInput): Promise<EscalationTarget> {
  authorize(ctx.actor, 'routing.manage');
  if (!(ESCALATION_KINDS as readonly string[]).includes(input.kind)) throw invalid('INVALID_ESCALATION_KIND', `Kind must be one of ${ESCALATION_KINDS.join(', ')}`);
  const team = await ctx.tx.maybeOne('SELECT 1 FROM teams WHERE id = $1 AND workspace_id = $2', [teamId, ctx.actor.workspaceId]);
  if (!team) throw notFound('TEAM_NOT_FOUND', 'Team');
  const defs = checkFieldDefs(input.required_fields ?? []);
  for (const m of [input.response_minutes, input.resolution_minutes]) {
    if (m != null && (!Number.isInteger(m) || m <= 0)) throw invalid('INVALID_TARGET_MINUTES', 'Response and resolution targets are whole minutes above 0');
  }
  if (input.response_minutes && input.resolution_minutes && input.resolution_minutes < input.response_minutes) {
    throw invalid('INVALID_TARGET_MINUTES', 'The resolution target cannot come before the response target');
  }
  const row = await ctx.tx.one<EscalationTarget>(
    `INSERT INTO escalation_targets (team_id, workspace_id, kind, required_fields, response_minutes, resolution_minutes, updated_at)
     VALUES ($1,$2,$3,$4::jsonb,$5,$6,$7)
     ON CONFLICT (team_id) DO UPDATE SET kind = EXCLUDED.kind, required_fields = EXCLUDED.required_fields,
       response_minutes = EXCLUDED.response_minutes, resolution_minutes = EXCLUDED.resolution_minutes, updated_at = EXCLUDED.updated_at
     RETURNING team_id, kind, required_fields, response_minutes, resolution_minutes, updated_at`,
    [teamId, ctx.actor.workspaceId, input.kind, JSON.stringify(defs), input.response_minutes ?? null, input.resolution_minutes ?? null, ctx.clock.now()],
  );
  await recordChange(ctx, { event: 'escalation.target_updated', aggregateType: 'team', aggregateId: teamId, payload: { ...row, updated_at: undefined } });
  return row;
}
