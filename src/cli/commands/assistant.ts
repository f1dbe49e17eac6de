import type { Command } from '../command.js';
import { evalIntentsCommand } from './assistant-eval.js';
import { assistantImportCommand, assistantModelsCommand, assistantTrainCommand } from './assistant-models.js';
import { assistantTestCommand } from './assistant-test.js';

/** CLI commands of the assistant module. */
export const ASSISTANT_COMMANDS: Command[] = [evalIntentsCommand, assistantTestCommand, assistantImportCommand, assistantTrainCommand, assistantModelsCommand];
