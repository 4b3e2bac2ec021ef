import { lazy, Suspense, useEffect, useState } from 'react';
import { useNavigate } from 'react-router';
import { Badge, Button, Popover } from 'antd';
import { BellOutlined } from '@ant-design/icons';
import type { NotificationList } from '@innocity/shared/api/notifications';
import { api } from '../../api/client.ts';
import { useApi } from '../../api/use-api.ts';

// The list (with Ant Design's List, Pagination and Select behind it, about 13 KB gzip) is in every
// page's header but opened now and then: it downloads on the first click of the bell.
const NotificationPanel = lazy(() => import('./NotificationPanel.tsx'));

const POLL_MS = 60_000;

/** The bell in the header: unread count, the latest notifications, mark one or all read. */
export function NotificationBell() {
  const navigate = useNavigate();
  const list = useApi(() => api<NotificationList>('GET', '/api/notifications'), []);
  const [data, setData] = useState<NotificationList>();
  const [open, setOpen] = useState(false);
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
  // The popover renders its content on first open only, so the panel's code is requested then.
  const content = (
    <Suspense fallback={<div className="bell-panel">正在加载通知…</div>}>
      <NotificationPanel data={data} onData={setData} onRead={read} />
    </Suspense>
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
