import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { api, request } from '../../api-client/client.js';
import { useNames } from '../../api-client/queries.js';
import { ErrorBox } from '../../ui/feedback.js';

interface Settings { default_locale: string; locales: string[]; title: string; tagline: string; primary_color: string; accent_color: string; is_enabled: boolean }

/** Help Center theme (brand colours, checked for WCAG contrast on the server), locales and search synonyms. */
export function KbSettingsPage() {
  const names = useNames();
  const [brandId, setBrandId] = useState('');
  const brand = brandId || names.brands[0]?.id || '';
  const qc = useQueryClient();
  const s = useQuery({ queryKey: ['kb', 'settings', brand], enabled: Boolean(brand), queryFn: ({ signal }) => api.get<Settings>(`/api/v1/kb/brands/${brand}/settings`, signal) });
  const syn = useQuery({ queryKey: ['kb', 'synonyms', brand], enabled: Boolean(brand), queryFn: ({ signal }) => api.get<{ groups: string[][] }>(`/api/v1/kb/brands/${brand}/synonyms`, signal) });
  const [form, setForm] = useState<Settings | null>(null);
  const [synText, setSynText] = useState('');
  useEffect(() => setForm(s.data ?? null), [s.data]);
  useEffect(() => setSynText((syn.data?.groups ?? []).map((g) => g.join(', ')).join('\n')), [syn.data]);
  const save = useMutation({
    mutationFn: () => request('PUT', `/api/v1/kb/brands/${brand}/settings`, { body: { ...form, locales: form?.locales } }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['kb', 'settings', brand] }),
  });
  const saveSyn = useMutation({
    mutationFn: () => request('PUT', `/api/v1/kb/brands/${brand}/synonyms`, { body: { groups: synText.split('\n').map((l) => l.split(',').map((x) => x.trim()).filter(Boolean)).filter((g) => g.length) } }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['kb', 'synonyms', brand] }),
  });
  const slug = names.brands.find((b) => b.id === brand)?.slug;
  return (
    <div className="page kb-settings">
      <p><Link to="/kb">← Knowledge base</Link></p>
      <h1>Help Center settings</h1>
      <label className="field"><span>Brand</span>
        <select value={brand} onChange={(e) => setBrandId(e.target.value)}>{names.brands.map((b) => <option key={b.id} value={b.id}>{b.name}</option>)}</select>
      </label>
      {slug && <p><a href={`/hc/${slug}`} target="_blank" rel="noreferrer">Open the {slug} Help Center</a></p>}
      {form && (
        <form className="panel" onSubmit={(e) => { e.preventDefault(); save.mutate(); }}>
          <label className="field"><span>Title</span><input value={form.title} onChange={(e) => setForm({ ...form, title: e.target.value })} /></label>
          <label className="field"><span>Tagline</span><input value={form.tagline} onChange={(e) => setForm({ ...form, tagline: e.target.value })} /></label>
          <label className="field"><span>Primary colour</span><input type="color" value={form.primary_color} onChange={(e) => setForm({ ...form, primary_color: e.target.value })} /></label>
          <label className="field"><span>Accent colour</span><input type="color" value={form.accent_color} onChange={(e) => setForm({ ...form, accent_color: e.target.value })} /></label>
          <label className="field"><span>Locales (comma separated; first = default)</span>
            <input value={form.locales.join(', ')} onChange={(e) => { const l = e.target.value.split(',').map((x) => x.trim()).filter(Boolean); setForm({ ...form, locales: l, default_locale: l[0] ?? form.default_locale }); }} />
          </label>
          <label className="field-check"><input type="checkbox" checked={form.is_enabled} onChange={(e) => setForm({ ...form, is_enabled: e.target.checked })} /> Help Center is public</label>
          <button type="submit" className="btn btn-primary" disabled={save.isPending}>Save</button>
          <ErrorBox error={save.error} />
        </form>
      )}
      <form className="panel" onSubmit={(e) => { e.preventDefault(); saveSyn.mutate(); }}>
        <label className="field"><span>Search synonyms (one group per line, comma separated)</span><textarea rows={8} value={synText} onChange={(e) => setSynText(e.target.value)} /></label>
        <button type="submit" className="btn btn-primary" disabled={saveSyn.isPending}>Save synonyms</button>
        <ErrorBox error={saveSyn.error} />
      </form>
    </div>
  );
}
