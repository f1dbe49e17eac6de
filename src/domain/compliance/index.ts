import { registerInboundTextFilter } from '../tickets/index.js';
import { redactInboundText } from './privacy/inbound-redaction.js';
import { setRegionResolver } from '../../platform/storage/placement.js';
import { declaredRegionOf } from './gdpr/residency.js';

// Inbound customer messages are redacted before storage wherever the tickets module is used with this module loaded.
registerInboundTextFilter(redactInboundText);
// Attachment blobs of a workspace/brand with a declared region are stored under that region's path.
setRegionResolver((s) => declaredRegionOf(s.q, s.workspaceId, s.brandId));

export { redactInboundText } from './privacy/inbound-redaction.js';
export { getBrandRedactionSettings, setBrandRedactionSettings, clearRedactionSettingsCache, type BrandRedactionSettings } from './privacy/redaction-settings.js';
export { redactMessage, redactAttachment, type RedactMessageInput } from './privacy/redact-message.js';
export { maskPersonalData } from './privacy/masking.js';
export { logPiiAccess, listPiiAccess, type PiiAccessEntry } from './privacy/access-log.js';
export { verifyAuditChain, type ChainReport, type ChainBreak } from './audit/verify-audit-chain.js';
export { exportAuditLog, type AuditExportRow } from './audit/export-audit-log.js';
export { sealAuditChain } from './audit/seal-audit-chain.js';
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
export { getRegulatoryDeadlines, listCases, warnDueCases, caseTimeline, type RegulatoryDeadline, type CaseFilter } from './cases/queries.js';
export { submitRequest, verifyRequest, loadRequest, assertVerified, completeRequest, setVerificationSender, REQUEST_KINDS, type DsrRequest, type RequestKind, type VerificationSender, type SubmitRequestInput } from './gdpr/requests.js';
export { buildExport, collectExportData, resolveExportDownload, redactThirdParties, STORES_SEARCHED, type ExportStorage } from './gdpr/build-export.js';
export { eraseCustomer, BACKUP_NOTICE, type ErasureReport } from './gdpr/erase-customer.js';
export { journalTombstone, readTombstones, reapplyTombstones, type Tombstone } from './gdpr/tombstones.js';
export {
  setLegalHold, releaseLegalHold, restrictProcessing, liftRestriction, isProcessingRestricted, restrictedCustomerIds, NOT_RESTRICTED_SQL, HOLD_REASONS,
} from './gdpr/holds-and-restriction.js';
export { regionOf, setRegion, workspaceRegionDir, declaredRegionOf } from './gdpr/residency.js';
export {
  refuseRequest, renderRefusal, setRequestFee, requestFee, REFUSAL_GROUNDS, REFUSAL_TEMPLATES, DEFAULT_SA, type RefusalGround, type RequestFee,
} from './gdpr/refusal.js';
export { listProcessors, getProcessor, saveProcessor, setProcessorPolicy, TRANSFER_MECHANISMS, type Processor, type ProcessorInput } from './processors/processors.js';
export { checkOutboundTransfer, assertOutboundTransferAllowed, type OutboundVerdict, type OutboundBlockCode } from './processors/outbound-gate.js';
export {
  notifyRecipients, listRecipientNotifications, deliverRecipientNotifications, type ComplianceMailSender, type RecipientNotification,
} from './processors/recipients.js';
export { transferMap, setStoreLocation, type TransferMap, type TransferEntry } from './processors/transfer-map.js';
export { inEea } from './processors/regions.js';
export { setAgentLocation, logRemoteAccess, remoteAccessByCountry } from './privacy/remote-access.js';
export {
  recordBreach, listBreaches, loadBreach, saveBreachTemplate, reviewBreachTemplate, listBreachTemplates, BREACH_RISKS, type Breach, type BreachTemplate,
} from './breaches/breaches.js';
export { sendBreachNotices, deliverBreachNotices, loadBatch, listBatches, customerNotices, NOTICE_CHANNELS, type BreachBatch } from './breaches/notices.js';
export { loadSubject, needlesOf } from './gdpr/subject.js';
export {
  createScaChallenge, verifyScaChallenge, consumeScaChallenge, listScaChallenges, setScaCodeSender, bindingHash, SCA_MAX_FAILURES, SCA_INACTIVITY_MS,
  type ScaBinding, type ScaChallenge, type ScaVerifyResult, type ScaCodeSender,
} from './sca/sca.js';
export {
  recordPaymentComplaint, closePaymentComplaint, quarterlyComplaintReport, getDisputeEvidence, COMPLAINT_KINDS, OUTCOMES,
  type PaymentComplaint, type QuarterRow, type RecordComplaintInput,
} from './psd2/complaints.js';
export {
  setRetentionPolicy, loadRetentionPolicies, runRetention, runAllRetention, RETENTION_CATEGORIES, RETENTION_LABELS,
  type RetentionPolicy, type RetentionReportRow, type RetentionCategory,
} from './retention/retention.js';
export { recordOfProcessing } from './retention/record-of-processing.js';
export {
  receiveNotice, issueStatement, exportStatementsForTransparencyDb, fileAppeal, decideAppeal, recordOdsDispute, transparencyFigures, REDRESS_TEXT, ODS_INFO,
  type NoticeInput, type StatementInput,
} from './dsa/dsa.js';
// PSD2 refunds and liability, DSA warnings/suspensions and versioned terms, admin lists (part B)
export { assessPayerLiability, PAYER_LIABILITY_CAP_MINOR, type LiabilityFacts, type LiabilityAssessment, type LiabilityRule } from './psd2/liability.js';
export { withholdRefund, recordRefund, listPaymentComplaints, type WithholdInput } from './psd2/refunds.js';
export { issueWarning, imposeSuspension, listMeasures, activeSuspension, MISUSE_GROUNDS, MAX_SUSPENSION_DAYS, type DsaMeasure, type MisuseGround, type SuspensionInput } from './dsa/measures.js';
export {
  saveTermsDraft, publishTerms, listTermsVersions, publishedTerms, publishedTermsHistory, termsJson, termsHtml, termsPath, TERMS_SLUGS, type TermsVersion, type TermsSection, type TermsSlug,
} from './dsa/terms.js';
export { listDsaNotices, listDsaStatements, listDsaAppeals } from './dsa/queries.js';
export { listDsrRequests, type DsrRequestRow } from './gdpr/list-requests.js';
