import type { Command } from '../command.js';

/** CLI commands of the sops module. */
export const SOPS_COMMANDS: Command[] = [];
