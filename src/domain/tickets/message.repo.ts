import type { Tx } from '../../platform/db/index.js';
import { newId } from '../../platform/ids.js';
import { MESSAGE_COLUMNS, type Message } from './message.js';

export async function insertMessage(tx: Tx, workspaceId: string, m: Omit<Message, 'id'>, at: Date): Promise<Message> {
  return tx.one<Message>(
    `INSERT INTO messages (id, workspace_id, ticket_id, author_type, author_user_id, author_customer_id, is_public, channel, body_text, body_html, created_at)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11) RETURNING ${MESSAGE_COLUMNS}`,
    [newId('msg', at), workspaceId, m.ticket_id, m.author_type, m.author_user_id, m.author_customer_id, m.is_public, m.channel, m.body_text, m.body_html, m.created_at],
  );
}
