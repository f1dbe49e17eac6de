import type { Command } from '../command.js';

/** CLI commands of the assistant module. */
export const ASSISTANT_COMMANDS: Command[] = [];
