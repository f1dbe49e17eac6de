/**
 * The sla admin pages' list (the app's admin shell wraps it via `adminTitle`; importing admin-common here
 * would close an import cycle): add button, table with an Edit button per row, the add/edit dialog.
 */
import { useMutation, useQueryClient, type QueryKey } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { ErrorBox, Loading } from '../../ui/feedback.js';

export interface Column<T> {
  header: string;
  cell(row: T): ReactNode;
}

export const muted = (text = '—') => <span className="muted">{text}</span>;

/** A mutation that refreshes one list when it succeeds. */
export function useSave<TVars, TOut>(fn: (v: TVars) => Promise<TOut>, key: QueryKey) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => void qc.invalidateQueries({ queryKey: key }) });
}

export function CrudList<T extends { id: string }>({ addLabel, intro, query, columns, rowClass, extraActions, error, dialog }: {
  addLabel: string;
  intro?: ReactNode;
  query: { isPending: boolean; error: unknown; data?: { data: T[] } };
  columns: Array<Column<T>>;
  rowClass?(row: T): string | undefined;
  extraActions?(row: T): ReactNode;
  error?: unknown;
  dialog(item: T | null, close: () => void): ReactNode;
}) {
  const [editing, setEditing] = useState<T | 'new' | null>(null);
  return (
    <div className="sla-admin">
      <div className="form-row">
        {intro ? <p className="hint">{intro}</p> : null}
        <span className="spacer" />
        <button type="button" className="btn btn-primary btn-small" onClick={() => setEditing('new')}>
          {addLabel}
        </button>
      </div>
      <ErrorBox error={query.error ?? error} />
      {query.isPending ? (
        <Loading />
      ) : (
        <table className="admin-table">
          <thead>
            <tr>
              {columns.map((c) => <th key={c.header} scope="col">{c.header}</th>)}
              <th scope="col"><span className="sr-only">Actions</span></th>
            </tr>
          </thead>
          <tbody>
            {(query.data?.data ?? []).map((r) => (
              <tr key={r.id} className={rowClass?.(r)}>
                {columns.map((c) => <td key={c.header}>{c.cell(r)}</td>)}
                <td className="row-actions">
                  <button type="button" className="btn btn-small" onClick={() => setEditing(r)}>Edit</button>
                  {extraActions?.(r)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {editing && dialog(editing === 'new' ? null : editing, () => setEditing(null))}
    </div>
  );
}
