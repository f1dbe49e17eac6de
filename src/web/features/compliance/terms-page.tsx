import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api, errorText, request } from '../../api-client/client.js';
import { CompliancePage, useAction, when } from './nav.js';

interface Section { id: string; heading: string; body: string }
interface Version {
  id: string; version: number; status: string; title: string; sections: Section[]; significant: boolean; change_summary: string | null;
  published_at: string | null; public_url: string | null;
}
const SLUGS = [['appeal-procedure', 'Appeal procedure rules'], ['content-moderation', 'Content moderation (T&C section)']] as const;

/** Versioned terms pages (DSA Art. 14): edit the draft, publish it (significant changes notify users), see the history. */
export function TermsPage() {
  const [slug, setSlug] = useState<string>('appeal-procedure');
  const key = ['compliance', 'terms', slug];
  const q = useQuery({ queryKey: key, queryFn: ({ signal }) => api.get<{ data: Version[] }>(`/api/v1/compliance/terms/${slug}/versions`, signal) });
  const versions = q.data?.data ?? [];
  const base = versions.find((v) => v.status === 'draft') ?? versions.find((v) => v.status === 'published');
  const [title, setTitle] = useState('');
  const [sections, setSections] = useState('');
  const [significant, setSignificant] = useState(false);
  const [summary, setSummary] = useState('');
  const [loaded, setLoaded] = useState<string | null>(null);
  if (base && loaded !== `${slug}:${base.id}`) {
    setLoaded(`${slug}:${base.id}`);
    setTitle(base.title);
    setSections(JSON.stringify(base.sections, null, 2));
  }
  const [parseError, setParseError] = useState<string | null>(null);
  const save = useAction((body: unknown) => request('PUT', `/api/v1/compliance/terms/${slug}/draft`, { body }), [key]);
  const publish = useAction(() => api.post(`/api/v1/compliance/terms/${slug}/publish`), [key]);
  const submit = () => {
    let parsed: unknown;
    try { parsed = JSON.parse(sections || '[]'); } catch { setParseError('Sections must be a JSON list of {id, heading, body}'); return; }
    setParseError(null);
    save.run({ title, sections: parsed, significant, change_summary: summary || undefined });
  };
  return (
    <CompliancePage title="Terms and appeal rules" id="terms-title">
      <label className="inline-field"><span>Page</span>
        <select value={slug} onChange={(e) => { setSlug(e.target.value); setLoaded(null); setTitle(''); setSections(''); }}>{SLUGS.map(([s, l]) => <option key={s} value={s}>{l}</option>)}</select>
      </label>
      {q.isError && <p role="alert">{errorText(q.error)}</p>}
      <form aria-label="Draft" onSubmit={(e) => { e.preventDefault(); submit(); }}>
        <label className="field"><span>Title</span><input value={title} onChange={(e) => setTitle(e.target.value)} /></label>
        <label className="field"><span>Sections (JSON: id, heading, body)</span><textarea rows={10} value={sections} onChange={(e) => setSections(e.target.value)} /></label>
        <label className="inline-field"><span>Significant change (notify users)</span><input type="checkbox" checked={significant} onChange={(e) => setSignificant(e.target.checked)} /></label>
        <label className="field"><span>Change summary for the notice</span><input value={summary} onChange={(e) => setSummary(e.target.value)} /></label>
        <div className="button-row">
          <button type="submit" disabled={save.pending}>Save draft</button>
          <button type="button" disabled={publish.pending || !versions.some((v) => v.status === 'draft')} onClick={() => publish.run(undefined)}>Publish draft</button>
        </div>
        {[parseError, save.error, publish.error].filter(Boolean).map((e) => <p role="alert" key={e}>{e}</p>)}
      </form>
      <h2>History</h2>
      <table className="table">
        <thead><tr><th scope="col">Version</th><th scope="col">Status</th><th scope="col">Published</th><th scope="col">Change</th><th scope="col">Public page</th></tr></thead>
        <tbody>
          {versions.map((v) => (
            <tr key={v.id} data-testid="terms-version-row">
              <td>v{v.version}</td><td>{v.status}</td><td>{when(v.published_at)}</td><td>{v.significant ? `significant: ${v.change_summary ?? ''}` : 'minor'}</td>
              <td>{v.public_url ? <><a href={v.public_url}>HTML</a> · <a href={`${v.public_url}?format=json`}>JSON</a></> : '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </CompliancePage>
  );
}
