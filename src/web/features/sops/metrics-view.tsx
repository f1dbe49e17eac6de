import { useMetrics, type Metric } from './api.js';

const LABEL: Record<string, string> = {
  adherence: 'Adherence', first_reply_time: 'First reply (min)', handle_time: 'Handle time (min)', resolution_time: 'Resolution (min)',
  reopen_rate: 'Reopen rate', escalation_rate: 'Escalation rate', sla_attainment: 'SLA attainment', csat: 'CSAT (4–5 of 5)',
};

function show(m: Metric): string {
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  if (m.kind === 'rate') return m.value === null || m.value === undefined ? '—' : `${pct(m.value)}${m.ci95 ? ` [${pct(m.ci95.low)}–${pct(m.ci95.high)}]` : ''}`;
  return m.mean === null || m.mean === undefined ? '—' : `${m.mean.toFixed(1)}${m.ci95 ? ` [${m.ci95.low.toFixed(1)}–${m.ci95.high.toFixed(1)}]` : ''}`;
}

/** Per version / A/B arm: the metrics with 95% intervals, the tests (named) and the recommendation. */
export function MetricsView({ sopId }: { sopId: string }) {
  const m = useMetrics(sopId);
  if (!m.data || !m.data.groups.length) return null;
  const metrics = Object.keys(m.data.groups[0].metrics);
  return (
    <section className="panel sop-metrics" data-testid="sop-metrics">
      <h2 className="panel-title">Results</h2>
      {m.data.ab && <p className="alert sop-recommendation">{m.data.ab.recommendation}</p>}
      <table className="admin-table">
        <thead>
          <tr><th>Metric</th>{m.data.groups.map((g) => <th key={`${g.version}${g.arm}`}>v{g.version}{g.arm ? ` (arm ${g.arm})` : ''} · {g.tickets} tickets</th>)}{m.data.ab && <th>B − A (test, p)</th>}</tr>
        </thead>
        <tbody>
          {metrics.map((k) => {
            const c = m.data.ab?.comparisons.find((x) => x.metric === k);
            return (
              <tr key={k}>
                <td>{LABEL[k] ?? k}</td>
                {m.data.groups.map((g) => <td key={`${g.version}${g.arm}`}>{show(g.metrics[k])}</td>)}
                {m.data.ab && <td>{c?.result ? `${c.result.difference.toFixed(3)} (${c.result.test}, p=${c.result.p_value < 0.001 ? '<0.001' : c.result.p_value.toFixed(3)})${c.better ? ` — ${c.better} better` : ''}` : '—'}</td>}
              </tr>
            );
          })}
        </tbody>
      </table>
      <p className="muted small">
        {Object.keys(m.data.unavailable).length > 0 && `Not measured: ${Object.entries(m.data.unavailable).map(([k, why]) => `${k.replace('_', ' ')} (${why})`).join(', ')}. `}
        95% intervals (Wilson for rates, t for mean times). B − A: two-proportion z-test for rates, Welch&apos;s t-test for times; two-sided, α = 0.05.
      </p>
    </section>
  );
}
