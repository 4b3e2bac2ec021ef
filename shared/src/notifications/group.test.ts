import { describe, expect, it } from 'vitest';
import type { Notification } from '../api/notifications.ts';
import { groupNotifications } from './group.ts';

const notice = (id: string, kind: Notification['kind'], createdAt: string, read = false): Notification => ({
  id,
  kind,
  title: `${id} 的标题`,
  body: '',
  link: `/reporting/submissions/${id}`,
  createdAt,
  readAt: read ? createdAt : null,
});

describe('grouping the bell’s notices', () => {
  it('makes one line of the same day’s unread notices of a kind, newest first, and leaves the rest alone', () => {
    const groups = groupNotifications([
      notice('a', 'submitted', '2025-09-25T15:00:00Z'),
      notice('b', 'urge', '2025-09-25T14:00:00Z'),
      notice('c', 'submitted', '2025-09-25T13:00:00Z'),
      notice('d', 'submitted', '2025-09-25T12:00:00Z'),
      notice('e', 'submitted', '2025-09-24T12:00:00Z'),
      notice('f', 'submitted', '2025-09-25T11:00:00Z', true),
    ]);
    expect(groups.map((g) => [g.title, g.items.map((i) => i.id), g.unread])).toEqual([
      ['3家单位已报送，待审核', ['a', 'c', 'd'], 3],
      ['b 的标题', ['b'], 1],
      ['e 的标题', ['e'], 1],
      ['f 的标题', ['f'], 0],
    ]);
  });

  it('reads the day in the zone it is given', () => {
    // 23:30 and 00:30 Beijing time on the 25th/26th are 15:30 and 16:30 UTC on the 25th.
    const beijingDay = (iso: string) => new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 10);
    const groups = groupNotifications(
      [notice('late', 'submitted', '2025-09-25T16:30:00Z'), notice('early', 'submitted', '2025-09-25T15:30:00Z')],
      beijingDay,
    );
    expect(groups).toHaveLength(2);
  });
});
