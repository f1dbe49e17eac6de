import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { sha256, newSecret } from './ids.js';
import { placementOf, type StorageScope } from './storage/placement.js';
import { REGIONS, type Region } from './storage/regions.js';

/**
 * Content-addressed file store on local disk: each distinct content is stored once under its sha256. A write
 * with a scope whose workspace/brand declares a region goes under `<dataDir>/regions/<region>/files` (same
 * layout); reads look in the shared root first, then in every region, so blobs written before keep working.
 */
export class FileStore {
  private readonly regionsRoot: string;

  /** `root` is `<dataDir>/files`; region roots are `<dataDir>/regions/<region>/files`. */
  constructor(private readonly root: string, regionsRoot?: string) {
    this.regionsRoot = regionsRoot ?? path.join(path.dirname(root), 'regions');
  }

  private pathOf(hash: string, root = this.root): string {
    if (!/^[0-9a-f]{64}$/.test(hash)) throw new Error('bad content hash');
    return path.join(root, hash.slice(0, 2), hash.slice(2, 4), hash);
  }

  /** The file root of a region (where a region-pinned owner's blobs live). */
  regionRoot(region: Region): string {
    return path.join(this.regionsRoot, region, 'files');
  }

  async put(bytes: Buffer, scope?: StorageScope): Promise<{ hash: string; size: number; isNew: boolean; region: Region | null }> {
    const hash = sha256(bytes);
    const region = await placementOf(scope);
    const file = this.pathOf(hash, region ? this.regionRoot(region) : this.root);
    try {
      await stat(file);
      return { hash, size: bytes.length, isNew: false, region };
    } catch {
      await mkdir(path.dirname(file), { recursive: true });
      const tmp = `${file}.${newSecret(6)}.tmp`;
      await writeFile(tmp, bytes);
      await rename(tmp, file); // atomic: readers never see a partial file
      return { hash, size: bytes.length, isNew: true, region };
    }
  }

  async get(hash: string): Promise<Buffer> {
    let first: unknown;
    for (const root of [this.root, ...REGIONS.map((r) => this.regionRoot(r))]) {
      try {
        return await readFile(this.pathOf(hash, root));
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
        first ??= e;
      }
    }
    throw first;
  }
}
