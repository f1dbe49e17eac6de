import { conflict, invalid, notFound } from '../../../platform/errors.js';
import { newId } from '../../../platform/ids.js';
import type { Channel, Priority } from '../../../shared/enums.js';
import { loadCustomer, resolveRequester } from '../../customers/index.js';
import { applyFieldValues, listFields } from '../../fields/index.js';
import { authorize, canSeeBrand, recordChange, type Ctx } from '../../kernel/index.js';
import { linkAttachments } from '../attachments.js';
import { normaliseBody, type Message } from '../message.js';
import { insertMessage } from '../message.repo.js';
import { normaliseTags, type Ticket } from '../ticket.js';
import { insertTicket } from '../ticket.repo.js';

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

export async function resolveBrand(ctx: Ctx, brandId: string | undefined): Promise<string> {
  const row = brandId
    ? await ctx.tx.maybeOne<{ id: string }>('SELECT id FROM brands WHERE id = $1 AND workspace_id = $2', [brandId, ctx.actor.workspaceId])
    : await ctx.tx.maybeOne<{ id: string }>( // the first brand the actor may work on
        `SELECT id FROM brands WHERE workspace_id = $1 AND (cardinality($2::text[]) = 0 OR id = ANY($2::text[])) ORDER BY created_at, id LIMIT 1`,
        [ctx.actor.workspaceId, ctx.actor.brandIds],
      );
  if (!row) throw brandId ? notFound('BRAND_NOT_FOUND', 'Brand') : invalid('NO_BRAND', 'The workspace has no brand yet; create one first');
  if (!canSeeBrand(ctx.actor, row.id)) throw notFound('BRAND_NOT_FOUND', 'Brand');
  return row.id;
}

export async function checkTeam(ctx: Ctx, teamId: string | null | undefined): Promise<void> {
  if (!teamId) return;
  const t = await ctx.tx.maybeOne('SELECT 1 FROM teams WHERE id = $1 AND workspace_id = $2', [teamId, ctx.actor.workspaceId]);
  if (!t) throw notFound('TEAM_NOT_FOUND', 'Team');
}

export async function checkAssignee(ctx: Ctx, userId: string | null | undefined, brandId: string): Promise<void> {
  if (!userId) return;
  const u = await ctx.tx.maybeOne<{ role: string; is_active: boolean; brand_ids: string[] }>(
    'SELECT role, is_active, brand_ids FROM users WHERE id = $1 AND workspace_id = $2',
    [userId, ctx.actor.workspaceId],
  );
  if (!u) throw notFound('USER_NOT_FOUND', 'Assignee');
  if (!u.is_active) throw invalid('ASSIGNEE_INACTIVE', 'The assignee is deactivated');
  if (!['admin', 'supervisor', 'agent'].includes(u.role)) throw invalid('ASSIGNEE_NOT_AGENT', `A ${u.role} cannot be assigned tickets`);
  if (u.brand_ids.length > 0 && !u.brand_ids.includes(brandId)) throw invalid('ASSIGNEE_NO_BRAND_ACCESS', 'The assignee cannot work on this brand');
}

/** Create a ticket with its first message; the requester is found or created by email. */
export async function createTicket(ctx: Ctx, input: CreateTicketInput): Promise<{ ticket: Ticket; message: Message }> {
  authorize(ctx.actor, 'tickets.write');
  const now = ctx.clock.now();
  // External ids are unique per workspace (imports and integrations rely on it to be re-runnable).
  if (input.external_id) {
    const dup = await ctx.tx.maybeOne('SELECT 1 FROM tickets WHERE workspace_id = $1 AND external_id = $2', [ctx.actor.workspaceId, input.external_id]);
    if (dup) throw conflict('EXTERNAL_ID_TAKEN', `A ticket with external_id "${input.external_id}" already exists`);
  }
  const subject = input.subject.trim();
  if (!subject) throw invalid('SUBJECT_REQUIRED', 'A ticket needs a subject');
  const body = normaliseBody(input.body, input.html_body);
  if (!body.text) throw invalid('BODY_REQUIRED', 'A ticket needs a first message (body or html_body)');
  const brandId = await resolveBrand(ctx, input.brand_id);
  await checkTeam(ctx, input.team_id);
  await checkAssignee(ctx, input.assignee_id, brandId);
  const fields = applyFieldValues(await listFields(ctx.tx, ctx.actor.workspaceId, { activeOnly: true }), {}, input.custom_fields ?? {}, {
    requireAll: true,
  });
  const customer = 'id' in input.requester
    ? await loadCustomer(ctx.tx, ctx.actor.workspaceId, input.requester.id)
    : (await resolveRequester(ctx, { email: input.requester.email, name: input.requester.name })).customer;
  const channel = input.channel ?? (ctx.meta.channel === 'web' ? 'web' : 'api');

  const ticket = await insertTicket(ctx.tx, {
    id: newId('tkt', now),
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
    tags: normaliseTags(input.tags ?? []),
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
  });
  const byAgent = input.first_message_by === 'agent' && ctx.actor.type === 'user';
  const message = await insertMessage(
    ctx.tx,
    ctx.actor.workspaceId,
    {
      ticket_id: ticket.id,
      author_type: byAgent ? 'user' : 'customer',
      author_user_id: byAgent ? ctx.actor.id : null,
      author_customer_id: byAgent ? null : customer.id,
      is_public: true,
      channel,
      body_text: body.text,
      body_html: body.html,
      created_at: now,
    },
    now,
  );
  const attachments = await linkAttachments(ctx, message.id, input.attachment_ids ?? []);
  await recordChange(ctx, {
    event: 'ticket.created',
    aggregateType: 'ticket',
    aggregateId: ticket.id,
    ticketId: ticket.id,
    payload: {
      number: ticket.number, subject: ticket.subject, status: ticket.status, priority: ticket.priority, channel,
      brand_id: brandId, team_id: ticket.team_id, assignee_id: ticket.assignee_id, requester_id: customer.id, tags: ticket.tags,
      follow_up_of_id: ticket.follow_up_of_id,
    },
  });
  await recordChange(ctx, {
    event: 'message.added',
    aggregateType: 'ticket',
    aggregateId: ticket.id,
    ticketId: ticket.id,
    payload: { message_id: message.id, is_public: true, author_type: message.author_type, attachments: attachments.length },
    audit: false,
  });
  return { ticket, message };
}
