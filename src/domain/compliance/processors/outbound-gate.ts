import { AppError } from '../../../platform/errors.js';
import type { Queryable } from '../../../platform/db/index.js';

/** Why an integration may not send personal data to a host (stable problem codes). */
export type OutboundBlockCode = 'PROCESSOR_NOT_REGISTERED' | 'PROCESSOR_DPA_NOT_SIGNED' | 'PROCESSOR_SUBPROCESSORS_NOT_AUTHORISED' | 'INVALID_OUTBOUND_URL';

export interface OutboundVerdict {
  allowed: boolean;
  host: string | null;
  processor_id: string | null;
  code: OutboundBlockCode | null;
  message: string | null;
}

const covers = (endpoint: string, host: string) => endpoint === host || (endpoint.startsWith('*.') && host.endsWith(endpoint.slice(1)));

/**
 * Art. 28 gate for integrations that send personal data out (outbound webhooks, the assistant's LLM endpoint):
 * the processor entry covering the URL's host must have `dpa_signed` and `subproc_authorised`. A host no entry
 * covers is allowed unless the workspace turned on strict mode (`require_registered`). Reads only; safe to call
 * outside a transaction.
 */
export async function checkOutboundTransfer(q: Queryable, workspaceId: string, url: string): Promise<OutboundVerdict> {
  let host: string;
  try {
    host = new URL(url).hostname.toLowerCase().replace(/^\[|\]$/g, '');
  } catch {
    return { allowed: false, host: null, processor_id: null, code: 'INVALID_OUTBOUND_URL', message: 'INVALID_OUTBOUND_URL: not a URL' };
  }
  const rows = await q.query<{ id: string; name: string; endpoints: string[]; dpa_signed: boolean; subproc_authorised: boolean; strict: boolean | null }>(
    `SELECT p.id, p.name, p.endpoints, p.dpa_signed, p.subproc_authorised,
            (SELECT require_registered FROM compliance_processor_policy WHERE workspace_id = $1) AS strict
       FROM (SELECT NULL::text AS id) dummy
       LEFT JOIN compliance_processors p ON p.workspace_id = $1 AND cardinality(p.endpoints) > 0
      ORDER BY p.name`,
    [workspaceId],
  );
  const strict = rows[0]?.strict === true;
  // The most specific entry wins: an exact host over a wildcard.
  const matches = rows.filter((r) => r.id && r.endpoints.some((e) => covers(e, host)));
  const p = matches.find((r) => r.endpoints.includes(host)) ?? matches[0];
  const verdict = (code: OutboundBlockCode | null, message: string | null): OutboundVerdict =>
    ({ allowed: code === null, host, processor_id: p?.id ?? null, code, message: code ? `${code}: ${message}` : null });
  if (!p) return strict ? verdict('PROCESSOR_NOT_REGISTERED', `no processor entry covers ${host}; register the vendor with its DPA first`) : verdict(null, null);
  if (!p.dpa_signed) return verdict('PROCESSOR_DPA_NOT_SIGNED', `the data processing agreement with ${p.name} (${host}) is not signed`);
  if (!p.subproc_authorised) return verdict('PROCESSOR_SUBPROCESSORS_NOT_AUTHORISED', `the sub-processors of ${p.name} (${host}) are not authorised`);
  return verdict(null, null);
}

/** {@link checkOutboundTransfer} that throws an AppError (kind `conflict`, HTTP 409) with the block code. */
export async function assertOutboundTransferAllowed(q: Queryable, workspaceId: string, url: string): Promise<void> {
  const v = await checkOutboundTransfer(q, workspaceId, url);
  if (!v.allowed) throw new AppError(v.code!, v.message!, 'conflict', { host: v.host, processor_id: v.processor_id });
}
