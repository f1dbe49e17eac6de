/** Event names owned by the assistant module (part of the closed registry in ../events.ts). */
export const ASSISTANT_EVENTS = [
  'assistant.examples_imported',
  'assistant.model_training_started',
  'assistant.model_trained',
  'assistant.model_training_failed',
  'assistant.model_activated',
  'assistant.intent_configured',
  'assistant.conversation_started',
  'assistant.answer_confirmed',
  'assistant.sca_requested',
  'assistant.sca_verified',
  'assistant.action_executed',
  'assistant.handed_off',
  'assistant.conversation_rated',
  'assistant.ticket_triaged',
  'assistant.test_run_finished',
] as const;
