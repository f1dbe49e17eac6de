import type { Command } from '../command.js';

/** CLI commands of the kb module. */
export const KB_COMMANDS: Command[] = [];
