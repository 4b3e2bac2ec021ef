import { describe, expect, it } from 'vitest';
import { POLICY_ACTORS, type PolicyActorName } from '../../test/actors.ts';
import { canImportPlans } from './plan-import.policy.ts';

const TABLE: [PolicyActorName, boolean][] = [
  ['admin', true],
  ['office', true],
  ['leader', false],
  ['inspector', false],
  ['reporterA', false],
  ['approverA', false],
  ['noRole', false],
];

describe('plan import policy', () => {
  it.each(TABLE)('lets %s import plans: %s', (name, allowed) => {
    expect(canImportPlans(POLICY_ACTORS[name])).toBe(allowed);
  });
});
