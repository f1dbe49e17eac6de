import { useState, type FormEvent } from 'react';
import { api, errorText } from '../../api-client/client.js';
import { useTokens, useUsers } from '../../api-client/queries.js';
import type { ApiToken, NewApiToken } from '../../api-client/types.js';
import { ErrorBox, Loading } from '../../ui/feedback.js';
import { shortTime } from '../../ui/format.js';
import { useSession } from '../auth/session.js';
import { AdminShell, useSave } from './admin-common.js';
import { AdminTable, muted } from './admin-table.js';

export function TokensAdmin() {
  const { can } = useSession();
  const isAdmin = can('users.manage');
  const [all, setAll] = useState(false);
  const tokens = useTokens(all);
  const users = useUsers().data?.data ?? [];
  const [name, setName] = useState('');
  const [userId, setUserId] = useState('');
  const [secret, setSecret] = useState<NewApiToken | null>(null);
  const [copied, setCopied] = useState(false);
  const create = useSave((v: { name: string; user_id?: string }) => api.post<NewApiToken>('/api/v1/api_tokens', v), ['api_tokens']);
  const revoke = useSave((t: ApiToken) => api.del<ApiToken>(`/api/v1/api_tokens/${t.id}`), ['api_tokens']);

  function submit(e: FormEvent) {
    e.preventDefault();
    create.mutate(
      { name: name.trim(), user_id: userId || undefined },
      {
        onSuccess: (t) => {
          setSecret(t);
          setCopied(false);
          setName('');
        },
      },
    );
  }

  async function copy() {
    if (!secret) return;
    try {
      await navigator.clipboard.writeText(secret.token);
      setCopied(true);
    } catch {
      // no clipboard API (plain http on a LAN address): select the text so Ctrl+C works
      const el = document.querySelector('[data-testid="token-secret"]');
      if (el) window.getSelection()?.selectAllChildren(el);
      setCopied(false);
    }
  }

  return (
    <AdminShell title="API tokens">
      <form className="filter-bar" onSubmit={submit}>
        <label className="inline-field">
          <span>Name</span>
          <input required maxLength={100} value={name} placeholder="e.g. CRM sync" onChange={(e) => setName(e.target.value)} />
        </label>
        {isAdmin && (
          <label className="inline-field">
            <span>For</span>
            <select value={userId} onChange={(e) => setUserId(e.target.value)}>
              <option value="">Me</option>
              {users.filter((u) => u.is_active).map((u) => (
                <option key={u.id} value={u.id}>
                  {u.name}
                </option>
              ))}
            </select>
          </label>
        )}
        <button type="submit" className="btn btn-primary btn-small" disabled={create.isPending}>
          Create token
        </button>
        <span className="spacer" />
        {isAdmin && (
          <label className="check-row">
            <input type="checkbox" checked={all} onChange={(e) => setAll(e.target.checked)} /> Everyone’s tokens
          </label>
        )}
      </form>
      {create.error && (
        <p className="alert alert-error" role="alert">
          {errorText(create.error)}
        </p>
      )}
      {secret && (
        <div className="alert alert-success secret-box" role="status">
          <div>
            <strong>Token “{secret.name}” created.</strong> Copy it now — it will not be shown again.
          </div>
          <div className="secret-row">
            <code data-testid="token-secret">{secret.token}</code>
            <button type="button" className="btn btn-small" onClick={() => void copy()}>
              {copied ? 'Copied' : 'Copy'}
            </button>
            <button type="button" className="btn btn-ghost btn-small" onClick={() => setSecret(null)}>
              Done
            </button>
          </div>
        </div>
      )}
      <ErrorBox error={tokens.error ?? revoke.error} />
      {tokens.isPending ? (
        <Loading />
      ) : (
        <AdminTable
          rows={tokens.data?.data ?? []}
          columns={[
            { header: 'Name', cell: (t) => t.name },
            { header: 'Prefix', cell: (t) => <code>{t.prefix}…</code> },
            all && { header: 'User', cell: (t) => t.user_email ?? users.find((u) => u.id === t.user_id)?.name ?? t.user_id },
            { header: 'Created', cell: (t) => shortTime(t.created_at) },
            { header: 'Last used', cell: (t) => (t.last_used_at ? shortTime(t.last_used_at) : muted('never')) },
            { header: 'Status', cell: (t) => (t.revoked_at ? `Revoked ${shortTime(t.revoked_at)}` : 'Active') },
          ]}
          rowClass={(t) => (t.revoked_at ? 'is-inactive' : undefined)}
          actions={(t) =>
            !t.revoked_at && (
              <button type="button" className="btn btn-small btn-danger" disabled={revoke.isPending} onClick={() => window.confirm(`Revoke “${t.name}”? Integrations using it stop working.`) && revoke.mutate(t)}>
                Revoke
              </button>
            )
          }
        />
      )}
    </AdminShell>
  );
}
