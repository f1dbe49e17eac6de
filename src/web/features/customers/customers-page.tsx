import { useEffect, useMemo, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useCustomerList } from '../../api-client/queries.js';
import { Empty, ErrorBox, Loading } from '../../ui/feedback.js';
import { shortTime } from '../../ui/format.js';
import { useListNavigation } from '../inbox/list-navigation.js';

export function CustomersPage() {
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const [text, setText] = useState(q);
  useEffect(() => setText(q), [q]);
  const list = useCustomerList(q);
  const rows = useMemo(() => list.data?.pages.flatMap((p) => p.data) ?? [], [list.data]);
  const navigate = useNavigate();
  const [selected, setSelected] = useListNavigation(rows.length, (i) => navigate(`/customers/${rows[i].id}`), q);

  return (
    <section className="main-pane solo" aria-labelledby="customers-title">
      <header className="pane-head">
        <h1 id="customers-title">Customers</h1>
        <span className="spacer" />
        <form
          role="search"
          className="inline-field"
          onSubmit={(e) => {
            e.preventDefault();
            setParams(text.trim() ? { q: text.trim() } : {}, { replace: true });
          }}
        >
          <label htmlFor="customer-q" className="sr-only">
            Find customers
          </label>
          <input id="customer-q" type="search" value={text} size={32} placeholder="Name, email, phone or external id" onChange={(e) => setText(e.target.value)} />
          <button type="submit" className="btn btn-small">
            Find
          </button>
        </form>
      </header>
      <ErrorBox error={list.error} onRetry={() => void list.refetch()} />
      {list.isPending ? (
        <Loading />
      ) : rows.length === 0 ? (
        <Empty>{q ? `No customers match “${q}”.` : 'No customers yet.'}</Empty>
      ) : (
        <div className="table-scroll">
          <table className="ticket-table">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Email</th>
                <th scope="col">Organisation</th>
                <th scope="col">Country</th>
                <th scope="col">Tier</th>
                <th scope="col" className="col-time">Since</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((c, i) => (
                <tr key={c.id} data-row-index={i} className={i === selected ? 'is-selected' : undefined} onClick={() => navigate(`/customers/${c.id}`)} onMouseEnter={() => setSelected(i)}>
                  <td className="col-subject">
                    <Link to={`/customers/${c.id}`}>{c.name || c.email || c.id}</Link>
                  </td>
                  <td>{c.email ?? <span className="muted">—</span>}</td>
                  <td>{c.organization_name ?? <span className="muted">—</span>}</td>
                  <td>{c.country ?? <span className="muted">—</span>}</td>
                  <td>{c.tier ?? ''}</td>
                  <td className="col-time">{c.created_at ? shortTime(c.created_at) : ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {list.hasNextPage && (
            <div className="load-more">
              <button type="button" className="btn" disabled={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>
                Load more
              </button>
            </div>
          )}
        </div>
      )}
    </section>
  );
}
