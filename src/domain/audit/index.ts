export { listAuditEntries, type AuditEntry } from './list-audit-entries.js';
