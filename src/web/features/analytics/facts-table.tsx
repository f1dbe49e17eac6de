import type { ReactNode } from 'react';
import { Link, useLocation, useSearchParams } from 'react-router';
import { ErrorBox, Loading } from '../../ui/feedback.js';

/** One column of a {@link FactsTable}: its header and how a row renders in it. */
export interface FactsColumn<R> {
  header: string;
  cell: (row: R) => ReactNode;
}

/** A page of fact rows as the drill-down endpoints answer it (`after` cursor). */
export interface FactsPage<R> {
  data: R[];
  next_after: string | null;
}

interface Props<R> {
  /** `data-testid` of the table. */
  testId: string;
  columns: Array<FactsColumn<R>>;
  query: { data?: FactsPage<R>; error: unknown; isPending: boolean };
  /** Rows per page the endpoint returns (for the pager's wording). */
  pageSize?: number;
}

/**
 * The rows behind a report number (tickets, conversations): error, loading, the table, and a cursor pager that
 * keeps the page in the URL (`after`), so a page can be linked and Back returns to it.
 */
export function FactsTable<R extends { id?: unknown }>({ testId, columns, query, pageSize = 100 }: Props<R>) {
  const [sp] = useSearchParams();
  const { pathname } = useLocation();
  const pageLink = (after: string | null) => {
    const next = new URLSearchParams(sp);
    if (after) next.set('after', after);
    else next.delete('after');
    return `${pathname}?${next.toString()}`;
  };
  const rows = query.data?.data ?? [];
  const nextAfter = query.data?.next_after ?? null;
  const paged = sp.has('after');
  return (
    <>
      <ErrorBox error={query.error} />
      {query.isPending ? <Loading /> : (
        <>
          <table className="admin-table report-table" data-testid={testId}>
            <thead><tr>{columns.map((c) => <th key={c.header} scope="col">{c.header}</th>)}</tr></thead>
            <tbody>{rows.map((r) => <tr key={String(r.id)}>{columns.map((c) => <td key={c.header}>{c.cell(r)}</td>)}</tr>)}</tbody>
          </table>
          {(paged || nextAfter) && (
            <nav className="pane-head" aria-label="Pages">
              <span className="muted small">{rows.length} on this page</span>
              <span className="spacer" />
              {paged && <Link className="btn btn-small" to={pageLink(null)}>First page</Link>}
              {nextAfter && <Link className="btn btn-small" to={pageLink(nextAfter)}>Next {pageSize}</Link>}
            </nav>
          )}
        </>
      )}
    </>
  );
}
