import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useParams } from 'react-router';
import { useTeams } from '../../api-client/queries.js';
import { fullTime } from '../../ui/format.js';
import { ErrorBox, Loading } from '../../ui/feedback.js';
import { useSession } from '../auth/session.js';
import { api, sopKeys, useSop, useVersion, type Definition, type SopVersion, type TestRun } from './api.js';
import { MetricsView } from './metrics-view.js';
import { YamlEditor } from './yaml-editor.js';

/** One SOP: its versions, the editor, review, tests, dry run, launch/rollout and metrics. */
export function SopDetailPage() {
  const { id = '' } = useParams();
  const sop = useSop(id);
  const [selected, setSelected] = useState<string | null>(null);
  const versionId = selected ?? sop.data?.versions[0]?.id ?? null;
  if (sop.isPending) return <Loading />;
  if (!sop.data) return <ErrorBox error={sop.error} />;
  return (
    <div className="page sop-detail">
      <div className="page-head"><h1>{sop.data.name}</h1></div>
      <p className="muted">{sop.data.purpose} — owner {sop.data.owner}{sop.data.approvers.length ? ` — approvers: ${[...new Set(sop.data.approvers.map((a) => a.role))].join(', ')}` : ''}</p>
      <div className="sop-layout">
        <nav className="sop-versions" aria-label="Versions">
          {sop.data.versions.map((v) => (
            <button key={v.id} type="button" className={`sop-version-tab${v.id === versionId ? ' active' : ''}`} onClick={() => setSelected(v.id)}>
              v{v.number} <span className={`badge sop-v-${v.status}`}>{v.status.replace('_', ' ')}</span>
              {v.rollout && v.status === 'launched' && <span className="muted small"> {v.rollout.percent}%{v.rollout.ab_test ? ' A/B' : ''}</span>}
            </button>
          ))}
        </nav>
        {versionId && <VersionView key={versionId} sopId={id} versionId={versionId} versions={sop.data.versions} onSelect={setSelected} />}
      </div>
      <MetricsView sopId={id} />
    </div>
  );
}

function VersionView({ sopId, versionId, versions, onSelect }: { sopId: string; versionId: string; versions: SopVersion[]; onSelect(id: string): void }) {
  const v = useVersion(versionId);
  const { can } = useSession();
  const qc = useQueryClient();
  const [yaml, setYaml] = useState('');
  const [reason, setReason] = useState('');
  const [percent, setPercent] = useState(50);
  const [markets, setMarkets] = useState('');
  const [rolloutTeams, setRolloutTeams] = useState<string[]>([]);
  const teams = useTeams().data?.data ?? [];
  const [ab, setAb] = useState(true);
  const [tests, setTests] = useState<TestRun | null>(null);
  const [dry, setDry] = useState<{ matched: number; differing: number; tickets: Array<{ number: number; differences: string[] }> } | null>(null);
  useEffect(() => {
    if (v.data) setYaml(v.data.yaml);
  }, [v.data]);
  const refresh = () => {
    void qc.invalidateQueries({ queryKey: sopKeys.sop(sopId) });
    void qc.invalidateQueries({ queryKey: sopKeys.version(versionId) });
    void qc.invalidateQueries({ queryKey: sopKeys.list });
  };
  const save = useMutation({ mutationFn: (body: Record<string, unknown>) => api.patch(`/api/v1/sop_versions/${versionId}`, body), onSuccess: refresh });
  const move = useMutation({ mutationFn: (body: Record<string, unknown>) => api.post(`/api/v1/sop_versions/${versionId}/transitions`, body), onSuccess: refresh });
  const runTests = useMutation({ mutationFn: () => api.post<TestRun>(`/api/v1/sop_versions/${versionId}/test`), onSuccess: setTests });
  const dryRun = useMutation({ mutationFn: () => api.post<NonNullable<typeof dry>>(`/api/v1/sop_versions/${versionId}/dry_run`, { limit: 100 }), onSuccess: setDry });
  const fork = useMutation({
    mutationFn: () => api.post<{ id: string }>(`/api/v1/sops/${sopId}/versions`, { from_version_id: versionId }),
    onSuccess: (nv) => {
      refresh();
      onSelect(nv.id);
    },
  });
  const comment = useMutation({ mutationFn: () => api.post(`/api/v1/sop_versions/${versionId}/comments`, { body: reason }), onSuccess: () => { setReason(''); refresh(); } });
  if (!v.data) return v.isPending ? <Loading /> : <ErrorBox error={v.error} />;
  const d = v.data;
  const editable = ['draft', 'in_review', 'approved'].includes(d.status) && can('sops.manage');
  const go = (action: string, extra: Record<string, unknown> = {}) => move.mutate({ action, ...(reason.trim() ? { reason: reason.trim() } : {}), ...extra });
  const rollout = {
    percent, ab_test: ab,
    ...(markets.trim() ? { markets: markets.split(',').map((m) => m.trim()).filter(Boolean) } : {}),
    ...(rolloutTeams.length ? { teams: rolloutTeams } : {}),
  };
  const others = versions.filter((x) => x.id !== d.id);
  const results = tests ?? d.tests_result;
  return (
    <section className="sop-version panel" data-testid="sop-version">
      <h2 className="panel-title">Version {d.number} — {d.status.replace('_', ' ')}{d.status !== 'draft' && d.review_round > 1 ? ` (review round ${d.review_round})` : ''}</h2>
      <YamlEditor value={yaml} onChange={setYaml} readOnly={!editable} />
      {editable && <Outline def={d.definition} onApply={(definition) => save.mutate({ definition })} />}
      <div className="row-actions">
        {editable && <button type="button" className="btn btn-primary" disabled={yaml === d.yaml || save.isPending} onClick={() => save.mutate({ yaml, ...(reason ? { reason } : {}) })}>{d.status === 'draft' ? 'Save' : 'Save (re-opens review)'}</button>}
        <button type="button" className="btn" onClick={() => runTests.mutate()} disabled={runTests.isPending} data-testid="sop-run-tests">Run tests</button>
        {can('sops.manage') && <button type="button" className="btn" onClick={() => dryRun.mutate()} disabled={dryRun.isPending}>Dry run (last 100 tickets)</button>}
        {can('sops.manage') && <button type="button" className="btn btn-ghost" onClick={() => fork.mutate()}>New version from this</button>}
      </div>
      <label className="field"><span>Reason / comment</span><input value={reason} onChange={(e) => setReason(e.target.value)} placeholder="Why (recorded with the transition)" /></label>
      <div className="row-actions">
        {d.status === 'draft' && <button type="button" className="btn" onClick={() => go('submit')}>Submit for review</button>}
        {d.status === 'in_review' && can('sops.approve') && <button type="button" className="btn btn-primary" onClick={() => go('approve')}>Approve</button>}
        {['in_review', 'approved'].includes(d.status) && <button type="button" className="btn" disabled={!reason.trim()} onClick={() => go('request_changes')}>Request changes</button>}
        {['in_review', 'approved'].includes(d.status) && <button type="button" className="btn btn-ghost" disabled={!reason.trim()} onClick={() => comment.mutate()}>Comment</button>}
        {d.status === 'launched' && <button type="button" className="btn btn-primary" onClick={() => go('promote')}>Promote to 100%</button>}
        {d.status === 'launched' && <button type="button" className="btn" disabled={!reason.trim()} onClick={() => go('rollback')}>Roll back</button>}
        {['promoted', 'rolled_back', 'draft'].includes(d.status) && <button type="button" className="btn btn-ghost" disabled={!reason.trim()} onClick={() => go('retire')}>Retire</button>}
      </div>
      {(d.status === 'approved' || d.status === 'launched') && (
        <fieldset className="sop-rollout">
          <legend>Rollout</legend>
          <label className="inline-field">Share of matching tickets <input type="number" min={1} max={100} value={percent} onChange={(e) => setPercent(Number(e.target.value))} />%</label>
          <label className="inline-field">Markets <input value={markets} onChange={(e) => setMarkets(e.target.value)} placeholder="e.g. IE, DE (empty = all)" /></label>
          <label className="inline-field">Teams{' '}
            <select multiple aria-label="Teams (none selected = all)" value={rolloutTeams} onChange={(e) => setRolloutTeams([...e.target.selectedOptions].map((o) => o.value))}>
              {teams.map((tm) => <option key={tm.id} value={tm.id}>{tm.name}</option>)}
            </select>
          </label>
          <label className="inline-field"><input type="checkbox" checked={ab} onChange={(e) => setAb(e.target.checked)} /> A/B test against the current version</label>
          <button type="button" className="btn btn-primary" onClick={() => go(d.status === 'approved' ? 'launch' : 'update_rollout', { rollout })}>{d.status === 'approved' ? 'Launch' : 'Update rollout'}</button>
        </fieldset>
      )}
      <ErrorBox error={move.error ?? save.error ?? runTests.error ?? dryRun.error ?? fork.error ?? comment.error} />
      {results && (
        <div data-testid="sop-test-results">
          <h3 className="panel-subtitle">Test cases: {results.passed} passed, {results.failed} failed</h3>
          <ul className="mini-list">
            {results.results.map((r) => <li key={r.name}>{r.passed ? '✓' : '✗'} {r.name}{r.failures.map((f) => <div key={f} className="muted small">{f}</div>)}</li>)}
          </ul>
        </div>
      )}
      {dry && (
        <div>
          <h3 className="panel-subtitle">Dry run: {dry.differing} of {dry.matched} matching tickets would go differently</h3>
          <ul className="mini-list">{dry.tickets.filter((x) => x.differences.length).slice(0, 30).map((x) => <li key={x.number}>#{x.number}: {x.differences.join('; ')}</li>)}</ul>
        </div>
      )}
      {others.length > 0 && <DiffView to={d.id} toNumber={d.number} versions={others} />}
      <h3 className="panel-subtitle">Review and history</h3>
      <ul className="mini-list sop-history">
        {d.history.map((h, i) => (
          <li key={i}><span className="muted small">{fullTime(h.occurred_at)}</span> {h.name.replace('sop_version.', '').replace('_', ' ')} by {h.actor_name ?? 'Switchboard'}
            {typeof h.payload.reason === 'string' && h.payload.reason ? ` — “${h.payload.reason}”` : ''}{typeof h.payload.body === 'string' ? ` — “${h.payload.body}”` : ''}{typeof h.payload.role === 'string' ? ` as ${h.payload.role}` : ''}</li>
        ))}
      </ul>
    </section>
  );
}

/** The structured view of the same document: step titles and "required before solve"; applying writes the YAML. */
function Outline({ def, onApply }: { def: Definition; onApply(d: Definition): void }) {
  const [steps, setSteps] = useState(def.steps);
  const changed = JSON.stringify(steps) !== JSON.stringify(def.steps);
  return (
    <details className="sop-outline">
      <summary>Steps ({def.steps.length})</summary>
      <ol>
        {steps.map((s, i) => (
          <li key={s.id}>
            <code>{s.type}</code>{' '}
            <input aria-label={`Title of ${s.id}`} value={s.title} onChange={(e) => setSteps((xs) => xs.map((x, j) => (j === i ? { ...x, title: e.target.value } : x)))} />
            <label className="inline-field"><input type="checkbox" checked={Boolean(s.required)} onChange={(e) => setSteps((xs) => xs.map((x, j) => (j === i ? { ...x, required: e.target.checked || undefined } : x)))} /> required before solve</label>
          </li>
        ))}
      </ol>
      <button type="button" className="btn btn-small" disabled={!changed} onClick={() => onApply({ ...def, steps })}>Apply to YAML</button>
    </details>
  );
}

/** What changed between this version and any other one (default: the one before it, else the newest other). */
function DiffView({ to, toNumber, versions }: { to: string; toNumber: number; versions: SopVersion[] }) {
  const [from, setFrom] = useState(() => (versions.find((x) => x.number === toNumber - 1) ?? versions[0]).id);
  const [diff, setDiff] = useState<{ steps: { added: string[]; removed: string[]; changed: Array<{ id: string; changes: string[] }> }; other: string[] } | null>(null);
  useEffect(() => {
    void api.get<NonNullable<typeof diff>>(`/api/v1/sop_versions/${to}/diff?against=${from}`).then(setDiff).catch(() => undefined);
  }, [from, to]);
  if (!diff) return null;
  const none = !diff.steps.added.length && !diff.steps.removed.length && !diff.steps.changed.length && !diff.other.length;
  return (
    <div>
      <h3 className="panel-subtitle">
        Changes from{' '}
        <select aria-label="Compare with version" value={from} onChange={(e) => setFrom(e.target.value)}>
          {versions.map((x) => <option key={x.id} value={x.id}>v{x.number}</option>)}
        </select>{' '}
        to v{toNumber}
      </h3>
      {none ? <p className="muted small">None.</p> : (
        <ul className="mini-list">
          {diff.steps.added.map((s) => <li key={`a${s}`}>+ step {s}</li>)}
          {diff.steps.removed.map((s) => <li key={`r${s}`}>− step {s}</li>)}
          {diff.steps.changed.map((s) => <li key={`c${s.id}`}>~ step {s.id}: {s.changes.join(', ')}</li>)}
          {diff.other.map((s) => <li key={`o${s}`}>~ {s.replace('_', ' ')}</li>)}
        </ul>
      )}
    </div>
  );
}
