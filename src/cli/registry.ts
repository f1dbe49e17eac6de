import { serveCommand } from './commands/serve.js';
import { migrateCommand } from './commands/migrate.js';
import { seedCommand } from './commands/seed.js';
import { userCreateCommand } from './commands/user-create.js';
import { tokenCreateCommand } from './commands/token-create.js';
import { ticketsExportCommand } from './commands/tickets-export.js';
import { ticketsImportCommand } from './commands/tickets-import.js';
import { CHANNELS_COMMANDS } from './commands/channels.js';
import { CHAT_COMMANDS } from './commands/chat.js';
import { SLA_COMMANDS } from './commands/sla.js';
import { ROUTING_COMMANDS } from './commands/routing.js';
import { SOPS_COMMANDS } from './commands/sops.js';
import { AUTOMATIONS_COMMANDS } from './commands/automations.js';
import { KB_COMMANDS } from './commands/kb.js';
import { ASSISTANT_COMMANDS } from './commands/assistant.js';
import { COMPLIANCE_COMMANDS } from './commands/compliance.js';
import { ANALYTICS_COMMANDS } from './commands/analytics.js';

export type { Command } from './command.js';
import type { Command } from './command.js';

export const COMMANDS: Command[] = [
  serveCommand,
  migrateCommand,
  seedCommand,
  userCreateCommand,
  tokenCreateCommand,
  ticketsExportCommand,
  ticketsImportCommand,
  ...CHANNELS_COMMANDS,
  ...CHAT_COMMANDS,
  ...SLA_COMMANDS,
  ...ROUTING_COMMANDS,
  ...SOPS_COMMANDS,
  ...AUTOMATIONS_COMMANDS,
  ...KB_COMMANDS,
  ...ASSISTANT_COMMANDS,
  ...COMPLIANCE_COMMANDS,
  ...ANALYTICS_COMMANDS,
];

export function printHelp(): void {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  console.log(`Switchboard — customer-support operations platform

Usage: switchboard <command> [options]      (npx switchboard …, or npm start for serve)

Commands:
${COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`).join('\n')}

Every command honours DATA_DIR (embedded database) and DATABASE_URL (PostgreSQL). While a server
holds the embedded database, data commands go through it: --url URL --token TOKEN (or SWITCHBOARD_URL,
SWITCHBOARD_TOKEN). Exit codes: 0 ok, 1 error, 2 usage error.
Run "switchboard <command> --help" for its options; docs/cli.md has examples.`);
}
