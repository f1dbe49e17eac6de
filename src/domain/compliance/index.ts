import { registerInboundTextFilter } from '../tickets/index.js';
import { redactInboundText } from './privacy/inbound-redaction.js';

// Inbound customer messages are redacted before storage wherever the tickets module is used with this module loaded.
registerInboundTextFilter(redactInboundText);

export { redactInboundText } from './privacy/inbound-redaction.js';
export { getBrandRedactionSettings, setBrandRedactionSettings, clearRedactionSettingsCache, type BrandRedactionSettings } from './privacy/redaction-settings.js';
export { redactMessage, redactAttachment, type RedactMessageInput } from './privacy/redact-message.js';
export { maskPersonalData } from './privacy/masking.js';
export { logPiiAccess, listPiiAccess, type PiiAccessEntry } from './privacy/access-log.js';
export { verifyAuditChain, type ChainReport, type ChainBreak } from './audit/verify-audit-chain.js';
export { exportAuditLog, type AuditExportRow } from './audit/export-audit-log.js';
export { BUILTIN_RULES, CASE_TYPES, CASE_TYPE_RULES, builtinRule, type CaseType } from './regulatory/builtin-rules.js';
export type { RuleDef, Step, ClockDef } from './regulatory/rule-types.js';
export { computeDeadlines, type Deadlines, type DeadlineInput } from './regulatory/compute-deadlines.js';
export { countryCalendar, SUPPORTED_COUNTRIES, COUNTRY_TIME_ZONES, type HolidayOverride } from './regulatory/country-calendars.js';
export { COUNTRY_HOLIDAYS } from './regulatory/country-holidays.js';
export { resolveRule, listRules, publishRule, loadHolidayOverrides, setHolidayOverride, workspaceCalendar } from './regulatory/rule-sets.js';
export type { ComplianceCase } from './cases/case.js';
export { loadCase } from './cases/case.repo.js';
export { openCase, type OpenCaseInput } from './cases/open-case.js';
export { extendCase, recordHoldingReply, pauseCase, resumeCase, respondCase } from './cases/change-case-clock.js';
export { getRegulatoryDeadlines, listCases, warnDueCases, type RegulatoryDeadline, type CaseFilter } from './cases/queries.js';
