import type { Command } from '../command.js';

/** CLI commands of the sla module. */
export const SLA_COMMANDS: Command[] = [];
