import { useEvents, useNames } from '../../api-client/queries.js';
import { fullTime, shortTime } from '../../ui/format.js';
import { ErrorBox, Loading } from '../../ui/feedback.js';
import { describeEvent } from './event-text.js';

export function History({ ticketId }: { ticketId: string }) {
  const events = useEvents(ticketId);
  const names = useNames();
  if (events.isPending) return <Loading />;
  if (events.error) return <ErrorBox error={events.error} onRetry={() => void events.refetch()} />;
  const list = [...(events.data?.data ?? [])].reverse();
  return (
    <ol className="history" aria-label="History" data-testid="history">
      {list.map((e) => (
        <li key={e.id} className={`history-line ev-${e.name.replace('.', '-')}`}>
          <span className="history-what">{describeEvent(e, names)}</span>
          <span className="muted">
            {e.channel && <> · {e.channel}</>} ·{' '}
            <time dateTime={e.occurred_at} title={`${fullTime(e.occurred_at)}${e.ip ? ` from ${e.ip}` : ''}`}>
              {shortTime(e.occurred_at)}
            </time>
          </span>
        </li>
      ))}
    </ol>
  );
}
