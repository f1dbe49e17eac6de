import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { api } from '../../api-client/client.js';
import { useNames } from '../../api-client/queries.js';
import { ErrorBox, Loading } from '../../ui/feedback.js';
import { STATE_LABEL, kbKeys, useKbArticle, useKbTaxonomy, type KbVersion } from './api.js';
import { insertAt, markdownForFile, uploadKbFile } from './files.js';

/** One article: edit a locale's draft (Markdown + preview), move it through review, see history and translation status. */
export function KbArticleEditor() {
  const { id = '' } = useParams();
  const detail = useKbArticle(id);
  const names = useNames();
  const qc = useQueryClient();
  const d = detail.data;
  const [locale, setLocale] = useState('');
  const loc = locale || d?.article.source_locale || 'en';
  const latest = d?.versions.filter((v) => v.locale === loc).sort((a, b) => b.number - a.number)[0];
  const [form, setForm] = useState({ title: '', body: '', description: '', slug: '' });
  const [warnings, setWarnings] = useState<string[]>([]);
  const [preview, setPreview] = useState<string | null>(null);
  const [publishAt, setPublishAt] = useState('');
  const [note, setNote] = useState('');
  useEffect(() => {
    setForm({ title: latest?.title ?? '', body: latest?.body_md ?? '', description: latest?.description ?? '', slug: latest?.slug ?? '' });
  }, [latest?.id, latest?.updated_at]);
  const refresh = () => void qc.invalidateQueries({ queryKey: kbKeys.article(id) });
  const save = useMutation({
    mutationFn: () => api.post<{ version: KbVersion; warnings: string[] }>(`/api/v1/kb/articles/${id}/drafts`, { locale: loc, ...form }),
    onSuccess: (r) => { setWarnings(r.warnings); refresh(); },
  });
  const step = useMutation({
    mutationFn: ({ versionId, action, body }: { versionId: string; action: string; body?: object }) => api.post(`/api/v1/kb/versions/${versionId}/${action}`, body ?? {}),
    onSuccess: refresh,
  });
  const meta = useMutation({ mutationFn: (body: object) => api.patch(`/api/v1/kb/articles/${id}`, body), onSuccess: refresh });
  const [caret, setCaret] = useState<number | null>(null);
  // Images and attachments: uploaded to the Help Center's file store, then referenced from the Markdown at the caret.
  const upload = useMutation({
    mutationFn: async (files: File[]) => {
      const out: string[] = [];
      for (const f of files) out.push(markdownForFile(await uploadKbFile(d?.article.brand_id ?? '', f)));
      return out.join('\n\n');
    },
    onSuccess: (snippet) => setForm((f) => ({ ...f, body: insertAt(f.body, caret, snippet) })),
  });
  const tax = useKbTaxonomy(d?.article.brand_id);
  if (detail.isPending) return <Loading />;
  if (!d) return <ErrorBox error={detail.error} onRetry={() => void detail.refetch()} />;
  const open = latest && !['published', 'superseded'].includes(latest.state) ? latest : null;
  const doPreview = async () => setPreview((await api.post<{ html: string; warnings: string[] }>('/api/v1/kb/preview', { body: form.body })).html);
  return (
    <div className="page kb-editor">
      <p><Link to="/kb">← Knowledge base</Link></p>
      <h1>{d.versions.find((v) => v.locale === d.article.source_locale)?.title ?? 'Article'}</h1>
      <nav aria-label="Locales" className="kb-locales">
        {d.translations.map((t) => (
          <button key={t.locale} type="button" className={`btn btn-small${t.locale === loc ? ' btn-primary' : ''}`} aria-pressed={t.locale === loc} onClick={() => setLocale(t.locale)}>
            {t.locale} · {t.status}{t.open_version ? ` · ${STATE_LABEL[t.open_version.state]}` : ''}
          </button>
        ))}
      </nav>
      <div className="kb-grid">
        <section className="panel" aria-labelledby="kb-edit-title">
          <h2 id="kb-edit-title">Edit ({loc}){open ? ` — version ${open.number}, ${STATE_LABEL[open.state]}` : ''}</h2>
          <label className="field"><span>Title</span><input value={form.title} onChange={(e) => setForm({ ...form, title: e.target.value })} /></label>
          <label className="field"><span>Slug</span><input value={form.slug} onChange={(e) => setForm({ ...form, slug: e.target.value })} /></label>
          <label className="field"><span>Meta description</span><input value={form.description} maxLength={300} onChange={(e) => setForm({ ...form, description: e.target.value })} /></label>
          <label className="field"><span>Body (Markdown)</span><textarea rows={18} value={form.body} onChange={(e) => setForm({ ...form, body: e.target.value })}
            onSelect={(e) => setCaret(e.currentTarget.selectionStart)} /></label>
          <label className="field"><span>Insert image or attachment (PNG/JPEG/GIF/WebP ≤ 2 MB; PDF, text, CSV, ZIP ≤ 10 MB)</span>
            <input type="file" multiple disabled={upload.isPending} accept="image/png,image/jpeg,image/gif,image/webp,application/pdf,text/plain,text/csv,application/zip"
              onChange={(e) => { const files = [...(e.target.files ?? [])]; e.target.value = ''; if (files.length) upload.mutate(files); }} /></label>
          <button type="button" className="btn btn-primary" disabled={save.isPending} onClick={() => save.mutate()}>Save draft</button>{' '}
          <button type="button" className="btn" onClick={() => void doPreview()}>Preview</button>
          {warnings.length > 0 && <ul className="alert" role="status">{warnings.map((w) => <li key={w}>{w}</li>)}</ul>}
          <ErrorBox error={save.error ?? step.error ?? meta.error ?? upload.error} />
          {open && (
            <div className="kb-workflow">
              {['draft', 'changes_requested'].includes(open.state) && <button type="button" className="btn" onClick={() => step.mutate({ versionId: open.id, action: 'submit' })}>Submit for review</button>}
              {open.state === 'in_review' && (
                <>
                  <label className="field"><span>Review note</span><input value={note} onChange={(e) => setNote(e.target.value)} /></label>
                  <button type="button" className="btn btn-primary" onClick={() => step.mutate({ versionId: open.id, action: 'approve', body: { note } })}>Approve</button>{' '}
                  <button type="button" className="btn" onClick={() => step.mutate({ versionId: open.id, action: 'request_changes', body: { note: note || 'Please revise' } })}>Request changes</button>
                </>
              )}
              {['approved', 'scheduled'].includes(open.state) && (
                <>
                  <label className="field"><span>Publish at (empty = now)</span><input type="datetime-local" value={publishAt} onChange={(e) => setPublishAt(e.target.value)} /></label>
                  <button type="button" className="btn btn-primary" onClick={() => step.mutate({ versionId: open.id, action: 'publish', body: { publish_at: publishAt ? new Date(publishAt).toISOString() : null } })}>{publishAt ? 'Schedule' : 'Publish'}</button>
                </>
              )}
              {open.review_note && <p className="small">Reviewer: {open.review_note}</p>}
            </div>
          )}
        </section>
        <aside>
          {preview !== null && (
            <section className="panel"><h2>Preview</h2>{/* sanitised by the server (same renderer as the Help Center) */}<div className="kb-preview" dangerouslySetInnerHTML={{ __html: preview }} /></section>
          )}
          <section className="panel" aria-labelledby="kb-meta-title">
            <h2 id="kb-meta-title">Settings</h2>
            <label className="field"><span>Section</span>
              <select value={d.article.section_id ?? ''} onChange={(e) => meta.mutate({ section_id: e.target.value || null })}>
                <option value="">None</option>
                {tax.data?.sections.map((s) => <option key={s.id} value={s.id}>{s.titles.en ?? s.slug}</option>)}
              </select>
            </label>
            <label className="field"><span>Visibility</span>
              <select value={d.article.visibility} onChange={(e) => meta.mutate({ visibility: e.target.value, ...(e.target.value === 'restricted' && !d.article.segments.length ? { segments: ['vip'] } : {}) })}>
                <option value="public">Public</option><option value="internal">Internal (agents only)</option><option value="restricted">Restricted to segments</option>
              </select>
            </label>
            <p className="small">Labels: {d.article.labels.join(', ') || '—'} · Owner: {names.user(d.article.owner_id) || '—'}</p>
            <p className="small">Review every {d.article.review_interval_days} days · next {d.article.review_due_at?.slice(0, 10) ?? '—'}{' '}
              <button type="button" className="btn btn-small" onClick={() => void api.post(`/api/v1/kb/articles/${id}/reviewed`).then(refresh)}>Mark reviewed</button></p>
          </section>
          <section className="panel" aria-labelledby="kb-history-title">
            <h2 id="kb-history-title">History ({loc})</h2>
            <ol reversed>
              {d.versions.filter((v) => v.locale === loc).map((v) => (
                <li key={v.id}>v{v.number} · {STATE_LABEL[v.state]} · {(v.published_at ?? v.updated_at).slice(0, 16).replace('T', ' ')} {names.user(v.author_id)}
                  {v.restored_from ? ` (restored from v${v.restored_from})` : ''}
                  {['published', 'superseded'].includes(v.state) && <> <button type="button" className="btn btn-small" onClick={() => step.mutate({ versionId: v.id, action: 'restore' })}>Restore</button></>}
                </li>
              ))}
            </ol>
          </section>
        </aside>
      </div>
    </div>
  );
}
