/** Event names owned by the routing module (part of the closed registry in ../events.ts). */
export const ROUTING_EVENTS = [
  // routing
  'routing.presence_changed',
  'routing.agent_updated',
  'routing.team_settings_updated',
  'routing.ticket_queued',
  'routing.ticket_routed',
  // cross-functional escalation
  'escalation.target_updated',
  'escalation.created',
  'escalation.answered',
  'escalation.resolved',
  'escalation.overdue',
  // problems / incidents and external trackers
  'problem.created',
  'problem.ticket_linked',
  'problem.ticket_unlinked',
  'problem.update_posted',
  'problem.solved',
  'tracker.integration_created',
  'problem.tracker_linked',
  'problem.tracker_updated',
] as const;
