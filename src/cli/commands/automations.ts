import type { Command } from '../command.js';

/** CLI commands of the automations module. */
export const AUTOMATIONS_COMMANDS: Command[] = [];
