import { describe, expect, it } from 'vitest';
import type { Role } from '@innocity/shared/api/auth';
import type { Actor } from '../users/user.repo.ts';
import { canManageBulletins, canReadBulletin } from './bulletin.policy.ts';

const actor = (role: Role): Actor => ({
  id: 'a',
  username: 'a',
  displayName: 'a',
  roles: [role],
  units: [{ id: 'u', name: 'u' }],
  mustChangePassword: false,
});

describe('bulletin policy', () => {
  it.each<[Role, boolean, boolean]>([
    ['admin', true, true],
    ['office', true, true],
    ['leader', false, false],
    ['inspector', false, false],
    ['reporter', false, false],
    ['approver', false, false],
  ])('%s: manages %s, reads drafts %s, reads published always', (role, manage, drafts) => {
    expect(canManageBulletins(actor(role))).toBe(manage);
    expect(canReadBulletin(actor(role), { status: 'draft' })).toBe(drafts);
    expect(canReadBulletin(actor(role), { status: 'published' })).toBe(true);
  });

  it('gives nothing to an account without roles', () => {
    expect(canReadBulletin({ ...actor('office'), roles: [] }, { status: 'published' })).toBe(false);
  });
});
