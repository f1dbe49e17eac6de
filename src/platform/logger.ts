import pino, { type Logger } from 'pino';

export type { Logger };

export function createLogger(level = 'info'): Logger {
  return pino({
    level,
    redact: {
      paths: ['password', '*.password', 'token', '*.token', 'authorization', 'req.headers.authorization', 'req.headers.cookie', 'body', '*.body'],
      censor: '[redacted]',
    },
  });
}
