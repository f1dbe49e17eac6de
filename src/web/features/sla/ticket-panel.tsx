import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { TicketPanelProps } from '../../routes/web-module.js';
import { fullTime } from '../../ui/format.js';
import { useLive } from '../live/live-updates.js';
import { metricLabel, refreshesSlaPanel, remainingText, slaKeys, useTicketSla } from './api.js';

const STATE = { running: 'running', paused: 'paused', achieved: 'achieved', breached: 'breached', stopped: 'stopped' } as const;

/** Ticket page side panel: the applied SLA policy, each target with business time left, the policy history. */
export function SlaTicketPanel({ ticketId }: TicketPanelProps) {
  const q = useTicketSla(ticketId);
  const s = q.data;
  const qc = useQueryClient();
  const { subscribe } = useLive();
  // sla.* and ticket events are pushed live (live-updates subscriber): refresh the targets at once, not at the next minute
  // (a ticket event may arrive before the SLA engine has handled it, so those refresh once more a little later)
  useEffect(() => {
    const timers = new Set<ReturnType<typeof setTimeout>>();
    const refresh = () => void qc.invalidateQueries({ queryKey: slaKeys.ticket(ticketId) });
    const off = subscribe((m) => {
      const r = m.ticket_id === ticketId ? refreshesSlaPanel(m.event) : 'no';
      if (r === 'no') return;
      refresh();
      if (r === 'again') {
        const h = setTimeout(() => { timers.delete(h); refresh(); }, 3000);
        timers.add(h);
      }
    });
    return () => { off(); for (const h of timers) clearTimeout(h); };
  }, [ticketId, subscribe, qc]);
  return (
    <section className="panel sla-panel" aria-labelledby="sla-panel-title">
      <h2 id="sla-panel-title" className="panel-title">SLA</h2>
      {!s ? (
        <p className="muted small">{q.isPending ? 'Loading…' : 'Could not load the SLA.'}</p>
      ) : !s.policy ? (
        <p className="muted small">No SLA policy applies to this ticket.</p>
      ) : (
        <>
          <p className="small">
            <strong>{s.policy.name}</strong> <span className="muted">v{s.policy.version} · {s.calendar?.name} ({s.calendar?.time_zone})</span>
          </p>
          <ul className="sla-targets">
            {s.targets.filter((t) => t.state !== 'stopped').map((t) => (
              <li key={`${t.metric}-${t.cycle}`} className={`sla-target sla-${t.state === 'running' ? (t.remaining_ms < 0 ? 'breached' : 'ok') : t.state}`}>
                <span>{metricLabel(t.metric)}{t.cycle > 1 ? ` #${t.cycle}` : ''}</span>{' '}
                <span className="small">
                  {t.state === 'achieved'
                    ? `achieved ${fullTime(t.achieved_at!)}${t.is_breached ? ' (late)' : ''}`
                    : `${STATE[t.state]} · ${remainingText(t.remaining_ms)}${t.business ? ' (business)' : ''}`}
                </span>
                {t.due_at && t.state !== 'achieved' ? <div className="muted small">due {fullTime(t.due_at)}</div> : null}
              </li>
            ))}
          </ul>
          {s.history.length > 1 && (
            <details className="small">
              <summary>Policy history ({s.history.length})</summary>
              <ol>
                {s.history.map((h) => (
                  <li key={h.applied_at + h.policy_name}>
                    {h.policy_name} — {h.reason.replace('_', ' ')} {fullTime(h.applied_at)}
                  </li>
                ))}
              </ol>
            </details>
          )}
        </>
      )}
    </section>
  );
}
