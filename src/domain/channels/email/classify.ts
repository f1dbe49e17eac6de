/** Automatic mail we must never answer: auto-replies, bounces / DSNs, mailing-list traffic. */
export type Classification = 'normal' | 'auto_reply' | 'bounce' | 'list';

export interface HeaderView {
  get(name: string): string | undefined;
}

/**
 * RFC 3834 (Auto-Submitted), RFC 3464 (multipart/report; report-type=delivery-status), the de-facto
 * Precedence / X-Autoreply / X-Autorespond / X-Auto-Response-Suppress headers, List-Id / List-Unsubscribe,
 * and the classic MAILER-DAEMON sender.
 */
export function classifyEmail(h: HeaderView, from: string | null, envelopeFrom: string | null): { classification: Classification; why: string } {
  const ct = (h.get('content-type') ?? '').toLowerCase();
  const sender = (from ?? '').toLowerCase();
  if (ct.includes('multipart/report') && /report-type="?(delivery-status|disposition-notification)/.test(ct)) {
    return { classification: 'bounce', why: 'multipart/report delivery status notification' };
  }
  if (/^(mailer-daemon|postmaster)@/.test(sender)) return { classification: 'bounce', why: `sent by ${sender}` };
  if (envelopeFrom === '' || envelopeFrom === '<>') return { classification: 'bounce', why: 'null envelope sender (MAIL FROM:<>)' };
  const auto = (h.get('auto-submitted') ?? '').toLowerCase().trim();
  if (auto && auto !== 'no') return { classification: 'auto_reply', why: `Auto-Submitted: ${auto}` };
  if (h.get('x-autoreply') || h.get('x-autorespond') || h.get('x-autoresponder')) return { classification: 'auto_reply', why: 'X-Autoreply/X-Autorespond header' };
  const suppress = (h.get('x-auto-response-suppress') ?? '').toLowerCase();
  if (/\b(all|oof|autoreply)\b/.test(suppress) && (h.get('x-ms-exchange-generated-message-source') || /auto/.test(h.get('subject') ?? ''))) {
    return { classification: 'auto_reply', why: 'Exchange auto-generated message' };
  }
  const precedence = (h.get('precedence') ?? '').toLowerCase().trim();
  if (precedence === 'auto_reply') return { classification: 'auto_reply', why: 'Precedence: auto_reply' };
  if (precedence === 'bulk' || precedence === 'list' || precedence === 'junk') return { classification: 'list', why: `Precedence: ${precedence}` };
  if (h.get('list-id') || h.get('list-unsubscribe')) return { classification: 'list', why: 'List-Id/List-Unsubscribe header' };
  return { classification: 'normal', why: '' };
}
