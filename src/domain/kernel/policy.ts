import { forbidden } from '../../platform/errors.js';
import type { Actor } from './context.js';

/** Workspace-level abilities. Resource-level checks (brand, shares) live in each module's policy. */
export type Ability =
  | 'tickets.read'
  | 'tickets.write'
  | 'tickets.reply_public'
  | 'tickets.note'
  | 'tickets.merge'
  | 'tickets.bulk_update'
  | 'tickets.import'
  | 'tickets.export'
  | 'customers.read'
  | 'customers.write'
  | 'users.read'
  | 'users.manage'
  | 'teams.manage'
  | 'brands.manage'
  | 'fields.manage'
  | 'reports.read'
  | 'audit.read'
  | 'tokens.own'
  // capability modules (each module checks its own; adjust the role lists below as a module needs)
  | 'channels.manage'
  | 'sla.manage'
  | 'routing.manage'
  | 'sops.manage'
  | 'sops.approve'
  | 'automations.manage'
  | 'kb.manage'
  | 'kb.read_internal'
  | 'assistant.manage'
  | 'compliance.manage'
  | 'pii.view'
  | 'qa.review';

const MODULE_ADMIN: Ability[] = [
  'channels.manage', 'sla.manage', 'routing.manage', 'sops.manage', 'sops.approve', 'automations.manage', 'kb.manage',
  'kb.read_internal', 'assistant.manage', 'compliance.manage', 'pii.view', 'qa.review',
];

const AGENT: Ability[] = [
  'tickets.read', 'tickets.write', 'tickets.reply_public', 'tickets.note', 'tickets.merge', 'tickets.bulk_update',
  'customers.read', 'customers.write', 'users.read', 'tokens.own', 'kb.read_internal', 'pii.view',
];

const BY_ROLE: Record<Actor['role'], readonly Ability[]> = {
  system: [
    ...AGENT, 'tickets.import', 'tickets.export', 'users.manage', 'teams.manage', 'brands.manage', 'fields.manage',
    'reports.read', 'audit.read', ...MODULE_ADMIN,
  ],
  admin: [
    ...AGENT, 'tickets.import', 'tickets.export', 'users.manage', 'teams.manage', 'brands.manage', 'fields.manage',
    'reports.read', 'audit.read', ...MODULE_ADMIN,
  ],
  supervisor: [
    ...AGENT, 'tickets.export', 'reports.read', 'audit.read', 'sla.manage', 'routing.manage', 'sops.manage', 'sops.approve',
    'automations.manage', 'kb.manage', 'qa.review',
  ],
  agent: AGENT,
  // Legal/Engineering/Product: read shared cases, write internal notes only.
  collaborator: ['tickets.read', 'tickets.note', 'customers.read', 'users.read', 'tokens.own', 'sops.approve', 'kb.read_internal'],
  analyst: ['tickets.read', 'customers.read', 'users.read', 'reports.read', 'tokens.own'],
};

export function can(actor: Actor, ability: Ability): boolean {
  return BY_ROLE[actor.role]?.includes(ability) ?? false;
}

export function abilitiesOf(actor: Actor): Ability[] {
  return [...(BY_ROLE[actor.role] ?? [])];
}

export function authorize(actor: Actor, ability: Ability): void {
  if (!can(actor, ability)) throw forbidden(`Your role (${actor.role}) cannot ${ability.replace('.', ': ')}`);
}

/** Brand scope: empty list = every brand. */
export function canSeeBrand(actor: Actor, brandId: string): boolean {
  return actor.brandIds.length === 0 || actor.brandIds.includes(brandId);
}
