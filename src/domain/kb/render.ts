import MarkdownIt from 'markdown-it';
import sanitizeHtml from 'sanitize-html';
import { AppError, invalid } from '../../platform/errors.js';
export { escapeHtml } from '../../platform/html.js';

export const MAX_BODY_CHARS = 200_000;
export const MAX_TITLE_CHARS = 200;

const md = new MarkdownIt({ html: true, linkify: true, typographer: false, breaks: false });

const ALLOWED_TAGS = [
  'h2', 'h3', 'h4', 'h5', 'h6', 'p', 'br', 'hr', 'blockquote', 'pre', 'code', 'kbd', 'em', 'strong', 'b', 'i', 'u', 'del', 's', 'sub', 'sup',
  'ul', 'ol', 'li', 'dl', 'dt', 'dd', 'a', 'img', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'caption', 'figure', 'figcaption',
  'details', 'summary', 'mark', 'span', 'div',
];

/** Markdown's own output and the HTML an author may write; everything else is dropped (with a warning). */
const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: ALLOWED_TAGS,
  allowedAttributes: {
    a: ['href', 'title', 'rel', 'target'],
    img: ['src', 'alt', 'title', 'width', 'height', 'loading', 'decoding'],
    th: ['align', 'scope', 'colspan', 'rowspan'],
    td: ['align', 'colspan', 'rowspan'],
    ol: ['start'],
    code: ['class'],
    '*': ['id'],
  },
  allowedClasses: { code: [/^language-[\w-]+$/] },
  allowedSchemes: ['https', 'http', 'mailto', 'tel'],
  allowedSchemesByTag: { img: ['https'] },
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  // h1 is the page title: authors' h1 become h2 so the outline stays valid (WCAG).
  transformTags: {
    h1: 'h2',
    a: (tagName, attribs) => {
      const external = /^https?:\/\//i.test(attribs.href ?? '');
      return { tagName, attribs: { ...attribs, ...(external ? { rel: 'noopener noreferrer nofollow' } : {}) } };
    },
    img: (tagName, attribs) => ({ tagName, attribs: { ...attribs, alt: attribs.alt ?? '', loading: 'lazy', decoding: 'async' } }),
  },
  exclusiveFilter: (frame) => frame.tag === 'img' && !isAllowedImage(frame.attribs.src ?? ''),
};

/** Images only from the Help Center's own file store or https. */
function isAllowedImage(src: string): boolean {
  return /^\/hc\/files\/[\w-]+\/[^/?#]+$/.test(src) || /^https:\/\//i.test(src);
}

export interface RenderedArticle {
  html: string;
  text: string;
  /** Headings (h2–h4) joined by newlines: weighted above body text in search. */
  headings: string;
  /** What sanitisation removed or changed, for the author. */
  warnings: string[];
}

export function headingId(text: string): string {
  return text.toLowerCase().normalize('NFKD').replace(/[\u0300-\u036f]/g, '').replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-|-$/g, '').slice(0, 60) || 'section';
}

/** Scan the raw HTML for what the sanitiser will drop, so the author hears about it. */
function findProblems(raw: string): string[] {
  const warnings = new Set<string>();
  for (const m of raw.matchAll(/<\s*([a-zA-Z][\w-]*)/g)) {
    const tag = m[1].toLowerCase();
    if (tag !== 'h1' && !ALLOWED_TAGS.includes(tag)) warnings.add(`<${tag}> is not allowed and was removed`);
  }
  if (/\son[a-z]+\s*=/i.test(raw)) warnings.add('event-handler attributes (on…=) were removed');
  if (/<[^>]+\sstyle\s*=/i.test(raw)) warnings.add('inline styles were removed (the Help Center theme styles articles)');
  if (/(javascript|vbscript|data):/i.test(raw.replace(/src="data:image\/[^"]*"/g, ''))) warnings.add('javascript:/data: links were removed');
  for (const m of raw.matchAll(/<img[^>]*\ssrc="([^"]*)"/g)) {
    if (!isAllowedImage(m[1])) warnings.add(`image "${m[1].slice(0, 80)}" was removed (images must be uploaded files or https URLs)`);
  }
  return [...warnings];
}

/** Markdown (with optional inline HTML) → sanitised HTML, plain text, headings; warnings for what was removed. */
export function renderMarkdown(markdown: string): RenderedArticle {
  if (markdown.length > MAX_BODY_CHARS) {
    throw new AppError('KB_BODY_TOO_LARGE', `Article bodies are limited to ${MAX_BODY_CHARS} characters (got ${markdown.length})`, 'too_large');
  }
  if (/\0/.test(markdown)) throw invalid('KB_BODY_INVALID', 'The article body contains NUL characters');
  // data: URIs would inline huge images into the page (≤ 50 KB per article page): upload the file instead.
  if (/!\[[^\]]*\]\(\s*data:/i.test(markdown) || /<img[^>]+src\s*=\s*["']?data:/i.test(markdown)) {
    throw invalid('KB_INLINE_IMAGE', 'Inline data: images are not allowed; upload the image (POST /api/v1/kb/files) and link to it');
  }
  const raw = md.render(markdown);
  const warnings = findProblems(raw);
  let html = sanitizeHtml(raw, OPTIONS);
  const seen = new Map<string, number>();
  const headings: string[] = [];
  html = html.replace(/<(h[2-4])>([\s\S]*?)<\/\1>/g, (_all, tag: string, inner: string) => {
    const text = decodeEntities(inner.replace(/<[^>]+>/g, '')).trim();
    headings.push(text);
    let id = headingId(text);
    const n = seen.get(id) ?? 0;
    seen.set(id, n + 1);
    if (n) id = `${id}-${n + 1}`;
    return `<${tag} id="${id}">${inner}</${tag}>`;
  });
  return { html, text: htmlToPlain(html), headings: headings.join('\n'), warnings };
}

export function decodeEntities(s: string): string {
  return s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;|&#x27;/g, "'").replace(/&nbsp;/g, ' ').replace(/&amp;/g, '&');
}

/** Sanitised HTML → readable plain text (block elements become line breaks). */
export function htmlToPlain(html: string): string {
  const withBreaks = html.replace(/<\/(p|h[1-6]|li|tr|pre|blockquote|dt|dd|div|figcaption)>/g, '$&\n').replace(/<br\s*\/?>/g, '\n');
  return decodeEntities(sanitizeHtml(withBreaks, { allowedTags: [], allowedAttributes: {} }))
    .replace(/[ \t]+/g, ' ')
    .replace(/\n\s*\n+/g, '\n')
    .trim();
}
