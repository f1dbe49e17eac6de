import type { Command } from '../command.js';

/** CLI commands of the analytics module. */
export const ANALYTICS_COMMANDS: Command[] = [];
