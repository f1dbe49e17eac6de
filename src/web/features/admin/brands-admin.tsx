import { api } from '../../api-client/client.js';
import { keys, useBrands } from '../../api-client/queries.js';
import type { Brand } from '../../api-client/types.js';
import { useSave } from './admin-common.js';
import { EditDialog, Field, useDraft } from './admin-form.js';
import { AdminCrudPage, muted, type Column } from './admin-table.js';

type Draft = { name: string; slug: string; support_email: string };

const COLUMNS: Array<Column<Brand>> = [
  { header: 'Name', cell: (b) => b.name },
  { header: 'Slug', cell: (b) => <code>{b.slug}</code> },
  { header: 'Support email', cell: (b) => b.support_email ?? muted() },
];

export function BrandsAdmin() {
  return (
    <AdminCrudPage
      title="Brands"
      addLabel="Add brand"
      query={useBrands()}
      columns={COLUMNS}
      dialog={(brand, close) => <BrandDialog brand={brand} onClose={close} />}
    />
  );
}

function BrandDialog({ brand, onClose }: { brand: Brand | null; onClose(): void }) {
  const { draft, text } = useDraft<Draft>({ name: brand?.name ?? '', slug: brand?.slug ?? '', support_email: brand?.support_email ?? '' });
  const save = useSave(
    (x: Draft) =>
      brand
        ? api.patch<Brand>(`/api/v1/brands/${brand.id}`, { name: x.name.trim(), support_email: x.support_email.trim() || null })
        : api.post<Brand>('/api/v1/brands', { name: x.name.trim(), slug: x.slug.trim() || undefined, support_email: x.support_email.trim() || null }),
    keys.brands,
  );
  return (
    <EditDialog title={brand ? `Edit ${brand.name}` : 'Add brand'} onClose={onClose} onSubmit={() => save.mutate(draft, { onSuccess: onClose })} save={save}>
      <Field label="Name">
        <input required maxLength={100} {...text('name')} />
      </Field>
      <Field label={`Slug ${brand ? '(fixed)' : '(optional: lower-case letters, digits, dashes)'}`}>
        <input pattern="[a-z0-9-]{1,60}" disabled={!!brand} {...text('slug')} />
      </Field>
      <Field label="Support email">
        <input type="email" {...text('support_email')} />
      </Field>
    </EditDialog>
  );
}
