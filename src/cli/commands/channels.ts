import type { Command } from '../command.js';

/** CLI commands of the channels module. */
export const CHANNELS_COMMANDS: Command[] = [];
