import { useEffect, useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import { useMessages, useTicket } from '../../api-client/queries.js';
import { fullTime } from '../../ui/format.js';
import { ErrorBox, Loading, PriorityTag, StatusBadge } from '../../ui/feedback.js';
import { SlaBadge } from '../sla/sla-badge.js';
import { useMe, useSession } from '../auth/session.js';
import { useChangedByOthers } from '../live/live-updates.js';
import { useHotkeys } from '../shortcuts/hotkeys.js';
import { Composer, type ComposerHandle } from './composer.js';
import { Conversation } from './conversation.js';
import { FollowUpDialog } from './follow-up-dialog.js';
import { History } from './history.js';
import { MergeDialog } from './merge-dialog.js';
import { PropertiesPanel } from './properties-panel.js';
import { RequesterPanel } from './requester-panel.js';
import { WEB_MODULES } from '../../routes/web-modules.js';

export function TicketPage() {
  const { id = '' } = useParams();
  return <TicketView key={id} id={id} />;
}

function TicketView({ id }: { id: string }) {
  const me = useMe();
  const { can } = useSession();
  const ticket = useTicket(id);
  const messages = useMessages(id);
  const [tab, setTab] = useState<'conversation' | 'history'>('conversation');
  const [merging, setMerging] = useState(false);
  const [followUp, setFollowUp] = useState(false);
  const composer = useRef<ComposerHandle>(null);
  const endRef = useRef<HTMLDivElement>(null);
  const live = useChangedByOthers(id, me.id);
  const count = messages.data?.data.length ?? 0;

  useEffect(() => {
    if (tab === 'conversation' && count > 0) endRef.current?.scrollIntoView({ block: 'end' });
  }, [count, tab]);

  useHotkeys({
    r: () => {
      setTab('conversation');
      setTimeout(() => composer.current?.focus('public'));
    },
    n: () => {
      setTab('conversation');
      setTimeout(() => composer.current?.focus('note'));
    },
    h: () => setTab((t) => (t === 'history' ? 'conversation' : 'history')),
    'mod+enter': () => composer.current?.send(),
  });

  if (ticket.isPending) return <Loading />;
  if (ticket.error || !ticket.data)
    return (
      <section className="main-pane solo">
        <ErrorBox error={ticket.error} onRetry={() => void ticket.refetch()} />
        <Link to="/inbox">Back to the inbox</Link>
      </section>
    );

  const t = ticket.data;
  const closed = t.status === 'closed';
  const canWrite = can('tickets.write') && !closed;
  const canNote = can('tickets.note');

  return (
    <div className="ticket-page">
      <section className="ticket-main" aria-labelledby="ticket-title">
        <header className="ticket-head">
          <div className="ticket-title-row">
            <span className="ticket-number">#{t.number}</span>
            <h1 id="ticket-title">{t.subject}</h1>
          </div>
          <div className="ticket-meta">
            <StatusBadge status={t.status} />
            <PriorityTag priority={t.priority} />
            <SlaBadge badge={t.sla} />
            <span className="muted">
              via {t.channel} · created <time dateTime={t.created_at}>{fullTime(t.created_at)}</time>
            </span>
            <span className="spacer" />
            {can('tickets.merge') && !closed && !t.merged_into_id && (
              <button type="button" className="btn btn-small" onClick={() => setMerging(true)}>
                Merge…
              </button>
            )}
            {closed && can('tickets.write') && (
              <button type="button" className="btn btn-small btn-primary" onClick={() => setFollowUp(true)}>
                Create follow-up
              </button>
            )}
          </div>
        </header>
        {live.changed && (
          <div className="alert alert-info" role="status" data-testid="changed-banner">
            <span>Updated by someone else{live.changed.event ? ` (${live.changed.event})` : ''} — the page shows the latest now.</span>
            <button type="button" className="btn btn-small" onClick={live.clear}>
              Dismiss
            </button>
          </div>
        )}
        {t.merged_into_id && (
          <div className="alert alert-info" role="status">
            This ticket was merged into <Link to={`/tickets/${t.merged_into_id}`}>another ticket</Link>.
          </div>
        )}
        {t.follow_up_of_id && (
          <div className="alert alert-info" role="status">
            Follow-up of <Link to={`/tickets/${t.follow_up_of_id}`}>a closed ticket</Link>.
          </div>
        )}
        {closed && (
          <div className="alert alert-muted" role="status">
            This ticket is closed and read-only. Create a follow-up to continue the conversation.
          </div>
        )}
        <div className="tabs" role="tablist" aria-label="Ticket sections">
          <button type="button" role="tab" aria-selected={tab === 'conversation'} className={tab === 'conversation' ? 'tab is-active' : 'tab'} onClick={() => setTab('conversation')}>
            Conversation <span className="muted">{count}</span>
          </button>
          <button type="button" role="tab" aria-selected={tab === 'history'} className={tab === 'history' ? 'tab is-active' : 'tab'} onClick={() => setTab('history')} data-testid="tab-history">
            History <kbd>h</kbd>
          </button>
        </div>
        <div className="ticket-scroll">
          {tab === 'history' ? (
            <History ticketId={id} />
          ) : messages.isPending ? (
            <Loading />
          ) : messages.error ? (
            <ErrorBox error={messages.error} onRetry={() => void messages.refetch()} />
          ) : (
            <Conversation messages={messages.data?.data ?? []} />
          )}
          <div ref={endRef} />
        </div>
        {tab === 'conversation' && !closed && !t.merged_into_id && (can('tickets.reply_public') || canNote) && (
          <Composer ref={composer} ticketId={id} currentStatus={t.status} canReplyPublic={can('tickets.reply_public')} canNote={canNote} />
        )}
      </section>
      <aside className="ticket-side" aria-label="Ticket details">
        <PropertiesPanel ticket={t} readOnly={!canWrite} onReload={() => void ticket.refetch()} />
        <RequesterPanel requesterId={t.requester_id} currentId={t.id} />
        {WEB_MODULES.flatMap((m) => m.ticketPanels).map(({ id: panelId, Panel }) => (
          <Panel key={panelId} ticketId={t.id} ticket={t} readOnly={!canWrite} onReload={() => void ticket.refetch()} />
        ))}
      </aside>
      {merging && <MergeDialog ticket={t} open={merging} onClose={() => setMerging(false)} />}
      {followUp && <FollowUpDialog ticket={t} open={followUp} onClose={() => setFollowUp(false)} />}
    </div>
  );
}
