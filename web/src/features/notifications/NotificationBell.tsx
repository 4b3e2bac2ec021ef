import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router';
import { Badge, Button, Empty, List, Popover, Typography } from 'antd';
import { BellOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import type { NotificationList } from '@innocity/shared/api/notifications';
import { groupNotifications, type NotificationGroup } from '@innocity/shared/notifications/group';
import { api } from '../../api/client.ts';
import { useApi } from '../../api/use-api.ts';

const POLL_MS = 60_000;

/** The bell in the header: unread count, the latest notifications, mark one or all read. */
export function NotificationBell() {
  const navigate = useNavigate();
  const list = useApi(() => api<NotificationList>('GET', '/api/notifications'), []);
  const [data, setData] = useState<NotificationList>();
  const [open, setOpen] = useState(false);
  const [expanded, setExpanded] = useState<string>();
  useEffect(() => setData(list.data), [list.data]);
  useEffect(() => {
    const t = setInterval(list.reload, POLL_MS);
    return () => clearInterval(t);
  }, [list.reload]);

  const read = async (id: string, link: string | null) => {
    setData(await api<NotificationList>('POST', `/api/notifications/${id}/read`));
    setOpen(false);
    if (link) navigate(link);
  };
  const content = (
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
  return (
    <Popover
      content={content}
      trigger="click"
      open={open}
      onOpenChange={(o) => (setOpen(o), o && list.reload())}
      placement="bottomRight"
    >
      <Button type="text" className="header-button" aria-label={`通知，${data?.unread ?? 0} 条未读`} data-testid="bell">
        <Badge count={data?.unread ?? 0} size="small" offset={[2, -2]}>
          <BellOutlined style={{ color: '#fff', fontSize: 18 }} />
        </Badge>
      </Button>
    </Popover>
  );
}
