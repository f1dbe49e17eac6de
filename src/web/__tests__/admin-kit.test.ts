import { createElement, type ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../api-client/client.js';
import { EditDialog, Field } from '../features/admin/admin-form.js';
import { AdminTable, muted, type Column } from '../features/admin/admin-table.js';

type Row = { id: string; name: string; active: boolean };
const rows: Row[] = [
  { id: 'a', name: 'Alpha', active: true },
  { id: 'b', name: 'Beta', active: false },
];

function table(columns: Array<Column<Row> | false>) {
  return renderToStaticMarkup(
    createElement(AdminTable<Row>, {
      rows,
      columns,
      rowClass: (r) => (r.active ? undefined : 'is-inactive'),
      actions: (r) => createElement('button', { type: 'button' }, `Edit ${r.name}`),
    }),
  );
}

describe('AdminTable', () => {
  it('renders one header per column, an Actions column for screen readers, and one row per item', () => {
    const html = table([{ header: 'Name', cell: (r) => r.name }, { header: 'State', cell: (r) => (r.active ? 'on' : muted('off')) }]);
    expect(html.match(/<th scope="col">/g)).toHaveLength(3);
    expect(html).toContain('<th scope="col">Name</th><th scope="col">State</th><th scope="col"><span class="sr-only">Actions</span></th>');
    expect(html).toContain('<tr><td>Alpha</td><td>on</td><td class="row-actions"><button type="button">Edit Alpha</button></td></tr>');
    expect(html).toContain('<tr class="is-inactive"><td>Beta</td><td><span class="muted">off</span></td>');
  });

  it('leaves out a column given as false (a conditional column)', () => {
    const hidden = false as boolean;
    const html = table([{ header: 'Name', cell: (r) => r.name }, hidden && { header: 'Secret', cell: () => 'x' }]);
    expect(html).not.toContain('Secret');
    expect(html.match(/<td>/g)).toHaveLength(2);
  });
});

describe('EditDialog', () => {
  const dialog = (save: { error: unknown; isPending: boolean }, submitLabel?: string, children: ReactNode = createElement(Field, { label: 'Name', children: createElement('input', { name: 'name' }) })) =>
    renderToStaticMarkup(createElement(EditDialog, { title: 'Add brand', onClose: () => {}, onSubmit: () => {}, save, submitLabel, children }));

  it('wraps the fields in a form with Cancel and Save', () => {
    const html = dialog({ error: null, isPending: false });
    expect(html).toContain('aria-label="Add brand"');
    expect(html).toContain('<form class="form"><label class="field"><span>Name</span><input name="name"/></label>');
    expect(html).toContain('>Cancel</button><button type="submit" class="btn btn-primary">Save</button>');
    expect(html).not.toContain('role="alert"');
  });

  it('shows the save error and disables the submit button while saving', () => {
    const html = dialog({ error: new ApiError({ status: 409, code: 'SLUG_TAKEN', detail: 'That slug is taken' }), isPending: true }, 'Create user');
    expect(html).toContain('<p class="alert alert-error" role="alert">That slug is taken</p>');
    expect(html).toContain('<button type="submit" class="btn btn-primary" disabled="">Create user</button>');
  });
});
