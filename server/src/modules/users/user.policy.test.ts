import { describe, expect, it } from 'vitest';
import { POLICY_ACTORS, type PolicyActorName } from '../../test/actors.ts';
import { canChangeOwnAdminAccess, canChangeOwnPassword, canManageUsers, canResetPassword } from './user.policy.ts';

const OTHER = { id: 'someone-else' };

const TABLE: [PolicyActorName, { manage: boolean; resetOther: boolean; resetSelf: boolean; changeOwn: boolean }][] = [
  ['admin', { manage: true, resetOther: true, resetSelf: false, changeOwn: true }],
  ['office', { manage: false, resetOther: false, resetSelf: false, changeOwn: true }],
  ['leader', { manage: false, resetOther: false, resetSelf: false, changeOwn: true }],
  ['inspector', { manage: false, resetOther: false, resetSelf: false, changeOwn: true }],
  ['reporterA', { manage: false, resetOther: false, resetSelf: false, changeOwn: true }],
  ['approverA', { manage: false, resetOther: false, resetSelf: false, changeOwn: true }],
];

describe('account policy', () => {
  it.each(TABLE)('answers for %s', (name, expected) => {
    const actor = POLICY_ACTORS[name];
    expect({
      manage: canManageUsers(actor),
      resetOther: canResetPassword(actor, OTHER),
      resetSelf: canResetPassword(actor, actor),
      changeOwn: canChangeOwnPassword(actor),
    }).toEqual(expected);
  });

  it('lets an admin change another admin’s access but not their own', () => {
    expect(canChangeOwnAdminAccess(POLICY_ACTORS.admin, OTHER)).toBe(true);
    expect(canChangeOwnAdminAccess(POLICY_ACTORS.admin, POLICY_ACTORS.admin)).toBe(false);
  });
});
