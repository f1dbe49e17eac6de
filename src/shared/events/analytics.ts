/** Event names owned by the analytics module (part of the closed registry in ../events.ts). */
export const ANALYTICS_EVENTS = [
  'csat.settings_updated',
  'csat.survey_scheduled',
  'csat.survey_sent',
  'csat.rated',
  'qa.rubric_created',
  'qa.review_submitted',
  'analytics.rebuilt',
  'analytics.settings_updated',
  'report_schedule.created',
  'report_schedule.deleted',
  'report.sent',
] as const;
