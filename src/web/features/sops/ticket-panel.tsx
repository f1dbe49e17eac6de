import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { errorText } from '../../api-client/client.js';
import type { TicketPanelProps } from '../../routes/web-module.js';
import { fullTime } from '../../ui/format.js';
import { useSession } from '../auth/session.js';
import { api, sopKeys, useTicketRuns, type FieldDef, type Step, type TicketRun } from './api.js';

const OPEN = ['new', 'open', 'pending', 'on_hold'];
const MARK: Record<string, string> = { done: '✓', skipped: '↷', overridden: '⚑' };

/** Ticket-side panel: the SOP that applies, as a guided checklist/flow with the current step to act on. */
export function SopTicketPanel({ ticketId, ticket, readOnly, onReload }: TicketPanelProps) {
  const runs = useTicketRuns(ticketId);
  const qc = useQueryClient();
  const start = useMutation({
    mutationFn: () => api.post(`/api/v1/tickets/${ticketId}/sop_runs`),
    onSuccess: () => void qc.invalidateQueries({ queryKey: sopKeys.runs(ticketId) }),
  });
  const tried = useRef(false);
  const none = runs.data && runs.data.data.length === 0;
  useEffect(() => {
    // The SOP that applies starts when the ticket is first worked on (new tickets get it from the worker too).
    if (none && !readOnly && OPEN.includes(ticket.status) && !tried.current) {
      tried.current = true;
      start.mutate();
    }
  }, [none, readOnly, ticket.status, start]);
  if (!runs.data?.data.length) return null;
  return (
    <>
      {runs.data.data.map((run) => (
        <RunPanel key={run.id} run={run} readOnly={readOnly} ticketFields={(ticket.custom_fields ?? {}) as Record<string, unknown>} onChanged={() => {
          void qc.invalidateQueries({ queryKey: sopKeys.runs(ticketId) });
          onReload();
        }} />
      ))}
    </>
  );
}

function RunPanel({ run, readOnly, ticketFields, onChanged }: { run: TicketRun; readOnly: boolean; ticketFields: Record<string, unknown>; onChanged(): void }) {
  const { can, session } = useSession();
  const supervisor = session?.user.role === 'supervisor' || session?.user.role === 'admin';
  const act = useMutation({
    mutationFn: (body: Record<string, unknown>) => api.post(`/api/v1/sop_runs/${run.id}/actions`, body),
    onSuccess: onChanged,
  });
  const def = run.definition;
  const current = def.steps.find((s) => s.id === run.state.cursor) ?? null;
  const editable = !readOnly && can('tickets.write');
  return (
    <section className="panel sop-panel" aria-labelledby={`sop-${run.id}`} data-testid="sop-panel">
      <h2 id={`sop-${run.id}`} className="panel-title">SOP</h2>
      <p className="sop-name">
        <strong>{run.sop_name}</strong> <span className="badge">v{run.version_number}</span>
        {run.arm && <span className="badge" title="A/B test arm">arm {run.arm}</span>} <span className={`badge sop-status-${run.status}`}>{run.status.replace('_', ' ')}</span>
      </p>
      {run.open_required.length > 0 && (
        <p className="muted small" data-testid="sop-required">Required before solve: {run.open_required.map((id) => def.steps.find((s) => s.id === id)?.title ?? id).join(', ')}</p>
      )}
      <ol className="sop-steps">
        {def.steps.map((s) => {
          const outcome = run.state.done[s.id];
          const isCurrent = s.id === run.state.cursor;
          return (
            <li key={s.id} className={`sop-step${isCurrent ? ' sop-step-current' : ''}${outcome ? ` sop-step-${outcome}` : ''}`} aria-current={isCurrent ? 'step' : undefined}>
              <span className="sop-mark" aria-hidden="true">{outcome ? MARK[outcome] : isCurrent ? '▶' : '·'}</span> {s.title}
              {s.required && <span className="sop-req" title="Required before solve"> *</span>}
              {outcome && outcome !== 'done' && <span className="muted small"> ({outcome})</span>}
            </li>
          );
        })}
      </ol>
      {run.state.error && (
        <div className="alert alert-error" role="alert" data-testid="sop-error">
          <span>Step “{def.steps.find((s) => s.id === run.state.error?.step)?.title}” failed: {run.state.error.message}</span>
          {editable && run.state.error.kind === 'effect' && <button type="button" className="btn btn-small" onClick={() => act.mutate({ action: 'retry' })}>Retry</button>}
        </div>
      )}
      {run.state.wait && <p className="muted small">Waiting{run.state.wait.event ? ` for ${run.state.wait.event.replace('_', ' ')}` : ''}{run.state.wait.until ? ` until ${fullTime(run.state.wait.until)}` : ''}.</p>}
      {current && editable && run.status !== 'waiting' && (
        <CurrentStep key={`${current.id}-${run.state.trace.length}`} step={current} fields={def.fields} collected={{ ...ticketFields, ...run.state.fields }} failed={run.status === 'failed'} preview={run.reply_preview?.text ?? null}
          supervisor={supervisor} busy={act.isPending} onAct={(body) => act.mutate(body)} />
      )}
      {Object.keys(run.state.fields).length > 0 && (
        <>
          <h3 className="panel-subtitle">Collected</h3>
          <dl className="sop-fields">
            {Object.entries(run.state.fields).map(([k, v]) => (
              <div key={k}><dt>{def.fields.find((f) => f.key === k)?.label ?? k}</dt><dd>{String(v)}</dd></div>
            ))}
          </dl>
        </>
      )}
      {act.error ? <p className="alert alert-error" role="alert">{errorText(act.error)}</p> : null}
    </section>
  );
}

interface CurrentProps {
  step: Step;
  fields: FieldDef[];
  /** Values known already (the ticket's custom fields, then what the run collected): prefilled. */
  collected: Record<string, unknown>;
  failed: boolean;
  /** The reply as it will be sent (rendered by the server). */
  preview: string | null;
  supervisor: boolean;
  busy: boolean;
  onAct(body: Record<string, unknown>): void;
}

function CurrentStep({ step, fields, collected, failed, preview, supervisor, busy, onAct }: CurrentProps) {
  const [checked, setChecked] = useState<boolean[]>(() => (step.items ?? []).map(() => false));
  const [values, setValues] = useState<Record<string, string>>(() => Object.fromEntries((step.fields ?? []).map((k) => [k, collected[k] === undefined ? '' : String(collected[k])])));
  const [reason, setReason] = useState('');
  const [skipping, setSkipping] = useState(false);
  const complete = (input?: unknown) => onAct({ action: 'complete', step: step.id, ...(input === undefined ? {} : { input }) });
  return (
    <div className="sop-current" data-testid="sop-current">
      <h3 className="panel-subtitle">Now: {step.title}</h3>
      {!failed && step.type === 'checklist' && (
        <>
          {(step.items ?? []).map((item, i) => (
            <label key={item} className="sop-check">
              <input type="checkbox" checked={checked[i]} onChange={(e) => setChecked((c) => c.map((x, j) => (j === i ? e.target.checked : x)))} /> {item}
            </label>
          ))}
          <button type="button" className="btn btn-small btn-primary" disabled={busy || !checked.every(Boolean)} onClick={() => complete()}>Mark done</button>
        </>
      )}
      {!failed && step.type === 'decision' && (
        <>
          <p>{step.question}</p>
          <div className="row-actions">
            {(step.branches ?? []).map((b) => (
              <button key={b.label} type="button" className="btn btn-small" disabled={busy} onClick={() => complete(b.label)}>{b.label}</button>
            ))}
          </div>
        </>
      )}
      {step.type === 'collect' && ( // also after a failure: corrected values retry the step
        <form onSubmit={(e) => {
          e.preventDefault();
          complete(Object.fromEntries(Object.entries(values).filter(([, v]) => v !== '')));
        }}>
          {(step.fields ?? []).map((k) => {
            const f = fields.find((x) => x.key === k);
            const set = (v: string) => setValues((s) => ({ ...s, [k]: v }));
            return (
              <label key={k} className="field">
                <span>{f?.label ?? k}</span>
                {f?.type === 'choice' || f?.type === 'boolean' ? (
                  <select value={values[k]} onChange={(e) => set(e.target.value)}>
                    <option value="">Choose…</option>
                    {(f.type === 'boolean' ? ['true', 'false'] : f.options ?? []).map((o) => <option key={o} value={o}>{o}</option>)}
                  </select>
                ) : (
                  <input type={f?.type === 'number' ? 'number' : f?.type === 'date' ? 'date' : 'text'} step="any" value={values[k]} onChange={(e) => set(e.target.value)} />
                )}
              </label>
            );
          })}
          <button type="submit" className="btn btn-small btn-primary" disabled={busy}>Save fields</button>
        </form>
      )}
      {!failed && step.type === 'reply' && (
        <>
          <blockquote className="sop-template" data-testid="sop-reply-preview">{preview ?? Object.values(step.templates ?? {})[0]}</blockquote>
          <button type="button" className="btn btn-small btn-primary" disabled={busy} onClick={() => complete()}>Send reply</button>
        </>
      )}
      {!failed && step.type === 'action' && (
        <>
          <ul className="mini-list">{(step.actions ?? []).map((a, i) => <li key={i}><code>{Object.keys(a)[0]}</code> {JSON.stringify(Object.values(a)[0])}</li>)}</ul>
          <button type="button" className="btn btn-small btn-primary" disabled={busy} onClick={() => complete()}>Take action</button>
        </>
      )}
      {step.type !== 'decision' && (!step.required || supervisor) && (
        skipping ? (
          <form className="form-row" onSubmit={(e) => {
            e.preventDefault();
            onAct({ action: step.required ? 'override' : 'skip', step: step.id, reason });
          }}>
            <label className="inline-field"><span className="sr-only">Reason</span><input placeholder="Why?" value={reason} onChange={(e) => setReason(e.target.value)} /></label>
            <button type="submit" className="btn btn-small" disabled={busy || reason.trim().length < 3}>{step.required ? 'Override' : 'Skip'}</button>
          </form>
        ) : (
          <button type="button" className="btn btn-small btn-ghost" onClick={() => setSkipping(true)}>{step.required ? 'Override…' : 'Skip…'}</button>
        )
      )}
    </div>
  );
}
