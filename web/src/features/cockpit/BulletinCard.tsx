import { Link } from 'react-router';
import { Button, Card, Empty, Typography } from 'antd';
import type { BulletinSummary } from '@innocity/shared/api/bulletins';
import { formatDateZh } from '@innocity/shared/format';
import { dateIn } from '@innocity/shared/indicators/calendar';
import { ZONE } from './cockpit-data.ts';

/** 最新情况通报: the latest bulletin published by the as-of date, to open and read; or that none is yet. */
export function BulletinCard({ bulletin, historical }: { bulletin: BulletinSummary | null; historical: boolean }) {
  return (
    <Card
      title="最新情况通报"
      size="small"
      className="cockpit-card"
      data-testid="latest-bulletin"
      extra={<Link to="/bulletins">全部通报</Link>}
    >
      {bulletin ? (
        <div className="bulletin-latest">
          <Typography.Text strong>{bulletin.issueLabel}</Typography.Text>
          <Link to={`/bulletins/${bulletin.id}`} className="bulletin-latest-title">
            {bulletin.title}
          </Link>
          <Typography.Text type="secondary">
            印发于 {formatDateZh(dateIn(bulletin.publishedAt!, ZONE))} · 数据截至 {formatDateZh(bulletin.asOf)}
          </Typography.Text>
          <Link to={`/bulletins/${bulletin.id}`}>
            <Button size="small">打开通报</Button>
          </Link>
        </div>
      ) : (
        <Empty
          image={Empty.PRESENTED_IMAGE_SIMPLE}
          description={historical ? '该日期前尚未印发情况通报' : '尚未印发情况通报。办公室在“情况通报”中生成并印发。'}
        />
      )}
    </Card>
  );
}
