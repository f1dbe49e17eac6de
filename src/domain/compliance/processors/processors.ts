import { conflict, invalid, notFound } from '../../../platform/errors.js';
import { newId } from '../../../platform/ids.js';
import { authorize, recordChange, type Ctx } from '../../kernel/index.js';
import { normaliseRegion } from './regions.js';

export const TRANSFER_MECHANISMS = ['none', 'adequacy', 'dpf', 'scc', 'bcr', 'derogation'] as const;

export interface SubProcessor {
  name: string;
  region: string;
  purpose: string;
}

/** A vendor processing personal data for the workspace (Art. 28), and where it sends/keeps it. */
export interface Processor {
  id: string;
  name: string;
  purpose: string;
  data_categories: string[];
  region: string;
  transfer_mechanism: (typeof TRANSFER_MECHANISMS)[number];
  dpa_signed: boolean;
  subproc_authorised: boolean;
  sub_processors: SubProcessor[];
  endpoints: string[];
  is_recipient: boolean;
  notify_email: string | null;
  created_at: Date;
  updated_at: Date;
}

export interface ProcessorInput {
  name: string;
  purpose: string;
  data_categories?: string[];
  region: string;
  transfer_mechanism?: Processor['transfer_mechanism'];
  dpa_signed?: boolean;
  subproc_authorised?: boolean;
  sub_processors?: Array<Omit<SubProcessor, 'purpose'> & { purpose?: string }>;
  endpoints?: string[];
  is_recipient?: boolean;
  notify_email?: string | null;
}

const COLS = `id, name, purpose, data_categories, region, transfer_mechanism, dpa_signed, subproc_authorised, sub_processors, endpoints,
  is_recipient, notify_email, created_at, updated_at`;
const HOST = /^(\*\.)?[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/;

function region(value: string, path: string): string {
  const r = normaliseRegion(value ?? '');
  if (!r) throw invalid('INVALID_REGION', `${path}: a storage region (eu, us, uk, br, sg) or an ISO country code`);
  return r;
}

function clean(input: ProcessorInput): Required<ProcessorInput> {
  if (!input.name?.trim()) throw invalid('NAME_REQUIRED', 'A processor needs a name');
  if (!input.purpose?.trim()) throw invalid('PURPOSE_REQUIRED', 'State the purpose of the processing (Art. 28(3))');
  const mech = input.transfer_mechanism ?? 'none';
  if (!TRANSFER_MECHANISMS.includes(mech)) throw invalid('INVALID_TRANSFER_MECHANISM', `transfer_mechanism must be one of ${TRANSFER_MECHANISMS.join(', ')}`);
  const endpoints = [...new Set((input.endpoints ?? []).map((e) => e.trim().toLowerCase()))];
  const bad = endpoints.filter((e) => !HOST.test(e));
  if (bad.length) throw invalid('INVALID_ENDPOINT', `endpoints are host names (api.vendor.com or *.vendor.com): ${bad.join(', ')}`);
  const subs = (input.sub_processors ?? []).map((s, i) => {
    if (!s?.name?.trim()) throw invalid('NAME_REQUIRED', `sub_processors[${i}] needs a name`);
    return { name: s.name.trim(), region: region(s.region, `sub_processors[${i}].region`), purpose: s.purpose?.trim() ?? '' };
  });
  const email = input.notify_email?.trim() || null;
  if (email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) throw invalid('INVALID_EMAIL', 'notify_email is not an e-mail address');
  return {
    name: input.name.trim(), purpose: input.purpose.trim(), data_categories: [...new Set(input.data_categories ?? [])], region: region(input.region, 'region'),
    transfer_mechanism: mech, dpa_signed: input.dpa_signed ?? false, subproc_authorised: input.subproc_authorised ?? false, sub_processors: subs,
    endpoints, is_recipient: input.is_recipient ?? true, notify_email: email,
  };
}

export async function listProcessors(ctx: Ctx): Promise<Processor[]> {
  authorize(ctx.actor, 'compliance.manage');
  return ctx.tx.query<Processor>(`SELECT ${COLS} FROM compliance_processors WHERE workspace_id = $1 ORDER BY lower(name)`, [ctx.actor.workspaceId]);
}

export async function getProcessor(ctx: Ctx, id: string): Promise<Processor> {
  authorize(ctx.actor, 'compliance.manage');
  const p = await ctx.tx.maybeOne<Processor>(`SELECT ${COLS} FROM compliance_processors WHERE id = $1 AND workspace_id = $2`, [id, ctx.actor.workspaceId]);
  if (!p) throw notFound('PROCESSOR_NOT_FOUND', 'Processor');
  return p;
}

/** Create (no id) or replace a registry entry; every change is an event + audit row (DPA status history). */
export async function saveProcessor(ctx: Ctx, input: ProcessorInput, id?: string): Promise<Processor> {
  authorize(ctx.actor, 'compliance.manage');
  const v = clean(input);
  const now = ctx.clock.now();
  const dupe = await ctx.tx.maybeOne<{ id: string }>(
    'SELECT id FROM compliance_processors WHERE workspace_id = $1 AND lower(name) = lower($2) AND id <> coalesce($3, \'\')', [ctx.actor.workspaceId, v.name, id ?? null]);
  if (dupe) throw conflict('DUPLICATE_PROCESSOR', `A processor named "${v.name}" already exists`, { processor_id: dupe.id });
  const params = [v.name, v.purpose, v.data_categories, v.region, v.transfer_mechanism, v.dpa_signed, v.subproc_authorised, JSON.stringify(v.sub_processors),
    v.endpoints, v.is_recipient, v.notify_email, now, ctx.actor.workspaceId];
  let row: Processor | undefined;
  if (id) {
    row = await ctx.tx.maybeOne<Processor>(
      `UPDATE compliance_processors SET name = $1, purpose = $2, data_categories = $3, region = $4, transfer_mechanism = $5, dpa_signed = $6,
              subproc_authorised = $7, sub_processors = $8::jsonb, endpoints = $9, is_recipient = $10, notify_email = $11, updated_at = $12
        WHERE id = $14 AND workspace_id = $13 RETURNING ${COLS}`, [...params, id]);
    if (!row) throw notFound('PROCESSOR_NOT_FOUND', 'Processor');
  } else {
    row = await ctx.tx.one<Processor>(
      `INSERT INTO compliance_processors (name, purpose, data_categories, region, transfer_mechanism, dpa_signed, subproc_authorised, sub_processors, endpoints,
              is_recipient, notify_email, created_at, updated_at, workspace_id, id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9, $10, $11, $12, $12, $13, $14) RETURNING ${COLS}`, [...params, newId('prc', now)]);
  }
  await recordChange(ctx, {
    event: 'compliance.processor_saved', aggregateType: 'compliance_processor', aggregateId: row.id,
    payload: { name: row.name, region: row.region, dpa_signed: row.dpa_signed, subproc_authorised: row.subproc_authorised, endpoints: row.endpoints, created: !id },
  });
  return row;
}

/** Strict mode: also block integrations to hosts no processor entry covers. */
export async function setProcessorPolicy(ctx: Ctx, input: { require_registered: boolean }): Promise<{ require_registered: boolean }> {
  authorize(ctx.actor, 'compliance.manage');
  await ctx.tx.query(
    `INSERT INTO compliance_processor_policy (workspace_id, require_registered, updated_at) VALUES ($1, $2, $3)
     ON CONFLICT (workspace_id) DO UPDATE SET require_registered = EXCLUDED.require_registered, updated_at = EXCLUDED.updated_at`,
    [ctx.actor.workspaceId, input.require_registered === true, ctx.clock.now()]);
  await recordChange(ctx, { event: 'compliance.processor_policy_set', aggregateType: 'workspace', aggregateId: ctx.actor.workspaceId, payload: { require_registered: input.require_registered === true } });
  return { require_registered: input.require_registered === true };
}
