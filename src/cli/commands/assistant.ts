import type { Command } from '../command.js';
import { evalIntentsCommand } from './assistant-eval.js';

/** CLI commands of the assistant module. */
export const ASSISTANT_COMMANDS: Command[] = [evalIntentsCommand];
