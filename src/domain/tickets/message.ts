import sanitizeHtml from 'sanitize-html';

export interface Message {
  id: string;
  ticket_id: string;
  author_type: 'customer' | 'user' | 'system';
  author_user_id: string | null;
  author_customer_id: string | null;
  is_public: boolean;
  channel: string;
  body_text: string;
  body_html: string | null;
  created_at: Date;
}

export const MESSAGE_COLUMNS = 'id, ticket_id, author_type, author_user_id, author_customer_id, is_public, channel, body_text, body_html, created_at';

const ALLOWED: sanitizeHtml.IOptions = {
  allowedTags: [
    'p', 'br', 'b', 'strong', 'i', 'em', 'u', 's', 'a', 'ul', 'ol', 'li', 'blockquote', 'code', 'pre', 'h1', 'h2', 'h3',
    'h4', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'hr', 'span', 'div', 'img',
  ],
  allowedAttributes: { a: ['href', 'title', 'rel', 'target'], img: ['src', 'alt', 'width', 'height'], td: ['colspan', 'rowspan'], th: ['colspan', 'rowspan'] },
  allowedSchemes: ['http', 'https', 'mailto', 'tel'],
  allowedSchemesByTag: { img: ['https', 'cid', 'data'] },
  // Every link opens in a new tab without access to its opener (the attributes must be allowed above, or the
  // sanitiser strips what the transform adds).
  transformTags: { a: sanitizeHtml.simpleTransform('a', { rel: 'noopener noreferrer nofollow', target: '_blank' }) },
  disallowedTagsMode: 'discard',
};

/** Sanitise inbound HTML before storage (the web escapes again on render). */
export function sanitizeMessageHtml(html: string): string {
  return sanitizeHtml(html, ALLOWED);
}

/** Plain text from HTML, keeping paragraph breaks. */
export function htmlToText(html: string): string {
  const withBreaks = html.replace(/<\s*(br|\/p|\/div|\/li|\/h\d|\/tr)\s*\/?>/gi, '\n');
  return sanitizeHtml(withBreaks, { allowedTags: [], allowedAttributes: {} })
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&') // last, so "&amp;lt;" decodes once to "&lt;"
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** Normalise the body pair: text is always present; html is sanitised or null. */
export function normaliseBody(body: string | undefined, html: string | undefined): { text: string; html: string | null } {
  const cleanHtml = html ? sanitizeMessageHtml(html) : null;
  // An empty text next to HTML (what editors send) means "derive it from the HTML".
  const given = body?.trim() ? body : undefined;
  const text = (given ?? (cleanHtml ? htmlToText(cleanHtml) : '')).replace(/\r\n/g, '\n').trim();
  return { text, html: cleanHtml };
}
