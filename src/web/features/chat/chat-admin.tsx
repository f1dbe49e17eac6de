import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { errorText } from '../../api-client/client.js';
import { useBrands } from '../../api-client/queries.js';
import { ErrorBox, Loading } from '../../ui/feedback.js';
import { api, ckeys, useChatSettings, type ChatSettings } from './chat-api.js';

const lines = (s: string) => s.split('\n').map((l) => l.trim()).filter(Boolean);

/** Admin → Chat & web form: per brand, the widget snippet, identity secret, and the form's categories. */
export function ChatAdmin() {
  const brands = useBrands();
  const [brandId, setBrandId] = useState<string | null>(null);
  const current = brandId ?? brands.data?.data[0]?.id ?? null;
  const settings = useChatSettings(current);
  const qc = useQueryClient();
  const [showSecret, setShowSecret] = useState(false);
  const save = useMutation({
    mutationFn: (body: Partial<ChatSettings>) => api.patch<ChatSettings>(`/api/v1/chat/settings/${current}`, body),
    onSuccess: (s) => qc.setQueryData(ckeys.settings(current ?? ''), s),
  });
  const rotate = useMutation({
    mutationFn: () => api.post<ChatSettings>(`/api/v1/chat/settings/${current}/rotate_secret`),
    onSuccess: (s) => qc.setQueryData(ckeys.settings(current ?? ''), s),
  });
  if (brands.isPending) return <Loading />;
  if (brands.error) return <ErrorBox error={brands.error} />;
  const s = settings.data;
  return (
    <>
      <label>
        Brand{' '}
        <select value={current ?? ''} onChange={(e) => setBrandId(e.target.value)}>
          {brands.data.data.map((b) => <option key={b.id} value={b.id}>{b.name}</option>)}
        </select>
      </label>
      {settings.isPending ? <Loading /> : settings.error ? <ErrorBox error={settings.error} /> : s && (
        <form key={`${s.brand_id}-${s.updated_at}`} className="chat-admin-form" onSubmit={(e) => {
          e.preventDefault();
          const f = new FormData(e.currentTarget);
          save.mutate({
            enabled: f.get('enabled') === 'on', require_identity: f.get('require_identity') === 'on', greeting: String(f.get('greeting') ?? ''),
            allowed_origins: lines(String(f.get('origins') ?? '')), form_categories: lines(String(f.get('categories') ?? '')),
          });
        }}>
          <h2 className="section-title">Chat widget</h2>
          <p className="hint">Paste this on any page of your site (one tag, ~6 KB gzipped):</p>
          <pre className="chat-code" data-testid="widget-snippet">{s.widget_snippet}</pre>
          <label><input type="checkbox" name="enabled" defaultChecked={s.enabled} /> Chat and web form are on</label>
          <label><input type="checkbox" name="require_identity" defaultChecked={s.require_identity} /> Only signed-in visitors (identity token required)</label>
          <label>Greeting<input type="text" name="greeting" maxLength={500} defaultValue={s.greeting} /></label>
          <label>Allowed sites (one origin per line, empty = any)<textarea name="origins" rows={3} defaultValue={s.allowed_origins.join('\n')} /></label>
          <h3 className="panel-subtitle">Identity secret</h3>
          <p className="hint">Your server signs an HS256 token with this secret (claims sub, email, name, iat, exp) and sets it as data-identity-token. Never put the secret in the page.</p>
          <p><code>{showSecret ? s.identity_secret : '••••••••••••••••'}</code>{' '}
            <button type="button" onClick={() => setShowSecret((v) => !v)}>{showSecret ? 'Hide' : 'Show'}</button>{' '}
            <button type="button" onClick={() => window.confirm('Tokens signed with the current secret stop working. Rotate?') && rotate.mutate()}>Rotate</button>
          </p>
          <h2 className="section-title">Web form</h2>
          <p className="hint">Hosted at <a href={s.form_url} target="_blank" rel="noreferrer">{s.form_url}</a>; embed with <code>{`<iframe src="${s.form_url}&embed=1">`}</code>.</p>
          <label>Categories (one per line)<textarea name="categories" rows={4} defaultValue={s.form_categories.join('\n')} /></label>
          {(save.error || rotate.error) && <p role="alert" className="error">{errorText(save.error ?? rotate.error)}</p>}
          <button type="submit" disabled={save.isPending}>Save</button>
        </form>
      )}
    </>
  );
}
