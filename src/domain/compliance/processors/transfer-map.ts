import { invalid } from '../../../platform/errors.js';
import { authorize, recordChange, type Ctx } from '../../kernel/index.js';
import { remoteAccessByCountry } from '../privacy/remote-access.js';
import { checkOutboundTransfer } from './outbound-gate.js';
import type { Processor } from './processors.js';
import { inEea, normaliseRegion } from './regions.js';

export type TransferStore = 'database' | 'search' | 'attachments' | 'exports' | 'backups' | 'llm' | 'processor' | 'sub_processor' | 'remote_access';
export type TransferStatus = 'ok' | 'undeclared' | 'blocked' | 'transfer_without_safeguard' | 'transfer_logged';

export interface TransferEntry {
  store: TransferStore;
  name: string;
  region: string | null;
  in_eea: boolean;
  /** Where the region comes from (residency, declared location, processor registry, remote-access log…). */
  basis: string;
  /** Data leaves the EEA of an EEA-homed workspace (Chapter V applies). */
  transfer: boolean;
  safeguard: string | null;
  status: TransferStatus;
}

export interface TransferMap {
  workspace_region: string | null;
  home_in_eea: boolean;
  entries: TransferEntry[];
  issues: number;
}

const REMOTE_WINDOW_DAYS = 90;

/** Declare where the database or the backups live (the application cannot observe it). */
export async function setStoreLocation(ctx: Ctx, input: { store: 'database' | 'backups'; region: string; provider?: string }): Promise<{ store: string; region: string }> {
  authorize(ctx.actor, 'compliance.manage');
  if (input.store !== 'database' && input.store !== 'backups') throw invalid('INVALID_STORE', 'store is database or backups');
  const region = normaliseRegion(input.region ?? '');
  if (!region) throw invalid('INVALID_REGION', 'region is a storage region (eu, us, uk, br, sg) or an ISO country code');
  await ctx.tx.query(
    `INSERT INTO compliance_store_locations (workspace_id, store, region, provider, updated_at) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (workspace_id, store) DO UPDATE SET region = EXCLUDED.region, provider = EXCLUDED.provider, updated_at = EXCLUDED.updated_at`,
    [ctx.actor.workspaceId, input.store, region, input.provider?.trim() ?? '', ctx.clock.now()]);
  await recordChange(ctx, { event: 'compliance.region_set', aggregateType: 'workspace', aggregateId: ctx.actor.workspaceId, payload: { store: input.store, region } });
  return { store: input.store, region };
}

/**
 * Art. 44–49 transfer map of a workspace, generated from the residency declarations, the declared database and
 * backup locations, the processor registry (with sub-processors), the assistant's LLM endpoint (`llmUrl`, from
 * configuration) and the log of personal-data views from outside the EEA (last 90 days).
 */
export async function transferMap(ctx: Ctx, opts: { llmUrl?: string | null } = {}): Promise<TransferMap> {
  authorize(ctx.actor, 'compliance.manage');
  const ws = ctx.actor.workspaceId;
  const residency = await ctx.tx.query<{ brand_id: string | null; brand_name: string | null; region: string }>(
    `SELECT r.brand_id, b.name AS brand_name, r.region FROM compliance_residency r LEFT JOIN brands b ON b.id = r.brand_id
      WHERE r.workspace_id = $1 ORDER BY r.brand_id NULLS FIRST, b.name`, [ws]);
  const home = residency.find((r) => r.brand_id === null)?.region ?? null;
  const homeInEea = home === null ? true : inEea(home);
  const declared = new Map((await ctx.tx.query<{ store: string; region: string; provider: string }>(
    'SELECT store, region, provider FROM compliance_store_locations WHERE workspace_id = $1', [ws])).map((s) => [s.store, s]));
  const processors = await ctx.tx.query<Processor>(
    'SELECT id, name, region, transfer_mechanism, dpa_signed, subproc_authorised, sub_processors, endpoints FROM compliance_processors WHERE workspace_id = $1 ORDER BY lower(name)', [ws]);
  const entries: TransferEntry[] = [];
  const add = (e: Omit<TransferEntry, 'in_eea' | 'transfer' | 'status'> & { status?: TransferStatus }) => {
    const eea = inEea(e.region);
    const transfer = homeInEea && e.region !== null && !eea;
    const status: TransferStatus = e.status ?? (e.region === null ? 'undeclared'
      : transfer && (!e.safeguard || e.safeguard === 'none') ? 'transfer_without_safeguard' : 'ok');
    entries.push({ ...e, in_eea: eea, transfer, status });
  };
  const db = declared.get('database');
  add({ store: 'database', name: db?.provider || 'PostgreSQL', region: db?.region ?? home, basis: db ? 'declared location' : home ? 'workspace residency' : 'not declared', safeguard: null });
  add({ store: 'search', name: 'Full-text search (in the database)', region: db?.region ?? home, basis: 'follows the database', safeguard: null });
  const brandRows = residency.length ? residency : [{ brand_id: null, brand_name: null, region: null as unknown as string }];
  for (const r of brandRows) {
    const name = r.brand_id ? `brand ${r.brand_name ?? r.brand_id}` : 'workspace';
    add({ store: 'attachments', name, region: r.region ?? null, basis: r.region ? `regions/${r.region}/files` : 'shared file store (no residency declared)', safeguard: null });
    add({ store: 'exports', name, region: r.region ?? null, basis: r.region ? `regions/${r.region}/<workspace>/exports` : 'regions/eu (default)', safeguard: null });
  }
  const bk = declared.get('backups');
  add({ store: 'backups', name: bk?.provider || 'Backups', region: bk?.region ?? null, basis: bk ? 'declared location' : 'not declared', safeguard: null });
  if (opts.llmUrl) {
    const v = await checkOutboundTransfer(ctx.tx, ws, opts.llmUrl);
    const p = processors.find((x) => x.id === v.processor_id);
    add({ store: 'llm', name: `LLM endpoint ${v.host ?? ''}`.trim(), region: p?.region ?? null, basis: p ? `processor ${p.name}` : 'no processor entry',
      safeguard: p?.transfer_mechanism ?? null, status: v.allowed ? undefined : 'blocked' });
  }
  for (const p of processors) {
    add({ store: 'processor', name: p.name, region: p.region, basis: 'processor registry', safeguard: p.transfer_mechanism,
      status: !p.dpa_signed || !p.subproc_authorised ? 'blocked' : undefined });
    for (const s of p.sub_processors) add({ store: 'sub_processor', name: `${s.name} (for ${p.name})`, region: s.region, basis: 'processor registry', safeguard: p.transfer_mechanism,
      status: !p.subproc_authorised ? 'blocked' : undefined });
  }
  const since = new Date(ctx.clock.now().getTime() - REMOTE_WINDOW_DAYS * 86_400_000);
  for (const r of await remoteAccessByCountry(ctx, since)) {
    add({ store: 'remote_access', name: `${r.users} user(s), ${r.views} view(s) of personal data`, region: r.country, basis: 'remote-access log (90 days)', safeguard: null, status: 'transfer_logged' });
  }
  return { workspace_region: home, home_in_eea: homeInEea, entries, issues: entries.filter((e) => e.status !== 'ok' && e.status !== 'transfer_logged').length };
}
