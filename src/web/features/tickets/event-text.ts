import { priorityLabel, statusLabel } from '../../ui/format.js';

export interface EventLike {
  name: string;
  actor_type: string;
  actor_name: string | null;
  channel: string | null;
  ip?: string | null;
  payload: Record<string, unknown>;
  occurred_at: string;
}

export interface Namer {
  user(id: string | null | undefined): string;
  team(id: string | null | undefined): string;
  brand?(id: string | null | undefined): string;
}

const str = (v: unknown): string | null => (typeof v === 'string' && v ? v : null);
const list = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : []);

export function actorLabel(e: EventLike): string {
  if (e.actor_name) return e.actor_name;
  if (e.actor_type === 'system') return 'Switchboard';
  if (e.actor_type === 'customer') return 'The customer';
  return 'Someone';
}

/** "Dana Admin changed status Open → Pending" — the what, without channel and time. */
export function describeEvent(e: EventLike, n: Namer): string {
  const who = actorLabel(e);
  const p = e.payload ?? {};
  const from = p.from;
  const to = p.to;
  switch (e.name) {
    case 'ticket.created':
      return `${who} created the ticket${str(p.channel) ? ` via ${p.channel}` : ''}`;
    case 'ticket.imported':
      return `${who} imported the ticket`;
    case 'ticket.status_changed': {
      const why = p.reason === 'assigned' ? ' (on assignment)' : p.reason === 'message' ? ' (with a message)' : '';
      return `${who} changed status ${statusLabel(String(from))} → ${statusLabel(String(to))}${why}`;
    }
    case 'ticket.priority_changed':
      return `${who} changed priority ${priorityLabel(String(from))} → ${priorityLabel(String(to))}`;
    case 'ticket.assigned':
      if (!str(to)) return `${who} unassigned ${n.user(str(from)) || 'the ticket'}`;
      return `${who} assigned the ticket to ${n.user(str(to))}${str(from) ? ` (was ${n.user(str(from))})` : ''}`;
    case 'ticket.team_changed':
      if (!str(to)) return `${who} removed the team ${n.team(str(from))}`;
      return `${who} moved the ticket to team ${n.team(str(to))}${str(from) ? ` (was ${n.team(str(from))})` : ''}`;
    case 'ticket.tags_changed': {
      const parts = [...list(p.added).map((t) => `+${t}`), ...list(p.removed).map((t) => `−${t}`)];
      return `${who} changed tags ${parts.join(' ') || '(none)'}`;
    }
    case 'ticket.fields_changed': {
      const changed = list(p.changed);
      if (changed.length) return `${who} changed ${changed.join(', ')}`;
      const a = (p.from ?? {}) as Record<string, unknown>;
      const b = (p.to ?? {}) as Record<string, unknown>;
      const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((k) => JSON.stringify(a[k]) !== JSON.stringify(b[k]));
      const parts = keys.map((k) => `${k}: ${fmt(a[k])} → ${fmt(b[k])}`);
      return `${who} changed fields ${parts.join('; ') || ''}`.trim();
    }
    case 'message.added': {
      const kind = p.is_public === false ? 'an internal note' : p.author_type === 'customer' ? 'a customer message' : 'a public reply';
      const files = typeof p.attachments === 'number' && p.attachments > 0 ? ` with ${p.attachments} attachment${p.attachments > 1 ? 's' : ''}` : '';
      return `${who} added ${kind}${files}`;
    }
    case 'ticket.merged':
      if (p.role === 'source') return `${who} merged this ticket into #${String(p.target_number ?? '?')}${str(p.reason) ? ` — “${p.reason}”` : ''}`;
      return `${who} merged ${list(p.source_numbers).map((x) => `#${x}`).join(', ') || 'tickets'} into this ticket${str(p.reason) ? ` — “${p.reason}”` : ''}`;
    case 'ticket.follow_up_created':
      return `${who} created follow-up #${String(p.follow_up_number ?? '?')}`;
    case 'ticket.shared':
      return `${who} shared the ticket with ${n.user(str(p.user_id)) || 'a collaborator'}`;
    default:
      return `${who}: ${e.name}`;
  }
}

function fmt(v: unknown): string {
  if (v === null || v === undefined || v === '') return '∅';
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  return String(v);
}

/** The whole history line: "Dana Admin changed status Open → Pending · web · 10:32". */
export function eventLine(e: EventLike, n: Namer, time: (iso: string) => string): string {
  return [describeEvent(e, n), e.channel, time(e.occurred_at)].filter(Boolean).join(' · ');
}
