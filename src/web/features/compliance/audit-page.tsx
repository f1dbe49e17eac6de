import { useState } from 'react';
import { api } from '../../api-client/client.js';
import { CompliancePage, useAction } from './nav.js';

interface ChainReport { ok: boolean; entries: number; anchored_at: number | null; first_break: { chain_pos?: number; seq?: number | string; reason?: string } | null }

/** Verify the hash-chained audit log from the browser (same check as `switchboard audit verify`). */
export function AuditChainPage() {
  const [report, setReport] = useState<ChainReport | null>(null);
  const verify = useAction(() => api.get<ChainReport>('/api/v1/compliance/audit/verify'), [], setReport);
  return (
    <CompliancePage title="Audit chain" id="audit-title">
      <p>Every audit entry carries the hash of the previous one. Verification recomputes the chain and reports the first broken link.</p>
      <button type="button" onClick={() => verify.run(undefined)} disabled={verify.pending}>Verify audit chain</button>
      {verify.error && <p role="alert">{verify.error}</p>}
      {report && (
        <p role="status" data-testid="audit-result">
          {report.ok ? `Chain intact: ${report.entries} entries verified` : `Chain broken: ${JSON.stringify(report.first_break)}`}
          {report.anchored_at && report.anchored_at > 1 ? ` (anchored at entry ${report.anchored_at} after retention)` : ''}
        </p>
      )}
    </CompliancePage>
  );
}
