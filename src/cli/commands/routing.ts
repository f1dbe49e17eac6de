import type { Command } from '../command.js';

/** CLI commands of the routing module. */
export const ROUTING_COMMANDS: Command[] = [];
