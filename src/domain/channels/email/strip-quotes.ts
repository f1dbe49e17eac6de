/**
 * Strip quoted history and signatures from a reply's text (the original stays in the raw .eml and the
 * sanitised HTML). Forwarded messages ("---------- Forwarded message ----------") are content, not history,
 * and are kept.
 */
const QUOTE_HEADERS = [
  /^\s*On\b.{0,300}\bwrote:\s*$/i, // Gmail, Apple Mail, Thunderbird (en)
  /^\s*Am\b.{0,300}\bschrieb\b.{0,200}:\s*$/i, // de
  /^\s*Le\b.{0,300}\ba écrit\s*:\s*$/i, // fr
  /^\s*El\b.{0,300}\bescribió:\s*$/i, // es
  /^\s*-{2,}\s*Original Message\s*-{2,}\s*$/i, // Outlook
  /^\s*-{2,}\s*Ursprüngliche Nachricht\s*-{2,}\s*$/i,
  /^\s*_{10,}\s*$/, // Outlook web separator line
  /^\s*From:\s.+$/i, // Outlook header block ("From: … Sent: …") — only when followed by Sent:/Date:
];

const SIGNATURE = [/^-- ?$/, /^Sent from my (iPhone|iPad|Android|mobile).*$/i, /^Get Outlook for (iOS|Android).*$/i];

export function stripQuotedText(text: string): { text: string; stripped: boolean } {
  const lines = text.replace(/\r\n/g, '\n').split('\n');
  let cut = lines.length;
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    if (/^\s*-{5,}\s*Forwarded message/i.test(l) || /^\s*Begin forwarded message:/i.test(l)) break;
    // A run of ">" lines to the end (or up to a signature) is a quote.
    if (/^\s*>/.test(l) && lines.slice(i).every((x) => /^\s*(>|$)/.test(x))) {
      cut = i;
      break;
    }
    const isHeader = QUOTE_HEADERS.some((re, k) => re.test(l) && (k !== QUOTE_HEADERS.length - 1 || /^\s*(Sent|Date|Gesendet):/i.test(lines[i + 1] ?? '')));
    // "On … wrote:" may wrap over two lines.
    const wrapped = i + 1 < lines.length && /^\s*On\b/i.test(l) && /\bwrote:\s*$/i.test(lines[i + 1]) && l.length + lines[i + 1].length < 400;
    if (isHeader || wrapped) {
      cut = i;
      break;
    }
  }
  let kept = lines.slice(0, cut);
  const sig = kept.findIndex((l) => SIGNATURE.some((re) => re.test(l)));
  if (sig > 0) kept = kept.slice(0, sig);
  const out = kept.join('\n').replace(/\n{3,}/g, '\n\n').trim();
  // Never strip a reply down to nothing: then the whole text is the message.
  if (!out) return { text: text.trim(), stripped: false };
  return { text: out, stripped: out !== text.trim() };
}

/** Remove the quoted-history blocks mail clients mark in HTML (before sanitising). */
export function stripQuotedHtml(html: string): string {
  return html
    .replace(/<div[^>]*class="?[^">]*gmail_quote[^>]*>[\s\S]*$/i, '')
    .replace(/<blockquote[^>]*type="?cite"?[^>]*>[\s\S]*?<\/blockquote>/gi, '')
    .replace(/<div[^>]*id="?(appendonsend|divRplyFwdMsg)"?[^>]*>[\s\S]*$/i, '')
    .replace(/<div[^>]*class="?moz-cite-prefix[^>]*>[\s\S]*$/i, '');
}
