import { serveCommand } from './commands/serve.js';
import { migrateCommand } from './commands/migrate.js';

export interface Command {
  name: string;
  summary: string;
  usage: string;
  /** Exit code; -1 keeps the process running (serve). */
  run(args: string[]): Promise<number>;
}

export const COMMANDS: Command[] = [serveCommand, migrateCommand];

export function printHelp(): void {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  console.log(`Switchboard — customer-support operations platform

Usage: switchboard <command> [options]      (npx switchboard …, or npm start for serve)

Commands:
${COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`).join('\n')}

Every command honours DATA_DIR (embedded database) and DATABASE_URL (PostgreSQL).
Run "switchboard <command> --help" for its options.`);
}
