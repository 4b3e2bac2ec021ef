import { describe, expect, it } from 'vitest';
import { POLICY_ACTORS, type PolicyActorName } from '../../test/actors.ts';
import { canReadAudit } from './audit.policy.ts';

const TABLE: [PolicyActorName, boolean][] = [
  ['admin', true],
  ['inspector', true],
  ['office', false],
  ['leader', false],
  ['reporterA', false],
  ['approverA', false],
  ['noRole', false],
];

describe('audit policy', () => {
  it.each(TABLE)('lets %s read the audit log: %s', (name, expected) => {
    expect(canReadAudit(POLICY_ACTORS[name])).toBe(expected);
  });
});
