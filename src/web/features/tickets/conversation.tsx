import { useCustomer, useNames } from '../../api-client/queries.js';
import type { Message } from '../../api-client/types.js';
import { bytes, fullTime, requesterLabel, shortTime } from '../../ui/format.js';

/** A message author who is a customer: one (cached) lookup per customer, usually just the requester. */
function CustomerName({ id }: { id: string }) {
  const c = useCustomer(id).data;
  return <>{requesterLabel({ id, name: c?.name, email: c?.email ?? c?.identities?.[0]?.value })}</>;
}

function Author({ m }: { m: Message }) {
  const names = useNames();
  if (m.author_type === 'user') return <>{names.user(m.author_user_id) || 'Agent'}</>;
  if (m.author_type === 'customer' && m.author_customer_id) return <CustomerName id={m.author_customer_id} />;
  return <>Switchboard</>;
}

export function Conversation({ messages }: { messages: Message[] }) {
  return (
    <ol className="conversation" aria-label="Conversation" data-testid="conversation">
      {messages.map((m) => {
        const kind = !m.public ? 'note' : m.author_type === 'customer' ? 'customer' : m.author_type === 'system' ? 'system' : 'agent';
        return (
          <li key={m.id} className={`message message-${kind}`} data-testid="message">
            <header className="message-head">
              <span className={`avatar avatar-${kind}`} aria-hidden="true" />
              <strong className="message-author">
                <Author m={m} />
              </strong>
              {!m.public && <span className="note-label">Internal note</span>}
              {m.channel && m.public && <span className="muted">via {m.channel}</span>}
              <span className="spacer" />
              <time className="muted" dateTime={m.created_at} title={fullTime(m.created_at)}>
                {shortTime(m.created_at)}
              </time>
            </header>
            <div className="message-body">{m.body}</div>
            {m.attachments.length > 0 && (
              <ul className="attachments" aria-label="Attachments">
                {m.attachments.map((a) => (
                  <li key={a.id} className={a.is_dangerous ? 'attachment is-dangerous' : 'attachment'}>
                    <a href={a.url.startsWith('/') ? a.url : '#'} download={a.filename} rel="noopener">
                      📎 {a.filename}
                    </a>
                    <span className="muted"> {bytes(a.size_bytes)}</span>
                    {a.is_dangerous && <span className="danger-note"> ⚠ may be harmful — open only if you trust it</span>}
                  </li>
                ))}
              </ul>
            )}
          </li>
        );
      })}
    </ol>
  );
}
