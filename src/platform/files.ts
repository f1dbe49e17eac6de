import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { sha256, newSecret } from './ids.js';

/** Content-addressed file store on local disk: each distinct content is stored once under its sha256. */
export class FileStore {
  constructor(private readonly root: string) {}

  private pathOf(hash: string): string {
    if (!/^[0-9a-f]{64}$/.test(hash)) throw new Error('bad content hash');
    return path.join(this.root, hash.slice(0, 2), hash.slice(2, 4), hash);
  }

  async put(bytes: Buffer): Promise<{ hash: string; size: number; isNew: boolean }> {
    const hash = sha256(bytes);
    const file = this.pathOf(hash);
    try {
      await stat(file);
      return { hash, size: bytes.length, isNew: false };
    } catch {
      await mkdir(path.dirname(file), { recursive: true });
      const tmp = `${file}.${newSecret(6)}.tmp`;
      await writeFile(tmp, bytes);
      await rename(tmp, file); // atomic: readers never see a partial file
      return { hash, size: bytes.length, isNew: true };
    }
  }

  async get(hash: string): Promise<Buffer> {
    return readFile(this.pathOf(hash));
  }
}
