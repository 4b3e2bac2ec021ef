import { describe, expect, it } from 'vitest';
import type { Role } from '@innocity/shared/api/auth';
import type { Actor } from '../users/user.repo.ts';
import { canEditTargets, canReadIndicators, canWriteElementValue } from './indicator.policy.ts';

const actor = (roles: Role[], units: string[] = []): Actor => ({
  id: 'u',
  username: 'u',
  displayName: 'u',
  roles,
  units: units.map((id) => ({ id, name: id })),
  mustChangePassword: false,
});
const tjjElement = { reportingUnitId: 'tjj' };

describe('indicator policy', () => {
  it.each([
    ['admin', actor(['admin']), true, true],
    ['office', actor(['office']), true, true],
    ['leader', actor(['leader']), true, false],
    ['inspector', actor(['inspector']), true, false],
    ['reporter', actor(['reporter'], ['tjj']), true, false],
    ['no role', actor([]), false, false],
  ] as const)('%s reads a plan in force: %s; edits targets: %s', (_name, a, reads, edits) => {
    expect(canReadIndicators(a, 'in_force')).toBe(reads);
    expect(canEditTargets(a)).toBe(edits);
  });

  it('lets only office and admin read a draft plan', () => {
    expect(canReadIndicators(actor(['office']), 'draft')).toBe(true);
    expect(canReadIndicators(actor(['leader']), 'draft')).toBe(false);
  });

  it.each([
    ['office for any unit', actor(['office']), 'kjj', true],
    ['admin for any unit', actor(['admin']), 'tjj', true],
    ['reporter of the reporting unit', actor(['reporter'], ['tjj']), 'tjj', true],
    ['reporter for another unit', actor(['reporter'], ['kjj']), 'tjj', false],
    ['reporter of a unit that does not report the element', actor(['reporter'], ['kjj']), 'kjj', false],
    ['approver of the unit', actor(['approver'], ['tjj']), 'tjj', false],
    ['leader', actor(['leader']), 'tjj', false],
  ] as const)('writes a value: %s → %s', (_name, a, unitId, allowed) => {
    expect(canWriteElementValue(a, tjjElement, unitId)).toBe(allowed);
  });
});
