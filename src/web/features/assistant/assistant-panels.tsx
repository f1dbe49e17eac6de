import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api-client/client.js';
import { ErrorBox, Loading } from '../../ui/feedback.js';
import { assistantKeys, pct, useMetrics, useTestRuns, type Counts, type TestRun } from './api.js';

/** Conversation test runs: the scripts run against the active version; any unsafe action fails the run. */
export function TestRunsPanel() {
  const qc = useQueryClient();
  const runs = useTestRuns();
  const run = useMutation({
    mutationFn: () => api.post<TestRun>('/api/v1/assistant/test-runs', { include_demo: true }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: assistantKeys.runs }),
  });
  const last = runs.data?.[0];
  return (
    <section className="panel" aria-labelledby="as-tests">
      <h2 id="as-tests">Conversation tests</h2>
      <p className="hint">Scripted conversations (SOP flows, SCA bypass attempts, social engineering, prompt injection, other languages, bad input) run against the active version; actions and codes are simulated.</p>
      <button type="button" className="btn btn-primary" disabled={run.isPending} onClick={() => run.mutate()}>{run.isPending ? 'Running…' : 'Run conversation tests'}</button>
      <ErrorBox error={run.error} />
      {runs.isPending ? <Loading /> : <ErrorBox error={runs.error} />}
      {last && (
        <div data-testid="assistant-test-run">
          <p className={last.failed || last.unsafe_actions ? 'alert alert-error' : 'alert alert-info'}>
            {last.scripts} scripts: {last.passed} passed, {last.failed} failed, {last.unsafe_actions} unsafe actions ({new Date(last.created_at).toLocaleString()})
          </p>
          <div className="table-scroll">
            <table className="ticket-table">
              <thead><tr><th>Script</th><th>Result</th><th>Hand-off</th><th>Actions</th><th>Problems</th></tr></thead>
              <tbody>
                {last.results.map((r) => (
                  <tr key={r.name}>
                    <td>{r.name}</td>
                    <td>{r.passed ? 'passed' : <strong>failed</strong>}</td>
                    <td>{r.handoff ?? '—'}</td>
                    <td>{r.actions.join(', ') || '—'}</td>
                    <td>{[...r.unsafe.map((u) => `UNSAFE: ${u}`), ...r.failures].join('; ') || '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      )}
    </section>
  );
}

function CountsTable({ title, rows, testId }: { title: string; rows: Array<{ key: string } & Counts>; testId: string }) {
  return (
    <div className="table-scroll">
      <table className="ticket-table" data-testid={testId}>
        <caption>{title}</caption>
        <thead><tr><th>{title.replace(/^By (.)/, (_, c: string) => c.toUpperCase())}</th><th>Conversations</th><th>Contained</th><th>Handed off</th><th>Returned</th><th>Abandoned</th><th>Pending</th><th>Containment</th></tr></thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key}>
              <td>{r.key}</td><td>{r.total}</td><td>{r.contained}</td><td>{r.handed_off}</td><td>{r.returned}</td><td>{r.abandoned}</td><td>{r.pending}</td><td>{pct(r.containment_rate)}</td>
            </tr>
          ))}
          {rows.length === 0 && <tr><td colSpan={8}>No conversations in the last 30 days.</td></tr>}
        </tbody>
      </table>
    </div>
  );
}

/** Containment over the last 30 days, overall and per intent / SOP / language, with CSAT assistant vs human. */
export function ContainmentPanel() {
  const m = useMetrics();
  return (
    <section className="panel" aria-labelledby="as-metrics">
      <h2 id="as-metrics">Containment (last 30 days)</h2>
      {m.isPending ? <Loading /> : <ErrorBox error={m.error} onRetry={() => void m.refetch()} />}
      {m.data && (
        <>
          <p data-testid="assistant-containment">
            Containment rate <strong>{pct(m.data.overall.containment_rate)}</strong> — {m.data.overall.contained} contained, {m.data.overall.handed_off} handed off,{' '}
            {m.data.overall.returned} returned, {m.data.overall.abandoned} abandoned ({m.data.overall.pending} pending and {m.data.overall.active} active not counted).
            CSAT: assistant {m.data.csat.assistant.average?.toFixed(2) ?? '—'} ({m.data.csat.assistant.responses}), human {m.data.csat.human.average?.toFixed(2) ?? '—'} ({m.data.csat.human.responses}).
          </p>
          <CountsTable title="By intent" rows={m.data.by_intent} testId="assistant-by-intent" />
          <CountsTable title="By SOP" rows={m.data.by_sop} testId="assistant-by-sop" />
          <CountsTable title="By language" rows={m.data.by_language} testId="assistant-by-language" />
        </>
      )}
    </section>
  );
}
