import type { Notification } from '../api/notifications.ts';

/** What a group of notices of one kind says in one line, given how many there are. */
const GROUP_TITLES: Record<Notification['kind'], (n: number) => string> = {
  submitted: (n) => `${n}家单位已报送，待审核`,
  approval_needed: (n) => `${n}份填报待您审核`,
  returned: (n) => `${n}份填报被退回`,
  accepted: (n) => `${n}份填报已通过审核`,
  urge: (n) => `${n}条催办`,
  reminder: (n) => `${n}条截止提醒`,
  overdue: (n) => `${n}条逾期提醒`,
  assigned: (n) => `${n}项新分派的工作`,
};

export interface NotificationGroup {
  key: string;
  kind: Notification['kind'];
  /** One line for the group: 3家单位已报送，待审核; the notice's own title when it stands alone. */
  title: string;
  items: Notification[];
  unread: number;
}

/**
 * The bell's list: unread notices of one kind from the same day become one line (the office's
 * dozens of 已报送 notices in the last hours before a cut-off), read ones stay as they are, and
 * the order stays newest first. `dayOf` gives a notice's local day.
 */
export function groupNotifications(
  items: Notification[],
  dayOf: (iso: string) => string = (iso) => iso.slice(0, 10),
): NotificationGroup[] {
  const groups: NotificationGroup[] = [];
  const open = new Map<string, NotificationGroup>();
  for (const n of items) {
    const key = n.readAt ? n.id : `${n.kind}|${dayOf(n.createdAt)}`;
    const g = open.get(key);
    if (g) {
      g.items.push(n);
      g.unread += 1;
      g.title = GROUP_TITLES[n.kind](g.items.length);
      continue;
    }
    const fresh = { key, kind: n.kind, title: n.title, items: [n], unread: n.readAt ? 0 : 1 };
    groups.push(fresh);
    if (!n.readAt) open.set(key, fresh);
  }
  return groups;
}
