import { z } from 'zod';
import path from 'node:path';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const ZConfig = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional(),
  REDIS_URL: z.string().regex(/^rediss?:\/\//, 'must start with redis://').optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PUBLIC_URL: z.string().url().optional(),
  SEED_DEMO: bool.default(true),
  RUN_WORKER: bool.default(true),
  SESSION_TTL_HOURS: z.coerce.number().positive().max(24 * 90).default(24 * 7),
  MAX_BODY_BYTES: z.coerce.number().int().min(1024).default(1024 * 1024),
  MAX_ATTACHMENT_BYTES: z.coerce.number().int().min(1024).default(20 * 1024 * 1024),
  API_RATE_LIMIT_PER_MIN: z.coerce.number().int().min(1).default(600),
  LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).default(5),
  LOGIN_LOCK_MINUTES: z.coerce.number().int().min(1).default(15),
  COOKIE_SECURE: bool.default(false),
  // channels/email: inbound SMTP listener (off under NODE_ENV=test unless set), outbound relay, size limit
  SMTP_INBOUND_ENABLED: bool.optional(),
  SMTP_INBOUND_PORT: z.coerce.number().int().min(0).max(65535).default(2525),
  SMTP_INBOUND_HOST: z.string().min(1).optional(),
  SMTP_OUTBOUND_URL: z.string().regex(/^smtps?:\/\//, 'must start with smtp:// or smtps://').optional(),
  EMAIL_MAX_BYTES: z.coerce.number().int().min(1024).default(30 * 1024 * 1024),
  /** Web form (/support/new): tickets per client IP per hour. */
  WEB_FORM_MAX_PER_HOUR: z.coerce.number().int().min(1).default(5),
  // assistant: languages it converses in (others are handed off); optional OpenAI-compatible phrasing (off unless all set)
  ASSISTANT_LANGUAGES: z.string().regex(/^[a-z]{2}(,[a-z]{2})*$/, 'comma-separated language codes like en,de').default('en'),
  LLM_BASE_URL: z.string().url().optional(),
  LLM_MODEL: z.string().min(1).optional(),
  LLM_API_KEY: z.string().min(1).optional(),
});

export type Config = z.infer<typeof ZConfig> & { filesDir: string };

export class ConfigError extends Error {
  constructor(public readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/** Parse every variable at once; collects ALL problems instead of stopping at the first. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const known = Object.keys(ZConfig.shape);
  const input: Record<string, string> = {};
  for (const k of known) {
    const v = env[k];
    if (v !== undefined && v !== '') input[k] = v;
  }
  const parsed = ZConfig.safeParse(input);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message} (got ${JSON.stringify(input[String(i.path[0])])})`));
  }
  const dataDir = path.resolve(parsed.data.DATA_DIR);
  return { ...parsed.data, DATA_DIR: dataDir, filesDir: path.join(dataDir, 'files') };
}

