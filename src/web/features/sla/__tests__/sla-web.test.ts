import { describe, expect, it } from 'vitest';
import { refreshesSlaPanel, remainingText, shortDuration } from '../api.js';

describe('SLA panel live refresh', () => {
  it('refreshes on the SLA events at once, on the ticket changes the engine reacts to now and again, not on others', () => {
    expect(refreshesSlaPanel('sla.breached')).toBe('now');
    expect(refreshesSlaPanel('sla.applied')).toBe('now');
    expect(refreshesSlaPanel('ticket.status_changed')).toBe('again');
    expect(refreshesSlaPanel('message.added')).toBe('again');
    expect(refreshesSlaPanel('csat.rated')).toBe('no');
    expect(refreshesSlaPanel('ticket.shared')).toBe('no');
  });
});

describe('badge text', () => {
  it('shows time left or overdue, in minutes, hours and days', () => {
    expect(remainingText(45 * 60_000)).toBe('45m left');
    expect(remainingText(-(2 * 60 + 30) * 60_000)).toBe('overdue 2h 30m');
    expect(shortDuration((3 * 24 + 4) * 3_600_000)).toBe('3d 4h');
  });
});
