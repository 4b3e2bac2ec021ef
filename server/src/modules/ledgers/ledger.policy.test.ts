import { describe, expect, it } from 'vitest';
import type { Role } from '@innocity/shared/api/auth';
import type { Actor } from '../users/user.repo.ts';
import { canReadLedgers, canWriteLedgerRow } from './ledger.policy.ts';

const actor = (roles: Role[], units: string[] = []): Actor => ({
  id: 'u',
  username: 'u',
  displayName: 'u',
  roles,
  units: units.map((id) => ({ id, name: id })),
  mustChangePassword: false,
});
const type = { owners: [{ id: 'kjj' }, { id: 'czj' }] };

describe('ledger policy', () => {
  it.each([
    ['admin', [], 'kjj', true],
    ['office', [], 'czj', true],
    ['office', [], 'xiashu', false],
    ['reporter', ['kjj'], 'kjj', true],
    ['reporter', ['kjj'], 'czj', false],
    ['reporter', ['xiashu'], 'xiashu', false],
    ['approver', ['kjj'], 'kjj', false],
    ['leader', ['kjj'], 'kjj', false],
    ['inspector', [], 'kjj', false],
  ] as [Role, string[], string, boolean][])('%s of %j writing for %s: %s', (role, units, unitId, allowed) => {
    expect(canWriteLedgerRow(actor([role], units), type, unitId)).toBe(allowed);
  });

  it.each([
    ['leader', 'in_force', true],
    ['inspector', 'closed', true],
    ['reporter', 'in_force', true],
    ['reporter', 'draft', false],
    ['office', 'draft', true],
  ] as [Role, string, boolean][])('%s reads ledgers of a %s plan: %s', (role, status, allowed) => {
    expect(canReadLedgers(actor([role]), status)).toBe(allowed);
  });

  it('refuses an actor without roles', () => {
    expect(canReadLedgers(actor([]), 'in_force')).toBe(false);
  });
});
