import { useEffect } from 'react';
import { Link, useLocation, useNavigate, useSearchParams } from 'react-router';
import { useSearch } from '../../api-client/queries.js';
import { fullTime, isSafeSnippet, shortTime } from '../../ui/format.js';
import { ErrorBox, Empty, Loading, PriorityTag, StatusBadge } from '../../ui/feedback.js';
import { useListNavigation } from './list-navigation.js';
import { RequesterName } from './ticket-table.js';
import { jumpTarget } from './ticket-number.js';

/** Set by the global search box: open the ticket directly when a `#1234` query finds exactly that ticket. */
export interface SearchNavState {
  jump?: boolean;
}

/** Search snippets are HTML-escaped by the server with <mark> around matches; anything else renders as text. */
export function Snippet({ html }: { html: string }) {
  if (isSafeSnippet(html)) return <span className="snippet" dangerouslySetInnerHTML={{ __html: html }} />;
  return <span className="snippet">{html}</span>;
}

export function SearchPage() {
  const [params] = useSearchParams();
  const q = params.get('q') ?? '';
  const navigate = useNavigate();
  const res = useSearch(q);
  const hits = res.data?.data ?? [];
  const [selected, setSelected] = useListNavigation(hits.length, (i) => navigate(`/tickets/${hits[i].ticket_id}`), q);
  const location = useLocation();
  const wantsJump = (location.state as SearchNavState | null)?.jump === true;
  const found = res.data;

  useEffect(() => {
    if (!wantsJump || !found) return;
    const id = jumpTarget(q, found.data);
    // replace: Back returns to where the search started, not to a page that jumps again
    if (id) navigate(`/tickets/${id}`, { replace: true });
    else navigate({ pathname: location.pathname, search: location.search }, { replace: true, state: null });
  }, [wantsJump, found, q, navigate, location.pathname, location.search]);

  return (
    <section className="main-pane solo" aria-labelledby="search-title">
      <header className="pane-head">
        <h1 id="search-title">{q ? <>Results for “{q}”</> : 'Search'}</h1>
        {res.data && <span className="muted">{hits.length} found</span>}
      </header>
      <p className="hint">
        Tip: <code>"exact phrase"</code>, <code>-exclude</code>, <code>refund or chargeback</code>.
      </p>
      <ErrorBox error={res.error} onRetry={() => void res.refetch()} />
      {!q ? (
        <Empty>Type in the search box (press “/”).</Empty>
      ) : res.isPending ? (
        <Loading label="Searching…" />
      ) : hits.length === 0 ? (
        <Empty>No tickets match “{q}”.</Empty>
      ) : (
        <ol className="search-results" data-testid="search-results">
          {hits.map((h, i) => (
            <li key={h.ticket_id} data-row-index={i} className={i === selected ? 'search-hit is-selected' : 'search-hit'} onMouseEnter={() => setSelected(i)}>
              <div className="hit-head">
                <span className="muted">#{h.number}</span>
                <Link to={`/tickets/${h.ticket_id}`} className="hit-subject">
                  {h.subject}
                </Link>
                <StatusBadge status={h.status} />
                <PriorityTag priority={h.priority} />
                <span className="spacer" />
                <span className="muted">
                  <RequesterName requester={h.requester} /> ·{' '}
                  <time dateTime={h.updated_at} title={fullTime(h.updated_at)}>
                    {shortTime(h.updated_at)}
                  </time>
                </span>
              </div>
              <div className="hit-snippet">
                <span className="muted">{h.matched_in === 'subject' ? 'Subject: ' : 'Message: '}</span>
                <Snippet html={h.snippet} />
              </div>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
