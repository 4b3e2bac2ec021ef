import { describe, expect, it } from 'vitest';
import { POLICY_ACTORS, UNIT_A, type PolicyActorName } from '../../test/actors.ts';
import {
  canApproveForUnit,
  canReadAll,
  canReadDraftOfUnit,
  canReadPublished,
  canWriteForUnit,
  isOfficeLike,
} from './scope.policy.ts';

// One row per actor; each column is the expected answer about unit A (下蜀镇 in the API tests).
const TABLE: [
  PolicyActorName,
  { officeLike: boolean; readAll: boolean; write: boolean; approve: boolean; draft: boolean; published: boolean },
][] = [
  ['admin', { officeLike: true, readAll: true, write: true, approve: false, draft: true, published: true }],
  ['office', { officeLike: true, readAll: true, write: true, approve: false, draft: true, published: true }],
  ['leader', { officeLike: false, readAll: true, write: false, approve: false, draft: false, published: true }],
  ['inspector', { officeLike: false, readAll: true, write: false, approve: false, draft: false, published: true }],
  ['reporterA', { officeLike: false, readAll: false, write: true, approve: false, draft: true, published: true }],
  ['approverA', { officeLike: false, readAll: false, write: false, approve: true, draft: true, published: true }],
  ['reporterB', { officeLike: false, readAll: false, write: false, approve: false, draft: false, published: true }],
  ['approverB', { officeLike: false, readAll: false, write: false, approve: false, draft: false, published: true }],
  ['reporterAB', { officeLike: false, readAll: false, write: true, approve: false, draft: true, published: true }],
  ['noRole', { officeLike: false, readAll: false, write: false, approve: false, draft: false, published: false }],
];

describe('unit scoping predicates', () => {
  it.each(TABLE)('answers for %s about unit A', (name, expected) => {
    const actor = POLICY_ACTORS[name];
    expect({
      officeLike: isOfficeLike(actor),
      readAll: canReadAll(actor),
      write: canWriteForUnit(actor, UNIT_A),
      approve: canApproveForUnit(actor, UNIT_A),
      draft: canReadDraftOfUnit(actor, UNIT_A),
      published: canReadPublished(actor),
    }).toEqual(expected);
  });
});
