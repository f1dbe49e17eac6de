import { escapeHtml as esc } from '../../platform/html.js';
/** Server-rendered HTML of the public web form (works without JavaScript; labelled, errors linked to fields). */

export interface FormView {
  brand: { id: string; name: string; slug: string };
  values: Record<string, string>;
  errors: Record<string, string>;
  categories: string[];
  embed: boolean;
  notice?: string;
  maxFileMb: number;
}

const STYLE = `
  :root { color-scheme: light; font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
  body { margin: 0; background: #f6f7f9; color: #1d2330; }
  main { max-width: 40rem; margin: 0 auto; padding: 1.5rem; }
  .embed main { padding: 0.75rem; }
  h1 { font-size: 1.5rem; margin: 0 0 1rem; }
  form { background: #fff; border: 1px solid #d8dce3; border-radius: 8px; padding: 1.25rem; }
  .field { margin-bottom: 1rem; }
  label { display: block; font-weight: 600; margin-bottom: 0.25rem; }
  .hint { color: #4a5260; font-size: 0.875rem; margin: 0 0 0.25rem; }
  input[type=text], input[type=email], select, textarea { width: 100%; box-sizing: border-box; font: inherit; padding: 0.5rem; border: 1px solid #8a93a3; border-radius: 4px; }
  textarea { min-height: 9rem; }
  input:focus, select:focus, textarea:focus, button:focus, a:focus { outline: 3px solid #2b6cde; outline-offset: 1px; }
  [aria-invalid=true] { border-color: #b3261e; border-width: 2px; }
  .error { color: #b3261e; font-weight: 600; margin: 0.25rem 0; }
  .summary { border: 2px solid #b3261e; background: #fff; padding: 0.75rem 1rem; margin-bottom: 1rem; border-radius: 6px; }
  .summary h2 { font-size: 1.1rem; margin: 0 0 0.5rem; }
  .summary li { margin: 0.25rem 0; }
  .summary a { display: inline-block; min-height: 24px; line-height: 24px; color: #b3261e; }
  .notice { border: 2px solid #1f7a3a; background: #fff; padding: 1rem; border-radius: 6px; }
  button { font: inherit; font-weight: 600; background: #2b5fd9; color: #fff; border: 0; border-radius: 4px; padding: 0.6rem 1.2rem; cursor: pointer; }
  .hp { position: absolute; left: -10000px; width: 1px; height: 1px; overflow: hidden; }
  .req { color: #b3261e; }
`;

export function page(title: string, embed: boolean, body: string, lang = 'en'): string {
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">` +
    `<title>${esc(title)}</title><style>${STYLE}</style></head><body class="${embed ? 'embed' : ''}"><main>${body}</main></body></html>`;
}

function field(name: string, label: string, v: FormView, control: (attrs: string) => string, hint?: string): string {
  const err = v.errors[name];
  const ids = [hint ? `${name}-hint` : '', err ? `${name}-error` : ''].filter(Boolean).join(' ');
  const attrs = `id="f-${name}" name="${name}"${err ? ' aria-invalid="true"' : ''}${ids ? ` aria-describedby="${ids}"` : ''}`;
  return `<div class="field"><label for="f-${name}">${esc(label)}</label>` +
    (hint ? `<p class="hint" id="${name}-hint">${esc(hint)}</p>` : '') +
    (err ? `<p class="error" id="${name}-error">${esc(err)}</p>` : '') +
    `${control(attrs)}</div>`;
}

const LABELS: Record<string, string> = { name: 'Your name', email: 'Email address', subject: 'Subject', description: 'How can we help?', category: 'Category', attachments: 'Attachments' };

export function renderForm(v: FormView): string {
  const val = (k: string) => esc(v.values[k]);
  const errs = Object.entries(v.errors);
  const summary = errs.length
    ? `<div class="summary" role="alert" aria-labelledby="summary-title"><h2 id="summary-title">Please check ${errs.length === 1 ? 'one field' : `${errs.length} fields`}</h2><ul>` +
      errs.map(([k, m]) => `<li><a href="#f-${k}">${esc(LABELS[k] ?? k)}: ${esc(m)}</a></li>`).join('') + '</ul></div>'
    : '';
  const notice = v.notice ? `<div class="summary" role="alert"><p>${esc(v.notice)}</p></div>` : '';
  const category = v.categories.length
    ? field('category', LABELS.category, v, (a) => `<select ${a}><option value="">Choose…</option>${v.categories.map((c) => `<option${v.values.category === c ? ' selected' : ''}>${esc(c)}</option>`).join('')}</select>`)
    : '';
  return page(`Contact ${v.brand.name} support`, v.embed, `
<h1>Contact ${esc(v.brand.name)} support</h1>${summary}${notice}
<form method="post" action="/support/new" enctype="multipart/form-data">
  <input type="hidden" name="brand" value="${esc(v.brand.slug)}">
  <input type="hidden" name="q" value="${val('q')}">
  ${v.values.article ? `<input type="hidden" name="article" value="${val('article')}">` : ''}
  ${v.embed ? '<input type="hidden" name="embed" value="1">' : ''}
  <p class="hint">All fields are required except the ones marked optional.</p>
  ${field('name', LABELS.name, v, (a) => `<input type="text" ${a} autocomplete="name" required maxlength="120" value="${val('name')}">`)}
  ${field('email', LABELS.email, v, (a) => `<input type="email" ${a} autocomplete="email" required maxlength="254" value="${val('email')}">`, 'We reply to this address.')}
  ${field('subject', LABELS.subject, v, (a) => `<input type="text" ${a} required maxlength="200" value="${val('subject')}">`)}
  ${category}
  ${field('description', LABELS.description, v, (a) => `<textarea ${a} required maxlength="20000">${val('description')}</textarea>`)}
  ${field('attachments', `${LABELS.attachments} (optional)`, v, (a) => `<input type="file" ${a} multiple>`, `Up to 5 files, ${v.maxFileMb} MB each.`)}
  <div class="hp" aria-hidden="true"><label for="f-website">Leave this field empty</label><input type="text" id="f-website" name="website" tabindex="-1" autocomplete="off"></div>
  <button type="submit">Send request</button>
</form>`);
}

export function renderThanks(brandName: string, number: number | null, embed: boolean): string {
  return page(`Request received — ${brandName}`, embed, `
<h1>Thank you</h1>
<div class="notice" role="status"><p>We received your request${number ? ` <strong>#${number}</strong>` : ''}. ${esc(brandName)} support will reply by email.</p></div>`);
}

export function renderProblem(title: string, detail: string, embed: boolean): string {
  return page(title, embed, `<h1>${esc(title)}</h1><div class="summary" role="alert"><p>${esc(detail)}</p></div>`);
}
