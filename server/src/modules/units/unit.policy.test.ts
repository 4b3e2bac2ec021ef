import { describe, expect, it } from 'vitest';
import { POLICY_ACTORS, type PolicyActorName } from '../../test/actors.ts';
import { canManageUnits, canReadUnits } from './unit.policy.ts';

const TABLE: [PolicyActorName, { read: boolean; manage: boolean }][] = [
  ['admin', { read: true, manage: true }],
  ['office', { read: true, manage: false }],
  ['leader', { read: true, manage: false }],
  ['inspector', { read: true, manage: false }],
  ['reporterA', { read: true, manage: false }],
  ['approverA', { read: true, manage: false }],
  ['noRole', { read: false, manage: false }],
];

describe('unit policy', () => {
  it.each(TABLE)('answers for %s', (name, expected) => {
    const actor = POLICY_ACTORS[name];
    expect({ read: canReadUnits(actor), manage: canManageUnits(actor) }).toEqual(expected);
  });
});
