import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../../api-client/client.js';
import { ErrorBox, Loading } from '../../ui/feedback.js';
import { assistantKeys, pct, useExampleSummary, useIntentConfigs, useIntentExamples, useModels, type ModelVersion } from './api.js';
import { ContainmentPanel, TestRunsPanel } from './assistant-panels.js';

/**
 * The assistant's admin page: intents and their examples, training with progress, model versions with
 * rollback, conversation test runs, and containment per intent / SOP / language.
 */
export function AssistantAdmin() {
  return (
    <div className="page assistant-admin">
      <p className="hint">
        The self-service assistant detects the customer's intent with a model trained on this workspace's examples, answers from the Help Center and
        runs the intent's SOP steps with guardrails. See docs/assistant.md for how containment is defined.
      </p>
      <IntentsPanel />
      <ModelsPanel />
      <TestRunsPanel />
      <ContainmentPanel />
    </div>
  );
}

function IntentsPanel() {
  const qc = useQueryClient();
  const summary = useExampleSummary();
  const configs = useIntentConfigs();
  const [open, setOpen] = useState<string | null>(null);
  const [label, setLabel] = useState('');
  const [text, setText] = useState('');
  const examples = useIntentExamples(open);
  const add = useMutation({
    mutationFn: () => api.post<{ inserted: number; skipped: number }>('/api/v1/assistant/examples', { examples: [{ text, label }] }),
    onSuccess: () => {
      setText('');
      void qc.invalidateQueries({ queryKey: assistantKeys.examples });
    },
  });
  const cfg = new Map((configs.data ?? []).map((c) => [c.intent, c]));
  return (
    <section className="panel" aria-labelledby="as-intents">
      <h2 id="as-intents">Intents and examples</h2>
      {summary.isPending ? <Loading /> : <ErrorBox error={summary.error} />}
      {summary.data && (
        <div className="table-scroll">
          <table className="ticket-table" data-testid="assistant-intents">
            <thead><tr><th>Intent</th><th>Title</th><th>Examples</th><th>From</th><th>SOP flow</th><th /></tr></thead>
            <tbody>
              {summary.data.map((s) => {
                const c = cfg.get(s.label);
                return (
                  <tr key={s.label}>
                    <td><code>{s.label}</code></td>
                    <td>{c?.title || '—'}</td>
                    <td>{s.examples}</td>
                    <td>{Object.entries(s.by_source).map(([k, v]) => `${k} ${v}`).join(', ')}</td>
                    <td>{c?.sop_ref ? `${c.sop_ref} v${c.sop_version ?? '?'}` : c?.flow ? 'own flow' : '—'}</td>
                    <td><button type="button" className="btn" onClick={() => setOpen(open === s.label ? null : s.label)}>{open === s.label ? 'Hide' : 'Examples'}</button></td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          {summary.data.length === 0 && <p>No examples yet: import a CSV with <code>npx switchboard assistant import</code> or add some below.</p>}
        </div>
      )}
      {open && (
        <div data-testid="assistant-examples">
          <h3>Examples of <code>{open}</code></h3>
          {examples.isPending ? <Loading /> : <ErrorBox error={examples.error} />}
          <ul>{examples.data?.map((e) => <li key={e.id}>{e.text} <span className="badge">{e.source}</span></li>)}</ul>
        </div>
      )}
      <form className="inline-form" onSubmit={(e) => { e.preventDefault(); add.mutate(); }}>
        <label className="field"><span>Intent</span><input value={label} onChange={(e) => setLabel(e.target.value)} list="assistant-intent-names" required maxLength={120} /></label>
        <datalist id="assistant-intent-names">{summary.data?.map((s) => <option key={s.label} value={s.label} />)}</datalist>
        <label className="field"><span>Example question</span><input value={text} onChange={(e) => setText(e.target.value)} required maxLength={2000} /></label>
        <button type="submit" className="btn btn-primary" disabled={add.isPending}>Add example</button>
        {add.data && <span role="status">{add.data.inserted ? 'Added: used by the next version.' : 'Already there.'}</span>}
        <ErrorBox error={add.error} />
      </form>
    </section>
  );
}

function ModelsPanel() {
  const qc = useQueryClient();
  const models = useModels();
  const refresh = () => void qc.invalidateQueries({ queryKey: assistantKeys.models });
  const train = useMutation({ mutationFn: () => api.post<ModelVersion>('/api/v1/assistant/models', {}), onSuccess: refresh });
  const activate = useMutation({ mutationFn: (v: number) => api.post<ModelVersion>(`/api/v1/assistant/models/${v}/activate`, {}), onSuccess: refresh });
  const training = models.data?.find((m) => m.status === 'training');
  return (
    <section className="panel" aria-labelledby="as-models">
      <h2 id="as-models">Model versions</h2>
      <button type="button" className="btn btn-primary" disabled={Boolean(training) || train.isPending} onClick={() => train.mutate()}>Train a new version</button>
      <ErrorBox error={train.error} />
      {training && (
        <p data-testid="assistant-training">
          <label htmlFor="as-progress">Training version {training.version}: </label>
          <progress id="as-progress" max={1} value={training.progress}>{pct(training.progress)}</progress> {pct(training.progress)}
        </p>
      )}
      {models.isPending ? <Loading /> : <ErrorBox error={models.error} />}
      {models.data && (
        <div className="table-scroll">
          <table className="ticket-table" data-testid="assistant-models">
            <thead><tr><th>Version</th><th>Status</th><th>Examples</th><th>Intents</th><th>Validation accuracy</th><th>Training</th><th>Created</th><th /></tr></thead>
            <tbody>
              {models.data.map((m) => (
                <tr key={m.id} data-version={m.version}>
                  <td>v{m.version}</td>
                  <td>{m.is_active ? <strong>active</strong> : m.status}{m.error ? ` — ${m.error}` : ''}</td>
                  <td>{m.examples}</td>
                  <td>{m.intents}</td>
                  <td>{pct(m.metrics.validation_accuracy)}</td>
                  <td>{m.metrics.train_s !== undefined ? `${m.metrics.train_s.toFixed(1)} s` : '—'}</td>
                  <td>{new Date(m.created_at).toLocaleString()}</td>
                  <td>
                    {m.status === 'ready' && !m.is_active && (
                      <button type="button" className="btn" disabled={activate.isPending} onClick={() => activate.mutate(m.version)}>Activate v{m.version}</button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <ErrorBox error={activate.error} />
    </section>
  );
}
