import { useState } from 'react';
import { api } from '../../api-client/client.js';
import { CompliancePage, useAction } from './nav.js';

interface ChainReport {
  ok: boolean;
  entries: number;
  unsealed: number;
  anchored_at: number | null;
  first_break: { chain_pos?: number | null; seq?: number | string; reason?: string; detail?: string } | null;
}

/** Verify the hash-chained audit log from the browser (same check as `switchboard audit verify`). */
export function AuditChainPage() {
  const [report, setReport] = useState<ChainReport | null>(null);
  const verify = useAction(() => api.get<ChainReport>('/api/v1/compliance/audit/verify'), [], setReport);
  return (
    <CompliancePage title="Audit chain" id="audit-title">
      <p>
        Every audit entry carries the hash of the previous one. Entries are linked into the chain by a background job a few
        seconds after they are written; verification links what is committed first, then recomputes the chain and reports
        the first broken link.
      </p>
      <button type="button" onClick={() => verify.run(undefined)} disabled={verify.pending}>Verify audit chain</button>
      {verify.error && <p role="alert">{verify.error}</p>}
      {report && (
        <p role="status" data-testid="audit-result">
          {report.ok
            ? `Chain intact: ${report.entries} entries verified`
            : `Chain broken at entry ${report.first_break?.chain_pos ?? report.first_break?.seq ?? '?'}: ${report.first_break?.reason ?? ''} ${report.first_break?.detail ?? ''}`}
          {report.anchored_at && report.anchored_at > 1 ? ` (anchored at entry ${report.anchored_at} after retention)` : ''}
          {report.unsealed > 0 ? `; ${report.unsealed} newer entries are not linked yet (written during the check)` : ''}
        </p>
      )}
    </CompliancePage>
  );
}
