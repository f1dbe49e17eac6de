import type { HcArticle, HcArticleRef, HcBrand, HcCategory, KbPassage } from '../../domain/kb/index.js';
import { escapeHtml as esc, localeName } from '../../domain/kb/index.js';
import { hcText } from './kb-hc-i18n.js';

/** Server-rendered Help Center pages: plain HTML + one small CSS file; JavaScript only adds instant search. */
export interface PageCtx {
  hc: HcBrand;
  locale: string;
  origin: string;
  /** Path of this page in each locale (locale switcher + hreflang); absent locales are not offered. */
  alternates: Record<string, string>;
  canonicalPath: string;
}

const base = (hc: HcBrand, locale: string) => `/hc/${hc.slug}/${locale}`;

function layout(p: PageCtx, opts: { title: string; description: string; body: string; jsonLd?: object[]; noindex?: boolean; q?: string; lang?: string }): string {
  const t = hcText(p.locale);
  const s = p.hc.settings;
  const hcTitle = s.title || `${p.hc.name} ${t.helpCenter}`;
  const alts = Object.entries(p.alternates);
  const hreflang = alts.map(([l, path]) => `<link rel="alternate" hreflang="${esc(l)}" href="${esc(p.origin + path)}">`).join('')
    + (p.alternates[s.default_locale] ? `<link rel="alternate" hreflang="x-default" href="${esc(p.origin + p.alternates[s.default_locale])}">` : '');
  const switcher = alts.length > 1
    ? `<nav class="hc-locales" aria-label="${esc(t.language)}"><ul>${alts.map(([l, path]) => `<li><a href="${esc(path)}" hreflang="${esc(l)}" lang="${esc(l)}"${l === p.locale ? ' aria-current="true"' : ''}>${esc(localeName(l))}</a></li>`).join('')}</ul></nav>`
    : '';
  const logo = s.logo_file_id ? `<img src="/hc/files/${esc(s.logo_file_id)}/logo" alt="" width="32" height="32">` : '';
  const ld = (opts.jsonLd ?? []).map((o) => `<script type="application/ld+json">${JSON.stringify(o).replace(/</g, '\\u003c')}</script>`).join('');
  return `<!doctype html>
<html lang="${esc(opts.lang ?? p.locale)}" dir="ltr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(opts.title === hcTitle ? hcTitle : `${opts.title} – ${hcTitle}`)}</title>
<meta name="description" content="${esc(opts.description.slice(0, 160))}">
${opts.noindex ? '<meta name="robots" content="noindex">' : ''}<link rel="canonical" href="${esc(p.origin + p.canonicalPath)}">${hreflang}
<meta property="og:title" content="${esc(opts.title)}"><meta property="og:description" content="${esc(opts.description.slice(0, 200))}"><meta property="og:type" content="website">
<link rel="icon" href="${s.logo_file_id ? `/hc/files/${esc(s.logo_file_id)}/logo` : 'data:,'}"><link rel="stylesheet" href="/hc/assets/hc.css"><style>:root{--brand:${esc(s.primary_color)};--accent:${esc(s.accent_color)}}</style>
<script src="/hc/assets/hc.js" defer></script>${ld}</head>
<body><a class="hc-skip" href="#main">${esc(t.skip)}</a>
<header class="hc-header"><div class="hc-wrap hc-bar"><a class="hc-home" href="${base(p.hc, p.locale)}">${logo}<span>${esc(hcTitle)}</span></a>${switcher}</div>
<div class="hc-wrap">${searchForm(p, opts.q ?? '')}</div></header>
<main id="main" class="hc-wrap" tabindex="-1">${opts.body}</main>
<footer class="hc-footer"><div class="hc-wrap"><p>${esc(t.stillNeedHelp)} <a href="${contactHref(p, null, opts.q ?? null)}">${esc(t.contactUs)}</a></p>
<p class="hc-muted">© ${esc(p.hc.name)}</p></div></footer></body></html>`;
}

export function contactHref(p: PageCtx, articleId: string | null, q: string | null): string {
  const qs = new URLSearchParams();
  if (articleId) qs.set('article', articleId);
  if (q) qs.set('q', q);
  const s = qs.toString();
  return esc(`${base(p.hc, p.locale)}/contact${s ? `?${s}` : ''}`);
}

function searchForm(p: PageCtx, q: string): string {
  const t = hcText(p.locale);
  return `<form class="hc-search" role="search" method="get" action="${base(p.hc, p.locale)}/search" data-instant="${base(p.hc, p.locale)}/search.json">
<label for="hc-q">${esc(t.searchLabel)}</label><div class="hc-search-row"><input id="hc-q" name="q" type="search" value="${esc(q)}" autocomplete="off" maxlength="200" aria-describedby="hc-q-hint" aria-controls="hc-instant">
<button type="submit">${esc(t.search)}</button></div><p id="hc-q-hint" class="hc-muted">${esc(t.searchHint)}</p>
<div id="hc-instant" class="hc-instant" role="region" aria-live="polite" aria-label="${esc(t.instantResults)}"></div></form>`;
}

const articleLink = (p: PageCtx, a: HcArticleRef) =>
  `<a href="${base(p.hc, p.locale)}/articles/${esc(a.slug)}"${a.locale !== p.locale ? ` hreflang="${esc(a.locale)}"` : ''}>${esc(a.title)}</a>${a.locale !== p.locale ? ` <span class="hc-muted">(${esc(localeName(a.locale))})</span>` : ''}`;

function breadcrumbs(p: PageCtx, items: Array<{ label: string; href?: string }>): { html: string; ld: object } {
  const t = hcText(p.locale);
  const all = [{ label: t.home, href: base(p.hc, p.locale) }, ...items];
  const html = `<nav class="hc-crumbs" aria-label="${esc(t.breadcrumb)}"><ol>${all.map((i, n) => n === all.length - 1 && !i.href
    ? `<li><span aria-current="page">${esc(i.label)}</span></li>` : `<li><a href="${esc(i.href ?? '')}">${esc(i.label)}</a></li>`).join('')}</ol></nav>`;
  const ld = { '@context': 'https://schema.org', '@type': 'BreadcrumbList', itemListElement: all.map((i, n) => ({ '@type': 'ListItem', position: n + 1, name: i.label, ...(i.href ? { item: p.origin + i.href } : {}) })) };
  return { html, ld };
}

export function renderHome(p: PageCtx, tree: HcCategory[], promoted: HcArticleRef[]): string {
  const t = hcText(p.locale);
  const s = p.hc.settings;
  const cats = tree.map((c) => `<li class="hc-card"><h3><a href="${base(p.hc, p.locale)}/categories/${esc(c.slug)}">${esc(c.title)}</a></h3>
${c.description ? `<p>${esc(c.description)}</p>` : ''}<ul>${c.sections.flatMap((sec) => sec.articles).slice(0, 4).map((a) => `<li>${articleLink(p, a)}</li>`).join('')}</ul></li>`).join('');
  const body = `<h1>${esc(s.title || `${p.hc.name} ${t.helpCenter}`)}</h1>${s.tagline ? `<p class="hc-lead">${esc(s.tagline)}</p>` : ''}
${promoted.length ? `<section aria-labelledby="hc-promoted"><h2 id="hc-promoted">${esc(t.popular)}</h2><ul class="hc-list">${promoted.map((a) => `<li>${articleLink(p, a)}</li>`).join('')}</ul></section>` : ''}
<section aria-labelledby="hc-cats"><h2 id="hc-cats">${esc(t.browse)}</h2><ul class="hc-grid">${cats}</ul></section>`;
  const ld = { '@context': 'https://schema.org', '@type': 'WebSite', name: s.title || p.hc.name, url: p.origin + base(p.hc, p.locale),
    potentialAction: { '@type': 'SearchAction', target: `${p.origin}${base(p.hc, p.locale)}/search?q={query}`, 'query-input': 'required name=query' } };
  return layout(p, { title: s.title || `${p.hc.name} ${t.helpCenter}`, description: s.tagline || `${p.hc.name} ${t.helpCenter}`, body, jsonLd: [ld] });
}

export function renderCategory(p: PageCtx, c: HcCategory): string {
  const crumbs = breadcrumbs(p, [{ label: c.title }]);
  const body = `${crumbs.html}<h1>${esc(c.title)}</h1>${c.description ? `<p class="hc-lead">${esc(c.description)}</p>` : ''}
${c.sections.map((s) => `<section aria-labelledby="sec-${esc(s.slug)}"><h2 id="sec-${esc(s.slug)}">${esc(s.title)}</h2><ul class="hc-list">${s.articles.map((a) => `<li>${articleLink(p, a)}</li>`).join('')}</ul></section>`).join('')}`;
  return layout(p, { title: c.title, description: c.description || c.title, body, jsonLd: [crumbs.ld] });
}

export function renderArticle(p: PageCtx, a: HcArticle, related: HcArticleRef[], voted: string | null): string {
  const t = hcText(p.locale);
  const here = `${base(p.hc, p.locale)}/articles/${esc(a.slug)}`;
  const crumbs = breadcrumbs(p, [
    ...(a.category ? [{ label: a.category.title, href: `${base(p.hc, p.locale)}/categories/${a.category.slug}` }] : []),
    ...(a.section && a.category ? [{ label: a.section.title, href: `${base(p.hc, p.locale)}/categories/${a.category.slug}#sec-${a.section.slug}` }] : []),
    { label: a.title },
  ]);
  const updated = new Date(a.updated_at);
  const feedback = voted
    ? `<p role="status">${esc(t.thanks)}</p><form method="post" action="${here}/vote"><input type="hidden" name="helpful" value="${voted === 'yes' ? 'yes' : 'no'}">
<label for="hc-comment">${esc(voted === 'yes' ? t.commentYes : t.commentNo)}</label><textarea id="hc-comment" name="comment" rows="3" maxlength="2000"></textarea>
<button type="submit">${esc(t.sendComment)}</button></form>`
    : `<form method="post" action="${here}/vote" class="hc-vote"><fieldset><legend>${esc(t.wasHelpful)}</legend>
<button type="submit" name="helpful" value="yes">${esc(t.yes)}</button> <button type="submit" name="helpful" value="no">${esc(t.no)}</button></fieldset></form>`;
  const body = `${crumbs.html}<article class="hc-article"${a.isFallback ? ` lang="${esc(a.locale)}"` : ''}><h1>${esc(a.title)}</h1>
<p class="hc-muted">${esc(t.updated)} <time datetime="${updated.toISOString()}">${updated.toISOString().slice(0, 10)}</time></p>
${a.isFallback ? `<p class="hc-note" lang="${esc(p.locale)}">${esc(t.notTranslated)}</p>` : ''}
<div class="hc-body">${a.body_html}</div></article>
<section class="hc-feedback" id="feedback" aria-labelledby="hc-fb">${`<h2 id="hc-fb" class="hc-visually-hidden">${esc(t.feedback)}</h2>`}${feedback}</section>
${related.length ? `<aside aria-labelledby="hc-related"><h2 id="hc-related">${esc(t.related)}</h2><ul class="hc-list">${related.map((r) => `<li>${articleLink(p, r)}</li>`).join('')}</ul></aside>` : ''}
<p class="hc-contact">${esc(t.stillNeedHelp)} <a href="${contactHref(p, a.id, null)}">${esc(t.contactUs)}</a></p>`;
  const ld = { '@context': 'https://schema.org', '@type': 'Article', headline: a.title, description: a.description || a.body_text.slice(0, 160),
    inLanguage: a.locale, datePublished: new Date(a.published_at).toISOString(), dateModified: updated.toISOString(), mainEntityOfPage: p.origin + p.canonicalPath,
    publisher: { '@type': 'Organization', name: p.hc.name } };
  return layout(p, { title: a.title, description: a.description || a.body_text.replace(/\s+/g, ' ').slice(0, 160), body, jsonLd: [ld, crumbs.ld] });
}

export function renderSearch(p: PageCtx, q: string, r: { hits: KbPassage[]; didYouMean: string | null }, facets: { categories: Array<{ slug: string; title: string }>; category: string | null }): string {
  const t = hcText(p.locale);
  const searchUrl = (qq: string, cat: string | null) => `${base(p.hc, p.locale)}/search?${new URLSearchParams({ q: qq, ...(cat ? { category: cat } : {}) }).toString()}`;
  const facetHtml = facets.categories.length
    ? `<nav aria-label="${esc(t.filterByCategory)}" class="hc-facets"><ul><li><a href="${esc(searchUrl(q, null))}"${!facets.category ? ' aria-current="true"' : ''}>${esc(t.allCategories)}</a></li>${facets.categories.map((c) => `<li><a href="${esc(searchUrl(q, c.slug))}"${facets.category === c.slug ? ' aria-current="true"' : ''}>${esc(c.title)}</a></li>`).join('')}</ul></nav>`
    : '';
  const list = r.hits.length
    ? `<ol class="hc-results">${r.hits.map((h) => `<li><h2><a href="${base(p.hc, p.locale)}/articles/${esc(h.slug)}">${esc(h.title)}</a></h2><p>${h.snippet}</p></li>`).join('')}</ol>`
    : `<p>${esc(t.noResults)}</p><p><a href="${contactHref(p, null, q)}">${esc(t.contactUs)}</a></p>`;
  const dym = r.didYouMean ? `<p>${esc(t.showingFor)} <strong>${esc(r.didYouMean)}</strong></p>` : '';
  const title = q ? `${t.resultsFor} “${q}”` : t.search;
  const body = `<h1>${esc(title)}</h1><p role="status">${esc(t.resultCount(r.hits.length))}</p>${dym}${facetHtml}${list}`;
  return layout(p, { title, description: title, body, noindex: true, q });
}

export function renderNotFound(p: PageCtx): string {
  const t = hcText(p.locale);
  return layout(p, { title: t.notFound, description: t.notFound, body: `<h1>${esc(t.notFound)}</h1><p><a href="${base(p.hc, p.locale)}">${esc(t.home)}</a></p>`, noindex: true });
}

export function renderSitemap(origin: string, hc: HcBrand, entries: Array<{ updated_at: Date; slugs: Record<string, string> }>, categories: string[]): string {
  const url = (l: string, path: string) => `${origin}/hc/${hc.slug}/${l}${path}`;
  const alt = (m: Record<string, string>, path: (s: string) => string) => Object.entries(m).map(([l, s]) => `<xhtml:link rel="alternate" hreflang="${esc(l)}" href="${esc(url(l, path(s)))}"/>`).join('');
  const rows: string[] = [];
  for (const l of hc.settings.locales) rows.push(`<url><loc>${esc(url(l, ''))}</loc></url>`);
  for (const c of categories) for (const l of hc.settings.locales) rows.push(`<url><loc>${esc(url(l, `/categories/${c}`))}</loc></url>`);
  for (const e of entries) {
    for (const [l, s] of Object.entries(e.slugs)) {
      rows.push(`<url><loc>${esc(url(l, `/articles/${s}`))}</loc><lastmod>${new Date(e.updated_at).toISOString().slice(0, 10)}</lastmod>${alt(e.slugs, (x) => `/articles/${x}`)}</url>`);
    }
  }
  return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">${rows.join('\n')}</urlset>\n`;
}
