/**
 * The demo company's structure, created through the domain commands (so their events and audit
 * rows are exactly what the app writes): workspace, brands, teams, custom fields, staff.
 */
import type { Tx } from '../../platform/db/index.js';
import type { Clock } from '../../platform/clock.js';
import type { Role } from '../../shared/enums.js';
import { createBrand, createTeam, createWorkspace } from '../../domain/workspace/index.js';
import { createUser } from '../../domain/users/index.js';
import { createField } from '../../domain/fields/index.js';
import { CUSTOM_FIELDS, TEAM_DESCRIPTIONS, TEAM_NAMES, type BrandKey, type TeamKey } from './catalog.js';

export const DEMO_ADMIN = { email: 'admin@demo.switchboard.test', password: 'switchboard-demo' } as const;
export const DEMO_WORKSPACE = 'Clipster Support (DEMO)';
/** Every demo user signs in with this password (documented in docs/demo.md). */
export const DEMO_PASSWORD = DEMO_ADMIN.password;

export interface StaffDef {
  key: string;
  name: string;
  email: string;
  role: Role;
  teams: TeamKey[];
  /** Empty = every brand. */
  brands: BrandKey[];
  title: string;
}

export const STAFF: StaffDef[] = [
  { key: 'admin', name: 'Dana Admin', email: DEMO_ADMIN.email, role: 'admin', teams: ['payments', 'trust'], brands: [], title: 'Support operations lead (takes escalations)' },
  { key: 'sam', name: 'Sam Okafor', email: 'sam@demo.switchboard.test', role: 'supervisor', teams: ['payments', 'account'], brands: [], title: 'Supervisor, Payments and Account & Security' },
  { key: 'priya', name: 'Priya Raman', email: 'priya@demo.switchboard.test', role: 'supervisor', teams: ['trust', 'creators'], brands: [], title: 'Supervisor, Trust & Safety and Creators' },
  { key: 'lukas', name: 'Lukas Becker', email: 'lukas@demo.switchboard.test', role: 'agent', teams: ['payments', 'account'], brands: [], title: 'Agent' },
  { key: 'sofia', name: 'Sofia Rossi', email: 'sofia@demo.switchboard.test', role: 'agent', teams: ['payments'], brands: ['clipster'], title: 'Agent, Clipster only' },
  { key: 'mateo', name: 'Mateo García', email: 'mateo@demo.switchboard.test', role: 'agent', teams: ['trust', 'account'], brands: [], title: 'Agent' },
  { key: 'aisha', name: 'Aisha Khan', email: 'aisha@demo.switchboard.test', role: 'agent', teams: ['creators'], brands: ['market'], title: 'Agent, Creator Market only' },
  { key: 'leo', name: 'Leo Martin (Legal)', email: 'leo.legal@demo.switchboard.test', role: 'collaborator', teams: [], brands: [], title: 'Legal counsel (collaborator)' },
  { key: 'nora', name: 'Nora Kim', email: 'nora@demo.switchboard.test', role: 'analyst', teams: [], brands: [], title: 'Support analyst (read-only reports)' },
];

export interface DemoStructure {
  workspaceId: string;
  brands: Record<BrandKey, string>;
  teams: Record<TeamKey, string>;
  /** Staff key → user id. */
  users: Record<string, string>;
}

/** Create the workspace and its structure in `tx` at the clock's time (the start of the demo history). */
export async function createStructure(tx: Tx, clock: Clock): Promise<DemoStructure> {
  const { workspace, ctx } = await createWorkspace(tx, clock, { name: DEMO_WORKSPACE, is_demo: true });
  const clipster = await createBrand(ctx, { name: 'Clipster', slug: 'clipster', support_email: 'support@clipster.example' });
  const market = await createBrand(ctx, { name: 'Clipster Creator Market', slug: 'creator-market', support_email: 'help@creators.clipster.example' });
  const brands: Record<BrandKey, string> = { clipster: clipster.id, market: market.id };
  const teams = {} as Record<TeamKey, string>;
  for (const key of Object.keys(TEAM_NAMES) as TeamKey[]) {
    teams[key] = (await createTeam(ctx, { name: TEAM_NAMES[key], description: TEAM_DESCRIPTIONS[key] })).id;
  }
  for (const [i, f] of CUSTOM_FIELDS.entries()) {
    await createField(ctx, { key: f.key, label: f.label, type: f.type, options: f.options, position: i });
  }
  const users: Record<string, string> = {};
  for (const s of STAFF) {
    const u = await createUser(ctx, {
      email: s.email, name: s.name, role: s.role, password: DEMO_PASSWORD,
      brand_ids: s.brands.map((b) => brands[b]), team_ids: s.teams.map((t) => teams[t]),
    });
    users[s.key] = u.id;
  }
  return { workspaceId: workspace.id, brands, teams, users };
}
