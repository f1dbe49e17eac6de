import { mkdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';

/** Storage regions a workspace/brand may pin its files and exports to. */
export const REGIONS = ['eu', 'us', 'uk', 'br', 'sg'] as const;
export type Region = (typeof REGIONS)[number];

/**
 * The root directory of a region under the data directory: `<dataDir>/regions/<region>`. Everything a
 * region-pinned workspace writes (exports, tombstone journals, files written through it) lives below it.
 */
export function regionRoot(dataDir: string, region: Region): string {
  if (!REGIONS.includes(region)) throw new Error(`unknown region ${region}`);
  return path.join(dataDir, 'regions', region);
}

/** A directory inside a region (created if missing); `parts` must be plain names. */
export async function regionDir(dataDir: string, region: Region, ...parts: string[]): Promise<string> {
  for (const p of parts) if (!/^[A-Za-z0-9._-]+$/.test(p) || p === '..' || p === '.') throw new Error(`bad path part ${p}`);
  const dir = path.join(regionRoot(dataDir, region), ...parts);
  await mkdir(dir, { recursive: true });
  return dir;
}

/**
 * Delete one blob of the content-addressed file store (same layout as platform/files.ts) from the shared root
 * `filesDir` and from every region root next to it (`<dataDir>/regions/<region>/files`); no error if absent.
 */
export async function removeStoredFile(filesDir: string, hash: string): Promise<boolean> {
  if (!/^[0-9a-f]{64}$/.test(hash)) throw new Error('bad content hash');
  const roots = [filesDir, ...REGIONS.map((r) => path.join(path.dirname(filesDir), 'regions', r, 'files'))];
  let removed = false;
  for (const root of roots) {
    const file = path.join(root, hash.slice(0, 2), hash.slice(2, 4), hash);
    try {
      await stat(file);
    } catch {
      continue;
    }
    await rm(file, { force: true });
    removed = true;
  }
  return removed;
}
