import { describe, expect, it } from 'vitest';
import type { Role } from '@innocity/shared/api/auth';
import type { Actor } from '../users/user.repo.ts';
import {
  canManageAssessment,
  canReadLiveScores,
  canReadPublishedScores,
  canReadSchemes,
  canReadWorkingsOf,
} from './assessment.policy.ts';

const actor = (role: Role, unit = 'u1'): Actor => ({
  id: 'a',
  username: 'a',
  displayName: 'a',
  roles: [role],
  units: [{ id: unit, name: unit }],
  mustChangePassword: false,
});

describe('assessment policy', () => {
  it.each<[Role, boolean, boolean, boolean, boolean, boolean]>([
    // role, manage, live, published, schemes, workings of another unit
    ['admin', true, true, true, true, true],
    ['office', true, true, true, true, true],
    ['leader', false, true, true, true, true],
    ['inspector', false, true, true, true, true],
    ['reporter', false, false, true, true, false],
    ['approver', false, false, true, true, false],
  ])(
    '%s: manage %s, live scores %s, published %s, schemes %s, other units’ workings %s',
    (role, manage, live, published, schemes, others) => {
      const a = actor(role);
      expect(canManageAssessment(a)).toBe(manage);
      expect(canReadLiveScores(a)).toBe(live);
      expect(canReadPublishedScores(a)).toBe(published);
      expect(canReadSchemes(a)).toBe(schemes);
      expect(canReadWorkingsOf(a, 'u2')).toBe(others);
      expect(canReadWorkingsOf(a, 'u1')).toBe(true);
    },
  );
});
