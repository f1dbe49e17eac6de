/** Event names owned by the chat module (part of the closed registry in ../events.ts). */
export const CHAT_EVENTS = [
  'chat.settings_updated',
  'chat.identity_secret_rotated',
  'chat.session_started',
  'chat.visitor_identified',
  'chat.offline_email_left',
  'chat.bot_replied',
  'web_form.submitted',
] as const;
