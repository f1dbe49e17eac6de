/** Channels: email in and out, threading, failed imports, case identity across channels (merge suggestions, split). */
export { ingestEmail, type IngestDeps, type IngestResult, type Envelope } from './email/ingest-email.js';
export { parseEmail, EmailParseError, EMAIL_LIMITS, type ParsedEmail } from './email/parse-email.js';
export { classifyEmail, type Classification } from './email/classify.js';
export { stripQuotedText, stripQuotedHtml } from './email/strip-quotes.js';
export { scanZip } from './email/zip-scan.js';
export { splitPlus, plusAddress, normaliseAddress } from './email/addresses.js';
export { findMailbox, type EmailRow, type Mailbox } from './email/email.repo.js';
export {
  listImportFailures, getImportFailure, dismissImportFailure, type ImportFailure,
} from './email/import-failures.js';
export { retryImportFailure } from './email/retry-import.js';
export { queueOutbound, deliverOutbound, MAX_SEND_ATTEMPTS, type OutboundDeps } from './email/send-outbound.js';
export { listTemplates, saveTemplate, resolveTemplate, renderTemplate, TEMPLATE_VARIABLES, type EmailTemplate, type SaveTemplateInput } from './email/templates.js';
export {
  listEmailSettings, updateEmailSettings, listTicketEmails, getTicketEmail, requeueEmail, type BrandEmailSettings, type UpdateEmailSettingsInput,
} from './email/settings.js';
export { customerActivity, type ActivityItem } from './case/customer-activity.js';
export { suggestMerges, dismissMergeSuggestion, MERGE_WINDOW_HOURS, MERGE_SIMILARITY, type MergeSuggestion } from './case/merge-suggestions.js';
export { splitMessage, type SplitMessageInput } from './case/split-message.js';
