import { parseArgs, type ParseArgsConfig } from 'node:util';

/** A mistake in how the command was called: printed with a pointer to --help, exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

type Options = NonNullable<ParseArgsConfig['options']>;

/** Flags every command that can go through a running server accepts. */
export const REMOTE_OPTIONS = {
  url: { type: 'string' },
  token: { type: 'string' },
} as const satisfies Options;

export const REMOTE_HELP = `Through a running server (needed while a server holds the embedded database in DATA_DIR):
  --url URL        the server's address (default: SWITCHBOARD_URL, or the URL in DATA_DIR/switchboard.lock)
  --token TOKEN    an admin API token (default: SWITCHBOARD_TOKEN; create one in Admin → API tokens)`;

/** Strict flag parsing (node:util parseArgs): unknown flags, missing values and stray arguments are usage errors. */
export function parseFlags<const O extends Options>(args: string[], options: O, positionals: { min?: number; max?: number; names?: string } = {}) {
  const max = positionals.max ?? 0;
  let out;
  try {
    out = parseArgs({ args, options, strict: true, allowPositionals: max > 0 });
  } catch (e) {
    throw new UsageError((e as Error).message.split('. To specify a positional')[0]!);
  }
  const n = out.positionals.length;
  if (n < (positionals.min ?? 0)) throw new UsageError(`Missing argument: ${positionals.names ?? 'FILE'}`);
  if (n > max) throw new UsageError(`Unexpected argument "${out.positionals[max]}"`);
  return out;
}

export function required(value: string | undefined, flag: string): string {
  if (value === undefined || value.trim() === '') throw new UsageError(`Missing ${flag}`);
  return value;
}

export function oneOf<T extends string>(value: string | undefined, allowed: readonly T[], flag: string): T | undefined {
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value)) throw new UsageError(`${flag} must be one of ${allowed.join(', ')} (got "${value}")`);
  return value as T;
}

/** Repeatable and comma-separated values: --brand a --brand b,c → [a, b, c]. */
export function list(values: string[] | undefined): string[] {
  return (values ?? []).flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean);
}

export const fmt = (n: number) => n.toLocaleString('en-US');
