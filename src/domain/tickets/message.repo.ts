import type { Tx } from '../../platform/db/index.js';
import { newId } from '../../platform/ids.js';
import { MESSAGE_COLUMNS, type Message } from './message.js';

const INSERT_COLUMNS = 'id, workspace_id, ticket_id, author_type, author_user_id, author_customer_id, is_public, channel, body_text, body_html, created_at';

/** `INSERT INTO messages … VALUES ($from … $from+10)`; bind {@link messageInsertParams} there. */
export function messageInsertSql(from: number): string {
  return `INSERT INTO messages (${INSERT_COLUMNS}) VALUES (${Array.from({ length: 11 }, (_, i) => `$${from + i}`).join(',')})`;
}

export function messageInsertParams(workspaceId: string, m: Message): unknown[] {
  return [m.id, workspaceId, m.ticket_id, m.author_type, m.author_user_id, m.author_customer_id, m.is_public, m.channel, m.body_text, m.body_html, m.created_at];
}

export async function insertMessage(tx: Tx, workspaceId: string, m: Omit<Message, 'id'>, at: Date): Promise<Message> {
  return tx.one<Message>(`${messageInsertSql(1)} RETURNING ${MESSAGE_COLUMNS}`, messageInsertParams(workspaceId, { ...m, id: newId('msg', at) }));
}
