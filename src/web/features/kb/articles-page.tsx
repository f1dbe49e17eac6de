import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { api } from '../../api-client/client.js';
import { useNames } from '../../api-client/queries.js';
import { ErrorBox, Loading } from '../../ui/feedback.js';
import { STATE_LABEL, useKbArticles, type KbDetail } from './api.js';

/** Editors' article list: filter by brand, workflow state and title; outdated translations and review dates at a glance. */
export function KbArticlesPage() {
  const names = useNames();
  const [brandId, setBrandId] = useState('');
  const [state, setState] = useState('');
  const [q, setQ] = useState('');
  const list = useKbArticles({ brand_id: brandId || undefined, state: state || undefined, q: q || undefined });
  const [title, setTitle] = useState('');
  const qc = useQueryClient();
  const navigate = useNavigate();
  const create = useMutation({
    mutationFn: () => api.post<KbDetail & { version: { id: string } }>('/api/v1/kb/articles', { brand_id: brandId || names.brands[0]?.id, title, body: `# ${title}\n\nWrite the answer here.` }),
    onSuccess: (out) => { void qc.invalidateQueries({ queryKey: ['kb'] }); void navigate(`/kb/articles/${out.article.id}`); },
  });
  const slugOf = (id: string) => names.brands.find((b) => b.id === id)?.slug;
  return (
    <div className="page kb-page">
      <div className="page-head">
        <h1>Knowledge base</h1>
        <div>
          <Link className="btn" to="/kb/analytics">Analytics</Link>{' '}
          <Link className="btn" to="/kb/settings">Help Center settings</Link>
        </div>
      </div>
      <div className="filter-bar">
        <label className="field"><span>Brand</span>
          <select value={brandId} onChange={(e) => setBrandId(e.target.value)}>
            <option value="">All brands</option>
            {names.brands.map((b) => <option key={b.id} value={b.id}>{b.name}</option>)}
          </select>
        </label>
        <label className="field"><span>State</span>
          <select value={state} onChange={(e) => setState(e.target.value)}>
            <option value="">Any</option>
            {['draft', 'in_review', 'approved', 'scheduled', 'published', 'review_due', 'archived'].map((s) => <option key={s} value={s}>{STATE_LABEL[s] ?? (s === 'review_due' ? 'Review due' : 'Archived')}</option>)}
          </select>
        </label>
        <label className="field"><span>Title</span><input type="search" value={q} onChange={(e) => setQ(e.target.value)} /></label>
        <form className="kb-new" onSubmit={(e) => { e.preventDefault(); if (title.trim()) create.mutate(); }}>
          <label className="field"><span>New article title</span><input value={title} onChange={(e) => setTitle(e.target.value)} /></label>
          <button type="submit" className="btn btn-primary" disabled={!title.trim() || create.isPending}>Create draft</button>
        </form>
      </div>
      <ErrorBox error={create.error} />
      {list.isPending ? <Loading /> : <ErrorBox error={list.error} onRetry={() => void list.refetch()} />}
      {list.data && (
        <table className="admin-table">
          <thead><tr><th>Article</th><th>State</th><th>Locales</th><th>Visibility</th><th>Views (30 d)</th><th>Helpful</th><th>Review due</th></tr></thead>
          <tbody>
            {list.data.data.map((a) => (
              <tr key={a.id}>
                <td><Link to={`/kb/articles/${a.id}`}>{a.title}</Link>
                  {a.slug && slugOf(a.brand_id) ? <div className="small"><a href={`/hc/${slugOf(a.brand_id)}/${a.source_locale}/articles/${a.slug}`} target="_blank" rel="noreferrer">View in Help Center</a></div> : null}</td>
                <td>{STATE_LABEL[a.state] ?? a.state}</td>
                <td>{a.locales.join(', ') || '—'}{a.outdated_locales.length ? <div className="small warn">outdated: {a.outdated_locales.join(', ')}</div> : null}</td>
                <td>{a.visibility}{a.segments.length ? ` (${a.segments.join(', ')})` : ''}</td>
                <td>{a.views_30d}</td>
                <td>{a.helpful + a.not_helpful ? `${Math.round((a.helpful / (a.helpful + a.not_helpful)) * 100)}% of ${a.helpful + a.not_helpful}` : '—'}</td>
                <td>{a.review_due_at ? a.review_due_at.slice(0, 10) : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
