import type { SurveyView } from '../../domain/analytics/index.js';
import { escapeHtml as esc } from '../../platform/html.js';

const T: Record<string, Record<string, string>> = {
  en: { title: 'Rate our support', ticket: 'Ticket', comment: 'Anything to add? (optional)', reason: 'What went wrong? (optional)', effort: 'How easy was it to get help? (1 very hard – 7 very easy)', send: 'Send rating', thanks: 'Thank you — your rating was saved.', change: 'You can change it for a while using this same link.', closed: 'This rating can no longer be changed.', good: 'Good', bad: 'Bad' },
  es: { title: 'Valora nuestra atención', ticket: 'Ticket', comment: '¿Algo que añadir? (opcional)', reason: '¿Qué salió mal? (opcional)', effort: '¿Qué tan fácil fue obtener ayuda? (1–7)', send: 'Enviar', thanks: 'Gracias, guardamos tu valoración.', change: 'Puedes cambiarla durante un tiempo con este mismo enlace.', closed: 'Esta valoración ya no se puede cambiar.', good: 'Buena', bad: 'Mala' },
};
const REASON_TEXT: Record<string, string> = { slow: 'It took too long', not_solved: 'My problem was not solved', unfriendly: 'The tone was not friendly', policy: 'I disagree with the policy', other: 'Something else' };

/** The public rating page: plain HTML, works without JavaScript, labelled controls (WCAG). */
export function renderCsatPage(v: SurveyView, state: { saved?: boolean; error?: string; preselect?: number }): string {
  const t = T[v.language] ?? T.en;
  const selected = state.preselect ?? v.score ?? null;
  const options = v.scale === 'binary'
    ? [[5, `👍 ${t.good}`], [1, `👎 ${t.bad}`]]
    : [1, 2, 3, 4, 5].map((n) => [n, `${n} ${'★'.repeat(n)}`]);
  const form = v.changeable
    ? `<form method="post" action="">
  <fieldset><legend>${esc(v.question)}</legend>
  ${options.map(([n, label]) => `<label class="opt"><input type="radio" name="score" value="${n}" required${selected === n ? ' checked' : ''}> ${esc(String(label))}</label>`).join('\n  ')}
  </fieldset>
  ${v.ask_reason ? `<label for="reason">${t.reason}</label><select id="reason" name="reason"><option value=""></option>${Object.entries(REASON_TEXT).map(([k, l]) => `<option value="${k}"${v.reason === k ? ' selected' : ''}>${esc(l)}</option>`).join('')}</select>` : ''}
  ${v.ask_effort ? `<label for="effort">${t.effort}</label><input id="effort" name="effort" type="number" min="1" max="7">` : ''}
  <label for="comment">${t.comment}</label><textarea id="comment" name="comment" rows="4" maxlength="2000">${esc(v.comment ?? '')}</textarea>
  <button type="submit">${t.send}</button>
</form>`
    : `<p>${t.closed}</p>`;
  return `<!doctype html><html lang="${esc(v.language)}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="robots" content="noindex"><title>${t.title} — ${esc(v.brand_name)}</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:34rem;margin:2rem auto;padding:0 1rem;color:#1d2330}fieldset{border:1px solid #c9ced6;border-radius:6px;padding:1rem}
.opt{display:block;margin:.35rem 0}label{display:block;margin-top:1rem}select,textarea,input[type=number]{width:100%;font:inherit;padding:.4rem}
button{margin-top:1rem;font:inherit;padding:.5rem 1.2rem;background:#1f5fcc;color:#fff;border:0;border-radius:6px}.ok{background:#e7f6ec;padding:.75rem;border-radius:6px}.err{background:#fde8e7;padding:.75rem;border-radius:6px}</style></head>
<body><main><h1>${t.title}</h1><p>${esc(v.brand_name)} · ${t.ticket} #${v.ticket_number}</p>
${state.saved ? `<p class="ok" role="status">${t.thanks} ${v.changeable ? t.change : ''}</p>` : ''}
${state.error ? `<p class="err" role="alert">${esc(state.error)}</p>` : ''}
${form}</main></body></html>`;
}
