import { conflict, invalid, notFound } from '../../../platform/errors.js';
import { newId } from '../../../platform/ids.js';
import type { Channel, Priority } from '../../../shared/enums.js';
import { loadCustomer, resolveRequester } from '../../customers/index.js';
import { applyFieldValues, type CustomField } from '../../fields/index.js';
import { authorize, canSeeBrand, eventsOf, type Change, type Ctx } from '../../kernel/index.js';
import { linkAttachments } from '../attachments.js';
import { applyInboundTextFilters } from '../inbound-filter.js';
import { normaliseBody, type Message } from '../message.js';
import { normaliseTags, type Ticket } from '../ticket.js';
import { insertTicketWithMessage, type NewTicket } from '../ticket.repo.js';

export interface CreateTicketInput {
  subject: string;
  body?: string;
  html_body?: string;
  /** Found or created by email; `{ id }` names an existing customer (follow-ups: the requester may have no email left). */
  requester: { email: string; name?: string } | { id: string };
  priority?: Priority;
  tags?: string[];
  channel?: Channel;
  brand_id?: string;
  team_id?: string;
  assignee_id?: string;
  custom_fields?: Record<string, unknown>;
  country?: string;
  language?: string;
  external_id?: string;
  attachment_ids?: string[];
  /** Who wrote the first message: the requester (default) or the acting agent (outbound ticket). */
  first_message_by?: 'requester' | 'agent';
  follow_up_of_id?: string;
}

/** The named brand of the workspace ($2), or — when $2 is null — the first brand the actor ($3: brand ids) may work on. */
const BRAND_SQL = `SELECT id FROM brands
   WHERE workspace_id = $1 AND (id = $2 OR $2::text IS NULL AND (cardinality($3::text[]) = 0 OR id = ANY($3::text[])))
   ORDER BY created_at, id LIMIT 1`;

function assertBrand(ctx: Ctx, named: boolean, id: string | null | undefined): string {
  if (!id) throw named ? notFound('BRAND_NOT_FOUND', 'Brand') : invalid('NO_BRAND', 'The workspace has no brand yet; create one first');
  if (!canSeeBrand(ctx.actor, id)) throw notFound('BRAND_NOT_FOUND', 'Brand');
  return id;
}

export async function resolveBrand(ctx: Ctx, brandId: string | undefined): Promise<string> {
  const row = await ctx.tx.maybeOne<{ id: string }>(BRAND_SQL, [ctx.actor.workspaceId, brandId ?? null, ctx.actor.brandIds]);
  return assertBrand(ctx, !!brandId, row?.id);
}

export async function checkTeam(ctx: Ctx, teamId: string | null | undefined): Promise<void> {
  if (!teamId) return;
  const t = await ctx.tx.maybeOne('SELECT 1 FROM teams WHERE id = $1 AND workspace_id = $2', [teamId, ctx.actor.workspaceId]);
  if (!t) throw notFound('TEAM_NOT_FOUND', 'Team');
}

interface AssigneeRow {
  role: string;
  is_active: boolean;
  brand_ids: string[];
}

function assertAssignable(u: AssigneeRow | null | undefined, brandId: string): void {
  if (!u) throw notFound('USER_NOT_FOUND', 'Assignee');
  if (!u.is_active) throw invalid('ASSIGNEE_INACTIVE', 'The assignee is deactivated');
  if (!['admin', 'supervisor', 'agent'].includes(u.role)) throw invalid('ASSIGNEE_NOT_AGENT', `A ${u.role} cannot be assigned tickets`);
  if (u.brand_ids.length > 0 && !u.brand_ids.includes(brandId)) throw invalid('ASSIGNEE_NO_BRAND_ACCESS', 'The assignee cannot work on this brand');
}

export async function checkAssignee(ctx: Ctx, userId: string | null | undefined, brandId: string): Promise<void> {
  if (!userId) return;
  const u = await ctx.tx.maybeOne<AssigneeRow>(
    'SELECT role, is_active, brand_ids FROM users WHERE id = $1 AND workspace_id = $2',
    [userId, ctx.actor.workspaceId],
  );
  assertAssignable(u, brandId);
}

const FIELD_COLS = ['id', 'workspace_id', 'key', 'label', 'type', 'options', 'is_required', 'is_active', 'position', 'created_at'] as const;

interface SetupRow extends Partial<Record<(typeof FIELD_COLS)[number], unknown>> {
  brand_id: string | null;
  external_id_taken: boolean;
  team_found: boolean;
  assignee: AssigneeRow | null;
}

/**
 * Everything createTicket checks before it writes, in ONE statement: the brand, whether the external id
 * is taken, the team and assignee (when given), and the active custom fields (one row per field; a
 * single row with null field columns when there are none).
 */
async function loadSetup(ctx: Ctx, input: CreateTicketInput) {
  const ws = ctx.actor.workspaceId;
  const rows = await ctx.tx.query<SetupRow>(
    `SELECT b.id AS brand_id,
            EXISTS (SELECT 1 FROM tickets WHERE workspace_id = $1 AND external_id = $4) AS external_id_taken,
            EXISTS (SELECT 1 FROM teams WHERE id = $5 AND workspace_id = $1) AS team_found,
            (SELECT json_build_object('role', role, 'is_active', is_active, 'brand_ids', brand_ids)
               FROM users WHERE id = $6 AND workspace_id = $1) AS assignee,
            ${FIELD_COLS.map((c) => `f.${c}`).join(', ')}
       FROM (SELECT 1) one
       LEFT JOIN LATERAL (${BRAND_SQL}) b ON true
       LEFT JOIN custom_fields f ON f.workspace_id = $1 AND f.is_active
      ORDER BY f.position, f.key`,
    [ws, input.brand_id ?? null, ctx.actor.brandIds, input.external_id ?? null, input.team_id ?? null, input.assignee_id ?? null],
  );
  const first = rows[0];
  const fields = rows.filter((r) => r.id != null).map((r) => Object.fromEntries(FIELD_COLS.map((c) => [c, r[c]])) as unknown as CustomField);
  return { ...first, fields };
}

/** Create a ticket with its first message; the requester is found or created by email. */
export async function createTicket(ctx: Ctx, input: CreateTicketInput): Promise<{ ticket: Ticket; message: Message }> {
  authorize(ctx.actor, 'tickets.write');
  const now = ctx.clock.now();
  const subject = input.subject.trim();
  if (!subject) throw invalid('SUBJECT_REQUIRED', 'A ticket needs a subject');
  let body = normaliseBody(input.body, input.html_body);
  if (!body.text) throw invalid('BODY_REQUIRED', 'A ticket needs a first message (body or html_body)');
  const tags = normaliseTags(input.tags ?? []);

  const setup = await loadSetup(ctx, input);
  // External ids are unique per workspace (imports and integrations rely on it to be re-runnable).
  if (setup.external_id_taken) throw conflict('EXTERNAL_ID_TAKEN', `A ticket with external_id "${input.external_id}" already exists`);
  const brandId = assertBrand(ctx, !!input.brand_id, setup.brand_id);
  if (input.team_id && !setup.team_found) throw notFound('TEAM_NOT_FOUND', 'Team');
  if (input.assignee_id) assertAssignable(setup.assignee, brandId);
  const fields = applyFieldValues(setup.fields, {}, input.custom_fields ?? {}, { requireAll: true });

  const requester = 'id' in input.requester
    ? { customer: await loadCustomer(ctx.tx, ctx.actor.workspaceId, input.requester.id), change: null }
    : await resolveRequester(ctx, { email: input.requester.email, name: input.requester.name }, { recordChange: false });
  const customer = requester.customer;
  const channel = input.channel ?? (ctx.meta.channel === 'web' ? 'web' : 'api');
  const byAgent = input.first_message_by === 'agent' && ctx.actor.type === 'user';
  const attachmentCount = new Set(input.attachment_ids ?? []).size;

  const ticketId = newId('tkt', now);
  if (!byAgent) body = await applyInboundTextFilters(ctx, { brandId, ticketId }, body);

  const t: NewTicket = {
    id: ticketId,
    workspace_id: ctx.actor.workspaceId,
    subject: subject.slice(0, 300),
    status: input.assignee_id ? 'open' : 'new',
    priority: input.priority ?? 'normal',
    channel,
    brand_id: brandId,
    team_id: input.team_id ?? null,
    assignee_id: input.assignee_id ?? null,
    requester_id: customer.id,
    organization_id: customer.organization_id,
    tags,
    custom_fields: fields,
    country: input.country ?? customer.country,
    language: input.language ?? customer.locale,
    external_id: input.external_id ?? null,
    merged_into_id: null,
    follow_up_of_id: input.follow_up_of_id ?? null,
    created_at: now,
    updated_at: now,
    solved_at: null,
    closed_at: null,
  };
  const message: Message = {
    id: newId('msg', now),
    ticket_id: t.id,
    author_type: byAgent ? 'user' : 'customer',
    author_user_id: byAgent ? ctx.actor.id : null,
    author_customer_id: byAgent ? null : customer.id,
    is_public: true,
    channel,
    body_text: body.text,
    body_html: body.html,
    created_at: now,
  };
  const created: Change = {
    event: 'ticket.created',
    aggregateType: 'ticket',
    aggregateId: t.id,
    ticketId: t.id,
    // `number` is added by the insert statement (it comes from the ticket sequence there).
    payload: {
      subject: t.subject, status: t.status, priority: t.priority, channel,
      brand_id: brandId, team_id: t.team_id, assignee_id: t.assignee_id, requester_id: customer.id, tags: t.tags,
      follow_up_of_id: t.follow_up_of_id,
    },
  };
  const added: Change = {
    event: 'message.added',
    aggregateType: 'ticket',
    aggregateId: t.id,
    ticketId: t.id,
    payload: { message_id: message.id, is_public: true, author_type: message.author_type, attachments: attachmentCount },
    audit: false,
  };
  // Ticket, first message and every event of the command (customer.created first, if any): one statement.
  const changes = requester.change ? [requester.change, created, added] : [created, added];
  const ticket = await insertTicketWithMessage(ctx.tx, t, message, eventsOf(ctx, changes), changes.indexOf(created));
  // Throws (and so rolls everything back) unless every attachment was linked: the count above holds.
  await linkAttachments(ctx, message.id, input.attachment_ids ?? []);
  return { ticket, message };
}
