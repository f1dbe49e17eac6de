import { monotonicFactory } from 'ulid';
import { createHash, randomBytes } from 'node:crypto';

const ulid = monotonicFactory();

/** Type-prefixed, time-sortable id: `tkt_01J…`. */
export function newId(prefix: string, at?: Date): string {
  return `${prefix}_${ulid(at?.getTime()).toLowerCase()}`;
}

/** A random opaque secret (URL-safe). */
export function newSecret(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

export function sha256(input: string | Buffer): string {
  return createHash('sha256').update(input).digest('hex');
}
