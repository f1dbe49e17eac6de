import { authorize, type Ctx } from '../../kernel/index.js';
import { loadRetentionPolicies, RETENTION_LABELS, type RetentionCategory } from './retention.js';

/**
 * The Art. 30 record of processing for support, generated from the configured schedules (the SAME rows the
 * retention job executes), the residency settings and the restriction/erasure features.
 */
export async function recordOfProcessing(ctx: Ctx) {
  authorize(ctx.actor, 'compliance.manage');
  const ws = await ctx.tx.one<{ name: string }>('SELECT name FROM workspaces WHERE id = $1', [ctx.actor.workspaceId]);
  const policies = await loadRetentionPolicies(ctx.tx, ctx.actor.workspaceId);
  const regions = await ctx.tx.query<{ brand_id: string | null; region: string }>('SELECT brand_id, region FROM compliance_residency WHERE workspace_id = $1 ORDER BY brand_id NULLS FIRST', [ctx.actor.workspaceId]);
  const brands = await ctx.tx.query<{ id: string; name: string }>('SELECT id, name FROM brands WHERE workspace_id = $1 ORDER BY name', [ctx.actor.workspaceId]);
  const brandName = (id: string | null) => (id ? brands.find((b) => b.id === id)?.name ?? id : 'all brands');
  return {
    controller: ws.name,
    generated_at: ctx.clock.now().toISOString(),
    activity: 'Customer support, complaint handling and regulatory case handling',
    purposes: ['answer customer requests', 'handle complaints (PSD2, FCA)', 'handle data-subject requests (GDPR, CCPA, LGPD)', 'content moderation notices and appeals (DSA)'],
    data_subjects: ['customers and end users', 'notifiers (DSA)', 'support staff'],
    data_categories: ['identity and contact data (name, email, phone)', 'conversation content and attachments', 'payment complaint data (amounts, references)', 'authentication evidence (SCA)'],
    recipients: ['support staff with role-based access (masked without pii.view)', 'payment partner for disputes', 'EU Transparency Database (statements of reasons, no personal data)'],
    transfers: regions.length
      ? regions.map((r) => `${brandName(r.brand_id)}: stored in region ${r.region}`)
      : ['all data stored in region eu (default)'],
    erasure_time_limits: policies.map((p) => ({
      category: p.category, label: RETENTION_LABELS[p.category as RetentionCategory], brand: brandName(p.brand_id), days: p.days,
      executed: p.enabled ? 'deleted by the daily retention job' : 'dry-run only (not yet enabled)',
    })),
    security_measures: [
      'role-based access; personal data masked for roles without pii.view', 'access log of personal-data views', 'hash-chained append-only audit log',
      'automatic redaction of card numbers, IBANs, passwords and national ids in inbound messages', 'erasure with tombstones re-applied after restores',
      'SCA (one-time code bound to amount and payee) for payment-sensitive changes',
    ],
  };
}
