/** The admin pages' list: a table described by its columns, and the page around it (add button, edit dialog). */
import { useState, type ReactNode } from 'react';
import { ErrorBox, Loading } from '../../ui/feedback.js';
import { AdminShell } from './admin-common.js';

export interface Column<T> {
  header: string;
  cell(row: T): ReactNode;
}

/** A muted placeholder for an empty cell ("—", "never", "none"). */
export const muted = (text = '—') => <span className="muted">{text}</span>;

/** `false` entries are left out, so a column can be conditional: `all && { header: 'User', … }`. */
export function AdminTable<T extends { id: string }>({ rows, columns, rowClass, actions }: {
  rows: readonly T[];
  columns: ReadonlyArray<Column<T> | false>;
  rowClass?(row: T): string | undefined;
  actions(row: T): ReactNode;
}) {
  const cols = columns.filter((c): c is Column<T> => c !== false);
  return (
    <table className="admin-table">
      <thead>
        <tr>
          {cols.map((c) => (
            <th key={c.header} scope="col">
              {c.header}
            </th>
          ))}
          <th scope="col"><span className="sr-only">Actions</span></th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.id} className={rowClass?.(r)}>
            {cols.map((c) => (
              <td key={c.header}>{c.cell(r)}</td>
            ))}
            <td className="row-actions">{actions(r)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

interface CrudPageProps<T extends { id: string }> {
  title: string;
  /** the add button's text, e.g. "Add brand" */
  addLabel: string;
  query: { isPending: boolean; error: unknown; data?: { data: T[] } };
  /** rows as shown (default: the query's, in its order) */
  rows?: readonly T[];
  columns: ReadonlyArray<Column<T> | false>;
  rowClass?(row: T): string | undefined;
  /** buttons after "Edit" */
  extraActions?(row: T): ReactNode;
  /** another error to show with the list's (e.g. a row action's) */
  error?: unknown;
  /** the add (item = null) or edit dialog */
  dialog(item: T | null, close: () => void): ReactNode;
}

/** An admin list page: title + add button, the table with an Edit button per row, the add/edit dialog. */
export function AdminCrudPage<T extends { id: string }>({ title, addLabel, query, rows, columns, rowClass, extraActions, error, dialog }: CrudPageProps<T>) {
  const [editing, setEditing] = useState<T | 'new' | null>(null);
  return (
    <AdminShell
      title={title}
      actions={
        <button type="button" className="btn btn-primary btn-small" onClick={() => setEditing('new')}>
          {addLabel}
        </button>
      }
    >
      <ErrorBox error={query.error ?? error} />
      {query.isPending ? (
        <Loading />
      ) : (
        <AdminTable
          rows={rows ?? query.data?.data ?? []}
          columns={columns}
          rowClass={rowClass}
          actions={(r) => (
            <>
              <button type="button" className="btn btn-small" onClick={() => setEditing(r)}>
                Edit
              </button>
              {extraActions?.(r)}
            </>
          )}
        />
      )}
      {editing && dialog(editing === 'new' ? null : editing, () => setEditing(null))}
    </AdminShell>
  );
}
