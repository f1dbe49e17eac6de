/** Event names owned by the sops module (part of the closed registry in ../events.ts). */
export const SOPS_EVENTS = [
  'sop.created',
  'sop.updated',
  // versions and their lifecycle (payload: from, to, reason; actor = who)
  'sop_version.created',
  'sop_version.edited',
  'sop_version.submitted',
  'sop_version.commented',
  'sop_version.approved',
  'sop_version.changes_requested',
  'sop_version.tested',
  'sop_version.launched',
  'sop_version.rollout_updated',
  'sop_version.promoted',
  'sop_version.rolled_back',
  'sop_version.retired',
  'sop_http_action.saved',
  // runs on tickets (adherence, trace)
  'sop_run.started',
  'sop_run.step_completed',
  'sop_run.step_skipped',
  'sop_run.step_failed',
  'sop_run.step_retried',
  'sop_run.overridden',
  'sop_run.handed_off',
  'sop_run.completed',
] as const;
