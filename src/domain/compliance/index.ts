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
