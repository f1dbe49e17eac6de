import type { Queryable } from '../db/index.js';
import type { Region } from './regions.js';

/** Who a blob belongs to: the file store asks the registered resolver which region that owner is pinned to. */
export interface StorageScope {
  /** The open transaction of the write (the resolver reads through it). */
  q: Queryable;
  workspaceId: string;
  brandId?: string | null;
}

/** Returns the declared region of a workspace/brand, or null when none is declared (shared store). */
export type RegionResolver = (scope: StorageScope) => Promise<Region | null>;

let resolver: RegionResolver | null = null;

/** Installed by the module that owns residency declarations (compliance) when it is loaded. */
export function setRegionResolver(r: RegionResolver | null): void {
  resolver = r;
}

export async function placementOf(scope: StorageScope | undefined): Promise<Region | null> {
  return scope && resolver ? resolver(scope) : null;
}
