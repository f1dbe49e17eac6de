import { useState, type FormEvent } from 'react';
import { api, errorText } from '../../api-client/client.js';
import { keys, useBrands } from '../../api-client/queries.js';
import type { Brand } from '../../api-client/types.js';
import { Dialog } from '../../ui/dialog.js';
import { ErrorBox, Loading } from '../../ui/feedback.js';
import { AdminShell, useSave } from './admin-common.js';

type Draft = { name: string; slug: string; support_email: string };

export function BrandsAdmin() {
  const brands = useBrands();
  const [editing, setEditing] = useState<Brand | 'new' | null>(null);
  return (
    <AdminShell
      title="Brands"
      actions={
        <button type="button" className="btn btn-primary btn-small" onClick={() => setEditing('new')}>
          Add brand
        </button>
      }
    >
      <ErrorBox error={brands.error} />
      {brands.isPending ? (
        <Loading />
      ) : (
        <table className="admin-table">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Slug</th>
              <th scope="col">Support email</th>
              <th scope="col"><span className="sr-only">Actions</span></th>
            </tr>
          </thead>
          <tbody>
            {(brands.data?.data ?? []).map((b) => (
              <tr key={b.id}>
                <td>{b.name}</td>
                <td>
                  <code>{b.slug}</code>
                </td>
                <td>{b.support_email ?? <span className="muted">—</span>}</td>
                <td className="row-actions">
                  <button type="button" className="btn btn-small" onClick={() => setEditing(b)}>
                    Edit
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {editing && <BrandDialog brand={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
    </AdminShell>
  );
}

function BrandDialog({ brand, onClose }: { brand: Brand | null; onClose(): void }) {
  const [d, setD] = useState<Draft>({ name: brand?.name ?? '', slug: brand?.slug ?? '', support_email: brand?.support_email ?? '' });
  const save = useSave(
    (x: Draft) =>
      brand
        ? api.patch<Brand>(`/api/v1/brands/${brand.id}`, { name: x.name.trim(), support_email: x.support_email.trim() || null })
        : api.post<Brand>('/api/v1/brands', { name: x.name.trim(), slug: x.slug.trim() || undefined, support_email: x.support_email.trim() || null }),
    keys.brands,
  );
  function submit(e: FormEvent) {
    e.preventDefault();
    save.mutate(d, { onSuccess: onClose });
  }
  return (
    <Dialog open onClose={onClose} title={brand ? `Edit ${brand.name}` : 'Add brand'}>
      <form className="form" onSubmit={submit}>
        <label className="field">
          <span>Name</span>
          <input required maxLength={100} value={d.name} onChange={(e) => setD({ ...d, name: e.target.value })} />
        </label>
        <label className="field">
          <span>Slug {brand ? '(fixed)' : '(optional: lower-case letters, digits, dashes)'}</span>
          <input pattern="[a-z0-9-]{1,60}" disabled={!!brand} value={d.slug} onChange={(e) => setD({ ...d, slug: e.target.value })} />
        </label>
        <label className="field">
          <span>Support email</span>
          <input type="email" value={d.support_email} onChange={(e) => setD({ ...d, support_email: e.target.value })} />
        </label>
        {save.error && (
          <p className="alert alert-error" role="alert">
            {errorText(save.error)}
          </p>
        )}
        <div className="dialog-actions">
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="btn btn-primary" disabled={save.isPending}>
            Save
          </button>
        </div>
      </form>
    </Dialog>
  );
}
