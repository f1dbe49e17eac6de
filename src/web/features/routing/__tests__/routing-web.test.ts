import { describe, expect, it } from 'vitest';
import { priorityHref } from '../priority-link.js';
import { parseFieldLines } from '../escalation-admin.js';

describe('priorityHref', () => {
  it('keeps the filters the priority list understands and only open statuses', () => {
    expect(priorityHref({ assignee_id: 'me', status: 'new,open,pending,on_hold', sort: 'created_at', q: 'x' })).toBe('/priority?status=new%2Copen%2Cpending%2Con_hold&assignee_id=me');
    expect(priorityHref({ status: 'solved' })).toBe('/priority');
    expect(priorityHref({ team_id: 'team_1', tag: 'vip', status: 'open,solved' })).toBe('/priority?status=open&team_id=team_1&tag=vip');
    expect(priorityHref({})).toBe('/priority');
  });
});

describe('parseFieldLines', () => {
  it('turns "key | Label | type | options" lines into field definitions', () => {
    expect(parseFieldLines('steps | Steps to reproduce | text\n\n severity|Severity|select| s1, s2 \nversion')).toEqual([
      { key: 'steps', label: 'Steps to reproduce', type: 'text' },
      { key: 'severity', label: 'Severity', type: 'select', options: ['s1', 's2'] },
      { key: 'version', label: 'version', type: 'text' },
    ]);
    expect(parseFieldLines('n | Amount | money')[0].type).toBe('text');
  });
});
