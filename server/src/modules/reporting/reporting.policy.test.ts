import { describe, expect, it } from 'vitest';
import type { Role } from '@innocity/shared/api/auth';
import type { FlowAction, SubmissionStatus } from '@innocity/shared/api/reporting';
import type { Actor } from '../users/user.repo.ts';
import { allowedActions, canReadSubmission } from './reporting.policy.ts';
import { detectEvidenceType } from './file-type.ts';

const actor = (roles: Role[], unit?: string): Actor => ({
  id: 'u',
  username: 'u',
  displayName: 'u',
  roles,
  units: unit ? [{ id: unit, name: unit }] : [],
  mustChangePassword: false,
});
const sub = (status: SubmissionStatus, firstSubmittedAt: string | null = null) => ({
  unitId: 'ndrc',
  status,
  firstSubmittedAt,
});

describe('reporting policy', () => {
  it.each<[string, Actor, SubmissionStatus, (FlowAction | 'edit')[]]>([
    ['reporter, draft', actor(['reporter'], 'ndrc'), 'draft', ['edit', 'send_for_approval']],
    ['reporter, returned', actor(['reporter'], 'ndrc'), 'returned', ['edit', 'send_for_approval']],
    ['reporter, approved', actor(['reporter'], 'ndrc'), 'approved', ['submit']],
    ['reporter, accepted', actor(['reporter'], 'ndrc'), 'accepted', ['correct']],
    [
      'approver, pending',
      actor(['approver'], 'ndrc'),
      'pending_approval',
      ['send_back', 'approve', 'approve_and_submit'],
    ],
    ['approver, approved', actor(['approver'], 'ndrc'), 'approved', ['send_back', 'submit']],
    ['approver of another unit', actor(['approver'], 'st'), 'pending_approval', []],
    ['reporter of another unit', actor(['reporter'], 'st'), 'draft', []],
    ['office, submitted', actor(['office']), 'submitted', ['accept', 'return']],
    ['office, accepted', actor(['office']), 'accepted', ['correct']],
    ['leader, submitted', actor(['leader']), 'submitted', []],
    ['inspector, draft', actor(['inspector']), 'draft', []],
  ])('%s may do exactly the expected', (_name, a, status, expected) => {
    expect(allowedActions(a, sub(status))).toEqual(expected);
  });

  it.each<[string, Actor, ReturnType<typeof sub>, boolean]>([
    ['own unit reads its draft', actor(['reporter'], 'ndrc'), sub('draft'), true],
    ['office reads a draft', actor(['office']), sub('draft'), true],
    ['leader does not read a draft', actor(['leader']), sub('draft'), false],
    ['leader reads what reached the office', actor(['leader']), sub('returned', '2025-09-20T00:00:00Z'), true],
    [
      'another unit does not read a submitted report',
      actor(['reporter'], 'st'),
      sub('submitted', '2025-09-20T00:00:00Z'),
      false,
    ],
    [
      'another unit reads an accepted (published) report',
      actor(['reporter'], 'st'),
      sub('accepted', '2025-09-20T00:00:00Z'),
      true,
    ],
  ])('%s', (_name, a, s, expected) => {
    expect(canReadSubmission(a, s)).toBe(expected);
  });

  it.each([
    ['a.pdf', '%PDF-1.7', 'application/pdf'],
    ['a.PNG', '\x89PNG\r\n\x1a\n', 'image/png'],
    ['a.jpg', '\xff\xd8\xff\xe0', 'image/jpeg'],
    ['a.docx', 'PK\x03\x04', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
    ['a.xls', '\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1', 'application/vnd.ms-excel'],
    ['a.pdf', 'PK\x03\x04', undefined],
    ['a.exe', 'MZ', undefined],
    ['a.html', '<html>', undefined],
  ])('types %s starting %j as %s', (name, head, mime) => {
    expect(detectEvidenceType(name, Buffer.from(head, 'latin1'))).toBe(mime);
  });
});
