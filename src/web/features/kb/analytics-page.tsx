import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { api } from '../../api-client/client.js';
import { useNames } from '../../api-client/queries.js';
import { ErrorBox, Loading } from '../../ui/feedback.js';
import type { KbAnalytics } from './api.js';

const pct = (a: number, b: number) => (b ? `${Math.round((a / b) * 100)}%` : '—');

/** KB measurement: views, helpfulness, searches with no/poor results, deflection, content gaps, falling helpfulness. */
export function KbAnalyticsPage() {
  const names = useNames();
  const [brandId, setBrandId] = useState('');
  const [days, setDays] = useState(30);
  const brand = brandId || names.brands[0]?.id || '';
  const q = useQuery({
    queryKey: ['kb', 'analytics', brand, days], enabled: Boolean(brand),
    queryFn: ({ signal }) => api.get<KbAnalytics>(`/api/v1/kb/analytics?brand_id=${brand}&days=${days}`, signal),
  });
  const a = q.data;
  return (
    <div className="page kb-analytics">
      <p><Link to="/kb">← Knowledge base</Link></p>
      <h1>Knowledge base analytics</h1>
      <div className="filter-bar">
        <label className="field"><span>Brand</span>
          <select value={brand} onChange={(e) => setBrandId(e.target.value)}>{names.brands.map((b) => <option key={b.id} value={b.id}>{b.name}</option>)}</select>
        </label>
        <label className="field"><span>Period</span>
          <select value={days} onChange={(e) => setDays(Number(e.target.value))}>{[7, 30, 90].map((d) => <option key={d} value={d}>Last {d} days</option>)}</select>
        </label>
      </div>
      {q.isPending ? <Loading /> : <ErrorBox error={q.error} onRetry={() => void q.refetch()} />}
      {a && (
        <>
          <dl className="kb-totals">
            <div><dt>Article views</dt><dd>{a.totals.views}</dd></div>
            <div><dt>Helpful</dt><dd>{pct(a.totals.helpful, a.totals.helpful + a.totals.not_helpful)} of {a.totals.helpful + a.totals.not_helpful} votes</dd></div>
            <div><dt>Searches</dt><dd>{a.totals.searches}</dd></div>
            <div><dt>Searches without results</dt><dd>{a.totals.zero_result_searches} ({pct(a.totals.zero_result_searches, a.totals.searches)})</dd></div>
            <div><dt>"Contact us" after reading</dt><dd>{a.totals.contact_clicks}</dd></div>
            <div><dt>Tickets after an article</dt><dd>{a.totals.tickets_after_article}</dd></div>
          </dl>
          <section className="panel"><h2>Content gaps</h2>
            {a.content_gaps.length ? <table className="admin-table"><thead><tr><th>Topic</th><th>Count</th><th>From</th></tr></thead><tbody>
              {a.content_gaps.map((g) => <tr key={g.source + g.topic}><td>{g.topic}</td><td>{g.tickets}</td><td>{g.source === 'ticket_tags' ? 'ticket tags, no matching article' : 'searches without results'}</td></tr>)}
            </tbody></table> : <p className="muted">No gaps found.</p>}
          </section>
          <section className="panel"><h2>Falling helpfulness</h2>
            {a.falling_helpfulness.length ? <ul>{a.falling_helpfulness.map((f) => <li key={f.article_id}><Link to={`/kb/articles/${f.article_id}`}>{f.title}</Link>: {pct(f.before, 1)} → {pct(f.recent, 1)} ({f.votes_recent} recent votes)</li>)}</ul> : <p className="muted">None.</p>}
          </section>
          <section className="panel"><h2>Most viewed articles</h2>
            <table className="admin-table"><thead><tr><th>Article</th><th>Views</th><th>Helpful</th><th>Contact rate</th></tr></thead><tbody>
              {a.top_articles.map((t) => <tr key={t.article_id}><td><Link to={`/kb/articles/${t.article_id}`}>{t.title}</Link></td><td>{t.views}</td><td>{pct(t.helpful, t.helpful + t.not_helpful)}</td><td>{(t.contact_rate * 100).toFixed(1)}%</td></tr>)}
            </tbody></table>
          </section>
          <section className="panel"><h2>Searches with no or poor results</h2>
            <ul>{a.zero_result_queries.map((z) => <li key={`z${z.query}`}>“{z.query}” — {z.count}× no results</li>)}
              {a.poor_result_queries.map((z) => <li key={`p${z.query}`}>“{z.query}” — {z.count}× (≈{z.avg_results} results)</li>)}</ul>
          </section>
          <section className="panel"><h2>Recent comments</h2>
            <ul>{a.recent_comments.map((c) => <li key={c.created_at + c.article_id}>{c.is_helpful ? '👍' : '👎'} <Link to={`/kb/articles/${c.article_id}`}>{c.title}</Link>: {c.comment}</li>)}</ul>
          </section>
        </>
      )}
    </div>
  );
}
