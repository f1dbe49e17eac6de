import type { Ctx } from '../../../domain/kernel/index.js';
import type { DemoStructure } from '../staff.js';

/** What a module's demo seeding gets: an admin context in the seed transaction, at the demo's "now". */
export interface SeedModuleCtx {
  ctx: Ctx;
  structure: DemoStructure;
  now: Date;
}
