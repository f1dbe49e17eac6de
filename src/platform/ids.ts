import { monotonicFactory } from 'ulid';
import { createHash, randomBytes, randomFillSync } from 'node:crypto';

// ulid's default PRNG asks the OS-backed CSPRNG for ONE byte per character (16 calls per id); draw the same
// cryptographically random bytes from a refilled pool instead (a few percent of a ticket's CPU).
const pool = new Uint8Array(4096);
let used = pool.length;
function prng(): number {
  if (used === pool.length) {
    randomFillSync(pool);
    used = 0;
  }
  return pool[used++] / 256;
}

const ulid = monotonicFactory(prng);

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
