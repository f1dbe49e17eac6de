import { newId } from '../../../platform/ids.js';
import { resolveBusinessCalendar } from '../../calendars/index.js';
import { listPolicyRows } from '../policy.repo.js';
import { carryClock, resumeClock, stopClock } from '../sla-clock.js';
import { firstMatchingPolicy, warnMs } from '../sla-policy.js';
import { addEvent, put, startTarget, targetPayload, withClock, type SlaSession } from './session.js';
import { maxCycle } from './target.repo.js';

const DONE = ['solved', 'closed'];

/**
 * (Re-)evaluate which policy applies. Same policy version and calendar → nothing happens (unless `force`,
 * used on reopen so the history shows it). Otherwise
 * the live applied SLA is closed (kept as history) and a new one starts: open clocks of metrics the new
 * policy also has are carried over (start, consumed time, recorded warning/breach) with the new target
 * and calendar; the others stop; metrics new to the ticket start as if the policy had applied from the
 * ticket's creation (first reply, resolution) or from now (periodic update after a reply).
 */
export async function evaluateSla(s: SlaSession, reason: string, opts: { agentReplied: boolean; force?: boolean }): Promise<void> {
  const tx = s.ctx.tx;
  const policies = await listPolicyRows(tx, s.subject.workspace_id, { activeOnly: true });
  const match = firstMatchingPolicy(policies, s.subject);
  if (!match && !s.sla) return;
  const resolved = match ? await resolveBusinessCalendar(tx, s.subject, match.calendar_id) : null;
  const calId = resolved?.stored.id ?? null;
  if (!opts.force && match && s.sla && s.sla.policy_id === match.id && s.sla.policy_version === match.version && s.sla.calendar_id === calId) return;

  const oldCal = s.cal;
  const previous = s.sla;
  const carried = [...s.open];
  if (previous) {
    await tx.query('UPDATE ticket_slas SET replaced_at = $2 WHERE id = $1', [previous.id, s.at]);
  }
  if (!match) {
    for (const r of carried) put(s, withClock(r, stopClock(r, r.business ? oldCal : null, s.at, 'sla_removed')));
    addEvent(s, 'sla.removed', { policy_id: previous!.policy_id, policy_name: previous!.policy_name, reason });
    s.sla = null;
    s.policy = null;
    return;
  }
  const sla = {
    id: newId('sla', s.at), workspace_id: s.subject.workspace_id, ticket_id: s.subject.id, policy_id: match.id, policy_version: match.version,
    policy_name: match.name, calendar_id: calId, reason, applied_at: s.at, replaced_at: null,
  };
  await tx.query(
    `INSERT INTO ticket_slas (id, workspace_id, ticket_id, policy_id, policy_version, policy_name, calendar_id, reason, applied_at)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9)`,
    [sla.id, sla.workspace_id, sla.ticket_id, sla.policy_id, sla.policy_version, sla.policy_name, sla.calendar_id, sla.reason, sla.applied_at],
  );
  s.sla = sla;
  s.policy = match;
  s.cal = resolved?.calendar ?? null;

  const done = DONE.includes(s.subject.status);
  const have = new Set<string>();
  for (const r of carried) {
    const spec = match.targets.find((t) => t.metric === r.metric);
    // the old row is closed as history; the carried clock continues in a new row under the new SLA
    put(s, withClock(r, stopClock(r, r.business ? oldCal : null, s.at, spec ? 'replaced' : 'not_in_policy')));
    if (!spec) continue;
    const clock = carryClock(r, r.business ? oldCal : null, spec.business ? s.cal : null, { business: spec.business, target_ms: spec.minutes * 60_000, warn_ms: warnMs(spec) }, s.at);
    const paused = match.pause_statuses.includes(s.subject.status);
    const row = { ...withClock(r, { ...clock, stopped_at: null, stop_reason: null }), id: newId('slt', s.at), ticket_sla_id: sla.id };
    // the new policy may pause in other statuses than the old one
    if (paused && row.running_since) put(s, { ...row, running_since: null, due_at: null, warn_at: null });
    else if (!paused && !row.running_since) put(s, withClock(row, resumeClock(row, spec.business ? s.cal : null, s.at)));
    else put(s, row);
    have.add(r.metric);
  }
  if (!done) {
    const created = s.subject.created_at;
    if (!have.has('first_reply') && !opts.agentReplied && (await maxCycle(tx, s.subject.id, 'first_reply')) === 0) {
      startTarget(s, 'first_reply', { cycle: 1, from: created });
    }
    if (!have.has('resolution')) {
      const cycle = (await maxCycle(tx, s.subject.id, 'resolution')) + 1;
      startTarget(s, 'resolution', { cycle, ...(cycle === 1 ? { from: created } : {}) });
    }
    if (!have.has('periodic_update') && opts.agentReplied) {
      startTarget(s, 'periodic_update', { cycle: (await maxCycle(tx, s.subject.id, 'periodic_update')) + 1 });
    }
  }
  addEvent(s, 'sla.applied', {
    ticket_sla_id: sla.id, policy_id: match.id, policy_name: match.name, policy_version: match.version, calendar_id: calId, reason,
    previous_policy_id: previous?.policy_id ?? null,
    targets: s.open.map((r) => targetPayload(r)),
  });
}
