/** Application error with a stable machine-readable code. No HTTP here: the server maps codes to statuses. */
export type ErrorKind =
  | 'validation'
  | 'not_found'
  | 'conflict'
  | 'forbidden'
  | 'unauthenticated'
  | 'precondition'
  | 'too_large'
  | 'rate_limited'
  | 'unprocessable'
  | 'unavailable';

export class AppError extends Error {
  constructor(
    public readonly code: string,
    message: string,
    public readonly kind: ErrorKind = 'validation',
    public readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const notFound = (code: string, what: string) => new AppError(code, `${what} not found`, 'not_found');
export const forbidden = (message = 'You are not allowed to do this', code = 'FORBIDDEN') =>
  new AppError(code, message, 'forbidden');
export const conflict = (code: string, message: string, details?: unknown) =>
  new AppError(code, message, 'conflict', details);
export const invalid = (code: string, message: string, details?: unknown) =>
  new AppError(code, message, 'validation', details);
