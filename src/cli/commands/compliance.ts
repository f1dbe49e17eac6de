import type { Command } from '../command.js';

/** CLI commands of the compliance module. */
export const COMPLIANCE_COMMANDS: Command[] = [];
