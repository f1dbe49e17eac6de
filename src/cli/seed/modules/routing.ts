import { updateTeam } from '../../../domain/workspace/index.js';
import { setPresence, updateAgentRouting, updateTeamRouting } from '../../../domain/routing/index.js';
import { setEscalationTarget } from '../../../domain/escalations/index.js';
import { createProblem, createTrackerIntegration, linkTracker } from '../../../domain/problems/index.js';
import type { SeedModuleCtx } from './types.js';

const SKILLS: Record<string, string[]> = {
  admin: ['language:en'],
  sam: ['language:en', 'market:GB', 'product:payouts'],
  priya: ['language:en', 'market:IN'],
  lukas: ['language:de', 'language:en', 'market:DE', 'product:payouts'],
  sofia: ['language:it', 'language:en', 'market:IT'],
  mateo: ['language:es', 'language:en', 'market:ES', 'product:account'],
  aisha: ['language:en', 'language:ar', 'product:creators'],
};

/**
 * Demo-workspace content of the routing module: skills and capacity per agent, auto-routing on Payments
 * (least loaded) and Trust & Safety (round-robin), Payments and Trust & Safety (with Legal) as escalation targets, and a payout
 * incident with linked tickets and a Jira link. Everyone starts offline: going online in the top bar starts
 * routing tickets to you.
 */
export async function seedRouting(s: SeedModuleCtx): Promise<void> {
  const { ctx, structure } = s;
  for (const [key, skills] of Object.entries(SKILLS)) {
    const id = structure.users[key];
    if (!id) continue;
    await updateAgentRouting(ctx, id, { skills, capacity: { chat: 3, email: 20, '*': 10 } });
  }
  await updateTeamRouting(ctx, structure.teams.payments, { method: 'least_loaded', use_skills: true, skill_fallback_seconds: 300 });
  await updateTeamRouting(ctx, structure.teams.trust, { method: 'round_robin', use_skills: false });
  if (structure.users.mateo) await setPresence(ctx, structure.users.mateo, 'away');

  // Escalation targets among the demo's teams (the demo keeps its four teams): Payments for money questions,
  // Trust & Safety with Legal counsel (Leo, a collaborator) for legal ones.
  const trust = structure.teams.trust;
  const members = (await ctx.tx.query<{ user_id: string }>('SELECT user_id FROM team_members WHERE team_id = $1', [trust])).map((r) => r.user_id);
  if (structure.users.leo) await updateTeam(ctx, trust, { member_ids: [...members, structure.users.leo] });
  await setEscalationTarget(ctx, trust, {
    kind: 'legal', response_minutes: 8 * 60, resolution_minutes: 5 * 24 * 60,
    required_fields: [{ key: 'jurisdiction', label: 'Jurisdiction', type: 'select', options: ['EU', 'UK', 'US', 'BR', 'SG', 'other'] }],
  });
  await setEscalationTarget(ctx, structure.teams.payments, {
    kind: 'payments', response_minutes: 4 * 60, resolution_minutes: 2 * 24 * 60,
    required_fields: [
      { key: 'transaction_id', label: 'Transaction / payout id', type: 'text' },
      { key: 'amount', label: 'Amount', type: 'number' },
    ],
  });

  // An incident: open payout tickets linked to one problem, tracked in Jira.
  const payout = await ctx.tx.query<{ id: string }>(
    `SELECT id FROM tickets WHERE workspace_id = $1 AND team_id = $2 AND status IN ('new','open','pending') AND merged_into_id IS NULL
      ORDER BY created_at DESC, id LIMIT 4`,
    [structure.workspaceId, structure.teams.payments],
  );
  const problem = await createProblem(ctx, {
    title: 'Payout batch delayed (bank partner outage)',
    description: 'The nightly payout batch failed at the bank partner; creators see payouts as "processing" for 2+ days.',
    ticket_ids: payout.map((r) => r.id),
  });
  const jira = await createTrackerIntegration(ctx, { name: 'Jira' });
  await linkTracker(ctx, problem.id, { integration_id: jira.id, external_key: 'PAY-311', url: 'https://jira.example/browse/PAY-311', status: 'in_progress' });
}
