import {
  createSop, createSopVersion, DEMO_SOP_YAML, editSopVersion, saveHttpAction, transitionSopVersion, updateSop,
} from '../../../domain/sops/index.js';
import type { SeedModuleCtx } from './types.js';

/**
 * Demo-workspace SOPs: the five of the demo domain and five modelled on ABCD guidelines, each approved,
 * launched and promoted (so new matching tickets get them); the coin refund also has a version 2 in an
 * A/B test at 50 %, and the GDPR request a version 2 waiting for Legal's approval.
 */
export async function seedSops({ ctx, structure }: SeedModuleCtx): Promise<void> {
  await saveHttpAction(ctx, { key: 'payments_refund', url: 'https://payments.clipster.example/v1/refunds', auth_type: 'bearer', auth_secret: 'demo-secret', timeout_ms: 5000 });
  const ids: Record<string, { sop: string; version: string }> = {};
  for (const yaml of DEMO_SOP_YAML) {
    const { sop, version } = await createSop(ctx, { yaml });
    for (const action of ['submit', 'approve', 'launch', 'promote'] as const) {
      await transitionSopVersion(ctx, version.id, { action, reason: 'demo', ...(action === 'launch' ? { rollout: { percent: 100 } } : {}) });
    }
    ids[sop.key] = { sop: sop.id, version: version.id };
  }
  // Coin refund v2: the confirmation also says when the coins disappear from the wallet — A/B tested at 50 %.
  const refund = ids['refund-coin-purchase'];
  const v2 = await createSopVersion(ctx, refund.sop, {});
  await editSopVersion(ctx, v2.id, {
    yaml: v2.yaml.replace('It reaches your card in 3-5 business days.', 'It reaches your card in 3-5 business days; the coins leave your wallet today.'),
    reason: 'Customers asked whether they keep the coins',
  });
  for (const action of ['submit', 'approve', 'launch'] as const) {
    await transitionSopVersion(ctx, v2.id, { action, reason: 'demo A/B test', ...(action === 'launch' ? { rollout: { percent: 50, ab_test: true } } : {}) });
  }
  // Named approvers for future reviews; GDPR v2 waits for them.
  const approvers = [{ role: 'Legal', user_id: structure.users.priya }, { role: 'Support Ops', user_id: structure.users.sam }];
  const gdpr = ids['gdpr-data-request'];
  await updateSop(ctx, gdpr.sop, { approvers });
  await updateSop(ctx, refund.sop, { approvers });
  const g2 = await createSopVersion(ctx, gdpr.sop, {});
  await transitionSopVersion(ctx, g2.id, { action: 'submit', reason: 'Yearly legal review' });
}
