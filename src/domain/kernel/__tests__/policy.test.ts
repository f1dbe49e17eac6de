import { describe, expect, it } from 'vitest';
import { AppError } from '../../../platform/errors.js';
import { ROLES, type Role } from '../../../shared/enums.js';
import type { Actor } from '../context.js';
import { systemActor } from '../context.js';
import { abilitiesOf, authorize, can, canSeeBrand, type Ability } from '../policy.js';

const actor = (role: Role, brandIds: string[] = []): Actor => ({ type: 'user', id: `usr_${role}`, workspaceId: 'wsp_1', role, brandIds });

const WRITE_ABILITIES: Ability[] = [
  'tickets.write', 'tickets.reply_public', 'tickets.note', 'tickets.merge', 'tickets.bulk_update', 'tickets.import', 'customers.write',
  'users.manage', 'teams.manage', 'brands.manage', 'fields.manage',
];

describe('can (role abilities)', () => {
  it('lets every role read tickets', () => {
    for (const r of ROLES) expect(can(actor(r), 'tickets.read'), r).toBe(true);
  });

  it('collaborators write internal notes only: no public reply, no ticket changes', () => {
    const c = actor('collaborator');
    expect(can(c, 'tickets.note')).toBe(true);
    expect(can(c, 'tickets.reply_public')).toBe(false);
    for (const a of ['tickets.write', 'tickets.merge', 'tickets.bulk_update', 'customers.write'] as Ability[]) expect(can(c, a), a).toBe(false);
  });

  it('analysts are read-only', () => {
    const a = actor('analyst');
    for (const w of WRITE_ABILITIES) expect(can(a, w), w).toBe(false);
    expect(can(a, 'reports.read')).toBe(true);
  });

  it('agents work tickets but manage nothing', () => {
    const a = actor('agent');
    for (const w of ['tickets.write', 'tickets.reply_public', 'tickets.note', 'tickets.merge', 'tickets.bulk_update'] as Ability[]) expect(can(a, w), w).toBe(true);
    for (const m of ['users.manage', 'teams.manage', 'brands.manage', 'fields.manage', 'audit.read'] as Ability[]) expect(can(a, m), m).toBe(false);
  });

  it('only admins (and the system) manage users', () => {
    for (const r of ROLES) expect(can(actor(r), 'users.manage'), r).toBe(r === 'admin');
    expect(can(systemActor('wsp_1'), 'users.manage')).toBe(true);
  });

  it('knows nothing about unknown roles', () => {
    expect(can({ ...actor('agent'), role: 'superuser' as Role }, 'tickets.read')).toBe(false);
  });

  it('abilitiesOf matches can and is a copy', () => {
    for (const r of ROLES) {
      const list = abilitiesOf(actor(r));
      for (const a of list) expect(can(actor(r), a)).toBe(true);
      list.push('users.manage');
      expect(can(actor(r), 'users.manage')).toBe(r === 'admin');
    }
  });
});

describe('authorize', () => {
  it('throws a forbidden AppError naming the role', () => {
    try {
      authorize(actor('analyst'), 'tickets.write');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(AppError);
      expect((e as AppError).kind).toBe('forbidden');
      expect((e as AppError).code).toBe('FORBIDDEN');
      expect((e as AppError).message).toContain('analyst');
    }
    expect(() => authorize(actor('agent'), 'tickets.write')).not.toThrow();
  });
});

describe('canSeeBrand', () => {
  it('an empty brand list means every brand', () => {
    expect(canSeeBrand(actor('agent'), 'brd_a')).toBe(true);
  });
  it('a brand list limits what the actor sees', () => {
    const a = actor('agent', ['brd_a']);
    expect(canSeeBrand(a, 'brd_a')).toBe(true);
    expect(canSeeBrand(a, 'brd_b')).toBe(false);
  });
});
