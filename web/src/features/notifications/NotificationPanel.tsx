import { useState } from 'react';
import { Button, Empty, List, Typography } from 'antd';
import dayjs from 'dayjs';
import type { NotificationList } from '@innocity/shared/api/notifications';
import { groupNotifications, type NotificationGroup } from '@innocity/shared/notifications/group';
import { api } from '../../api/client.ts';

/** The bell's panel: the latest notifications grouped, mark one or all read (NotificationBell loads it on first open). */
export default function NotificationPanel({
  data,
  onData: setData,
  onRead: read,
}: {
  data: NotificationList | undefined;
  onData: (d: NotificationList) => void;
  onRead: (id: string, link: string | null) => Promise<void>;
}) {
  const [expanded, setExpanded] = useState<string>();
  return (
    <div className="bell-panel">
      <div className="bell-head">
        <Typography.Text strong>通知</Typography.Text>
        <Button
          type="link"
          size="small"
          disabled={!data?.unread}
          onClick={async () => setData(await api<NotificationList>('POST', '/api/notifications/read-all'))}
        >
          全部已读
        </Button>
      </div>
      {data?.items.length ? (
        <List<NotificationGroup>
          size="small"
          dataSource={groupNotifications(data.items, (iso) => dayjs(iso).format('YYYY-MM-DD'))}
          renderItem={(g) => {
            const single = g.items.length === 1 ? g.items[0]! : undefined;
            const isOpen = expanded === g.key;
            return (
              <List.Item
                className={g.unread ? 'bell-unread' : 'bell-read'}
                onClick={() => (single ? void read(single.id, single.link) : setExpanded(isOpen ? undefined : g.key))}
                style={{ cursor: 'pointer', display: 'block' }}
              >
                <List.Item.Meta
                  title={single ? g.title : `${g.title}（${isOpen ? '收起' : '展开'}）`}
                  description={
                    single ? (
                      <span className="bell-body">{single.body}</span>
                    ) : isOpen ? (
                      // The group's notices, each opening its own page.
                      <ul className="bell-group">
                        {g.items.map((n) => (
                          <li key={n.id}>
                            <Button
                              type="link"
                              size="small"
                              onClick={(e) => (e.stopPropagation(), void read(n.id, n.link))}
                            >
                              {n.title}
                            </Button>
                          </li>
                        ))}
                      </ul>
                    ) : null
                  }
                />
              </List.Item>
            );
          }}
        />
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无通知" />
      )}
    </div>
  );
}
