import { COMMANDS, printHelp } from './registry.js';
import { ConfigError } from '../platform/config.js';
import { AppError } from '../platform/errors.js';
import { UsageError } from './io/args.js';

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
  try {
    return await cmd.run(args);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    console.error(`${e.message}\nUsage: ${cmd.usage.split('\n')[0]}\nRun "switchboard ${cmd.name} --help" for details.`);
    return 2;
  }
}

/** Let buffered output (an export piped somewhere) reach its reader before exiting. */
async function flushed(): Promise<void> {
  for (const s of [process.stdout, process.stderr]) {
    if (s.writableLength > 0) await new Promise<void>((resolve) => s.once('drain', () => resolve()));
  }
}

main(process.argv.slice(2)).then(
  async (code) => {
    if (code === -1) return;
    await flushed();
    process.exit(code);
  },
  async (e: unknown) => {
    if (e instanceof ConfigError) console.error(e.message);
    else if (e instanceof AppError) console.error(`Error (${e.code}): ${e.message}`);
    else console.error(e instanceof Error ? (e.stack ?? e.message) : String(e));
    await flushed();
    process.exit(1);
  },
);
