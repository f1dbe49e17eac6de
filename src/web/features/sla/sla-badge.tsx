import type { SlaBadge as Badge } from './api.js';
import { metricLabel, remainingText } from './api.js';

const STATE_LABEL = { ok: 'on track', warning: 'due soon', breached: 'breached', paused: 'paused' } as const;

/** The SLA chip of a ticket: next target and the (business) time left; colour by state. */
export function SlaBadge({ badge, compact }: { badge: Badge | null | undefined; compact?: boolean }) {
  if (!badge) return null;
  const time = badge.state === 'paused' ? `paused, ${remainingText(badge.remaining_ms)}` : remainingText(badge.remaining_ms);
  const title = `${metricLabel(badge.metric)}: ${STATE_LABEL[badge.state]} — ${time}${badge.business ? ' (business time)' : ''}${badge.due_at ? `, due ${new Date(badge.due_at).toLocaleString()}` : ''}`;
  return (
    <span className={`sla-badge sla-${badge.state}`} title={title} aria-label={`SLA ${title}`}>
      {compact ? time : `${metricLabel(badge.metric)} · ${time}`}
    </span>
  );
}
