import type { Command } from '../command.js';
import { auditExportCommand, auditVerifyCommand } from './compliance-audit.js';
import { reapplyTombstonesCommand, retentionRunCommand } from './compliance-ops.js';

/** CLI commands of the compliance module. */
export const COMPLIANCE_COMMANDS: Command[] = [auditVerifyCommand, auditExportCommand, reapplyTombstonesCommand, retentionRunCommand];
