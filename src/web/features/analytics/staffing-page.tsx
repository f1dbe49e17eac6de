import { useMutation, useQuery } from '@tanstack/react-query';
import { useMemo, useState, type FormEvent } from 'react';
import { api, errorText, qs } from '../../api-client/client.js';
import { ErrorBox, Loading } from '../../ui/feedback.js';
import { duration, isoDay } from './api.js';
import { LineChart } from './chart.js';
import { ReportsNav } from './reports-nav.js';

interface ForecastResult {
  method: string;
  backtest: { mae: number; smape: number; baselineMae: number; baselineSmape: number };
  model: string;
  forecast: Array<{ hour: string; contacts: number; agents: number; scheduled: number; service_level: number }>;
}
interface Interval { mean: number; low: number; high: number }
interface WhatIf { period: { arrivals: number; hours: number }; predicted: { service_level: Interval; avg_wait_sec: Interval; p90_wait_sec: Interval; max_backlog: Interval; abandon_rate: Interval }; actual: { service_level: number | null; median_first_reply_sec: number | null } }

const num = (s: string) => Number(s);
const ci = (i: Interval, f: (x: number) => string) => `${f(i.mean)} (95% ${f(i.low)}–${f(i.high)})`;
const p = (x: number) => `${Math.round(x * 1000) / 10}%`;

export function StaffingPage() {
  const [channel, setChannel] = useState('email');
  const [aht, setAht] = useState('420');
  const [target, setTarget] = useState(String(4 * 3600));
  const [sl, setSl] = useState('0.8');
  const [shrink, setShrink] = useState('0.3');
  const params = { channel, aht_sec: aht, target_sec: target, service_level: sl, shrinkage: shrink, weeks: '8', ...(channel === 'chat' ? { patience_sec: '120' } : {}) };
  const fc = useQuery({ queryKey: ['analytics', 'forecast', params], queryFn: ({ signal }) => api.get<ForecastResult>(`/api/v1/analytics/forecast${qs(params)}`, signal), retry: false });
  const chart = useMemo(() => {
    const rows = fc.data?.forecast ?? [];
    return { labels: rows.map((r) => r.hour.slice(0, 13).replace('T', ' ')), series: [
      { label: 'Forecast contacts / h', values: rows.map((r) => r.contacts), color: '#1f6feb' },
      { label: 'Agents needed', values: rows.map((r) => r.agents), color: '#c62828' },
    ] };
  }, [fc.data]);
  const [agents, setAgents] = useState('6');
  const [containment, setContainment] = useState('0');
  const [ahtFactor, setAhtFactor] = useState('1');
  const whatIf = useMutation({
    mutationFn: () => api.post<WhatIf>('/api/v1/analytics/what-if', {
      from: isoDay(new Date(Date.now() - 28 * 86_400_000)), to: isoDay(new Date(Date.now() - 86_400_000)), channel, agents: Math.round(num(agents)),
      aht_sec: num(aht), target_sec: num(target), containment: num(containment), aht_factor: num(ahtFactor), runs: 20, ...(channel === 'chat' ? { patience_sec: 120 } : {}),
    }),
  });
  const run = (e: FormEvent) => { e.preventDefault(); whatIf.mutate(); };
  return (
    <div className="with-sidebar reports">
      <ReportsNav />
      <section className="main-pane" aria-labelledby="staffing-title">
        <header className="pane-head"><h1 id="staffing-title">Forecast &amp; staffing</h1></header>
        <form className="report-filters" onSubmit={(e) => e.preventDefault()} aria-label="Staffing inputs">
          <label className="inline-field"><span>Channel</span><select value={channel} onChange={(e) => { setChannel(e.target.value); setTarget(e.target.value === 'chat' ? '20' : String(4 * 3600)); }}>
            {['email', 'chat', 'web', 'api'].map((c) => <option key={c} value={c}>{c}</option>)}</select></label>
          <label className="inline-field"><span>AHT (s)</span><input inputMode="numeric" size={6} value={aht} onChange={(e) => setAht(e.target.value)} /></label>
          <label className="inline-field"><span>Answer within (s)</span><input inputMode="numeric" size={7} value={target} onChange={(e) => setTarget(e.target.value)} /></label>
          <label className="inline-field"><span>Service level</span><input inputMode="decimal" size={4} value={sl} onChange={(e) => setSl(e.target.value)} /></label>
          <label className="inline-field"><span>Shrinkage</span><input inputMode="decimal" size={4} value={shrink} onChange={(e) => setShrink(e.target.value)} /></label>
        </form>
        {fc.isPending ? <Loading label="Fitting the forecast…" /> : fc.error ? <ErrorBox error={fc.error} /> : fc.data && (
          <>
            <p className="small muted">{fc.data.method}. Backtest on the last week: MAE {fc.data.backtest.mae.toFixed(2)} contacts/h (sMAPE {fc.data.backtest.smape.toFixed(1)}%) vs seasonal-naive MAE {fc.data.backtest.baselineMae.toFixed(2)} ({fc.data.backtest.baselineSmape.toFixed(1)}%). Staffing by {fc.data.model === 'erlang_a' ? 'Erlang A (with abandonment)' : 'Erlang C'}.</p>
            <LineChart title="Next 7 days: forecast volume and agents needed per hour" labels={chart.labels} series={chart.series} height={260} />
            <p className="small">Peak: {Math.max(...fc.data.forecast.map((r) => r.agents))} agents on shift ({Math.max(...fc.data.forecast.map((r) => r.scheduled))} scheduled with shrinkage).</p>
          </>
        )}
        <section aria-labelledby="whatif-title">
          <h2 id="whatif-title">What if… (replays the last 4 weeks of {channel} arrivals)</h2>
          <form className="report-filters" onSubmit={run}>
            <label className="inline-field"><span>Agents on shift</span><input inputMode="numeric" size={4} value={agents} onChange={(e) => setAgents(e.target.value)} /></label>
            <label className="inline-field"><span>Self-service containment</span><input inputMode="decimal" size={4} value={containment} onChange={(e) => setContainment(e.target.value)} /></label>
            <label className="inline-field"><span>AHT factor</span><input inputMode="decimal" size={4} value={ahtFactor} onChange={(e) => setAhtFactor(e.target.value)} /></label>
            <button type="submit" className="btn btn-primary btn-small" disabled={whatIf.isPending}>{whatIf.isPending ? 'Simulating…' : 'Simulate'}</button>
          </form>
          {whatIf.error ? <p className="alert alert-error" role="alert">{errorText(whatIf.error)}</p> : null}
          {whatIf.data && (
            <dl className="facts" data-testid="whatif-result">
              <dt>Arrivals replayed</dt><dd>{whatIf.data.period.arrivals} over {whatIf.data.period.hours} h</dd>
              <dt>Predicted answered within target</dt><dd>{ci(whatIf.data.predicted.service_level, p)}</dd>
              <dt>Actually first-replied within target</dt><dd>{whatIf.data.actual.service_level === null ? '—' : p(whatIf.data.actual.service_level)}</dd>
              <dt>Predicted average wait</dt><dd>{ci(whatIf.data.predicted.avg_wait_sec, duration)}</dd>
              <dt>Actual median first reply</dt><dd>{duration(whatIf.data.actual.median_first_reply_sec)}</dd>
              <dt>Predicted peak backlog</dt><dd>{ci(whatIf.data.predicted.max_backlog, (x) => String(Math.round(x)))}</dd>
            </dl>
          )}
        </section>
      </section>
    </div>
  );
}
