import type { Command } from '../command.js';

/** CLI commands of the chat module. */
export const CHAT_COMMANDS: Command[] = [];
