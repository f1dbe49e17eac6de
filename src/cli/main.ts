import { COMMANDS, printHelp } from './registry.js';
import { ConfigError } from '../platform/config.js';
import { AppError } from '../platform/errors.js';

/** `switchboard <command> [subcommand] [--flags]` */
async function main(argv: string[]): Promise<number> {
  const [a, b, ...rest] = argv;
  if (!a || a === '--help' || a === '-h' || a === 'help') {
    printHelp();
    return 0;
  }
  const two = b && !b.startsWith('-') ? COMMANDS.find((c) => c.name === `${a} ${b}`) : undefined;
  const cmd = two ?? COMMANDS.find((c) => c.name === a);
  if (!cmd) {
    const group = COMMANDS.filter((c) => c.name.startsWith(`${a} `));
    if (group.length) {
      console.error(`"${a}" needs a subcommand: ${group.map((g) => g.name).join(', ')}`);
      return 2;
    }
    console.error(`Unknown command "${a}". Run "switchboard --help".`);
    return 2;
  }
  const args = two ? rest : [b, ...rest].filter((x): x is string => x !== undefined);
  if (args.includes('--help') || args.includes('-h')) {
    console.log(`switchboard ${cmd.name} — ${cmd.summary}\n\n${cmd.usage}`);
    return 0;
  }
  return cmd.run(args);
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code !== -1) process.exit(code);
  },
  (e: unknown) => {
    if (e instanceof ConfigError) console.error(e.message);
    else if (e instanceof AppError) console.error(`Error (${e.code}): ${e.message}`);
    else console.error(e instanceof Error ? (e.stack ?? e.message) : String(e));
    process.exit(1);
  },
);
