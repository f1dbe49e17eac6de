/** Event names owned by the channels module (part of the closed registry in ../events.ts). */
export const CHANNELS_EVENTS = [
  'email.received',
  'email.duplicate_ignored',
  'email.import_failed',
  'email.import_retried',
  'email.import_dismissed',
  'email.sent',
  'email.send_failed',
  'email.settings_updated',
  'email.template_saved',
  'ticket.split',
  'merge_suggestion.dismissed',
] as const;
