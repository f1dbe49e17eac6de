import type { getDashboard } from '../queries/get-dashboard.js';
import { escapeHtml as esc } from '../../../platform/html.js';

type Dashboard = Awaited<ReturnType<typeof getDashboard>>;
const dur = (s: number | null) => (s === null ? '—' : s < 3600 ? `${Math.round(s / 60)} min` : `${(s / 3600).toFixed(1)} h`);
const pc = (x: number | null) => (x === null ? '—' : `${x}%`);

/** The scheduled report mail: the overview KPIs and the channel breakdown, as plain text and simple HTML. */
export function renderReportMail(name: string, d: Dashboard): { subject: string; text: string; html: string } {
  const k = d.kpis;
  const rows: Array<[string, string]> = [
    ['Created', String(k.created)], ['Solved', String(k.solved)], ['Avg first reply', dur(k.avg_first_reply_sec)],
    ['First reply within 1 h', pc(k.first_reply_within_1h_pct)], ['Avg resolution', dur(k.avg_resolution_sec)], ['Reopened', pc(k.reopen_pct)],
    ['SLA attainment', pc(k.sla_attainment_pct)], ['CSAT satisfied', `${pc(k.csat_satisfied_pct)} (${k.csat_responses} answers)`],
  ];
  const period = `${d.range.from.slice(0, 10)} – ${d.range.to.slice(0, 10)} (${d.range.tz})`;
  const text = [`${name}`, period, '', ...rows.map(([a, b]) => `${a.padEnd(24)} ${b}`), '', 'By channel:',
    ...d.by_channel.map((c) => `  ${c.key.padEnd(10)} created ${c.created}, solved ${c.solved}, CSAT ${pc(c.csat_satisfied_pct)}`)].join('\n');
  const html = `<h1 style="font:600 18px sans-serif">${esc(name)}</h1><p style="font:14px sans-serif;color:#555">${esc(period)}</p>
<table style="font:14px sans-serif;border-collapse:collapse">${rows.map(([a, b]) => `<tr><th style="text-align:left;padding:4px 12px 4px 0">${esc(a)}</th><td>${esc(b)}</td></tr>`).join('')}</table>
<h2 style="font:600 15px sans-serif">By channel</h2><table style="font:14px sans-serif;border-collapse:collapse"><tr><th>Channel</th><th>Created</th><th>Solved</th><th>CSAT</th></tr>
${d.by_channel.map((c) => `<tr><td>${esc(c.key)}</td><td>${c.created}</td><td>${c.solved}</td><td>${pc(c.csat_satisfied_pct)}</td></tr>`).join('')}</table>`;
  return { subject: `${name}: ${k.created} created, ${k.solved} solved, CSAT ${pc(k.csat_satisfied_pct)}`, text, html };
}
