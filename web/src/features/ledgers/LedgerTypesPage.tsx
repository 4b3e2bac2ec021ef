import './ledgers.css';
import { Link, useParams } from 'react-router';
import { Breadcrumb, Card, Empty, Result, Tag, Typography } from 'antd';
import type { LedgerTypeInfo } from '@innocity/shared/api/ledgers';
import { formatNumber } from '@innocity/shared/format';
import { api } from '../../api/client.ts';
import { useApi } from '../../api/use-api.ts';
import { PageLoading } from '../../components/PageLoading.tsx';

/** The plan's ledgers (台账): each type with its row count and keepers, on cards of one width, opening its table. */
export default function LedgerTypesPage() {
  const { planId = '' } = useParams();
  const types = useApi(
    () => api<{ items: LedgerTypeInfo[] }>('GET', `/api/plans/${encodeURIComponent(planId)}/ledgers`),
    [planId],
  );
  if (types.loading && !types.data) return <PageLoading />;
  if (types.error || !types.data) return <Result status="error" title="无法加载台账" subTitle={types.error?.message} />;
  return (
    <div className="page">
      <Breadcrumb items={[{ title: '台账' }]} />
      <Typography.Title level={3}>台账</Typography.Title>
      {types.data.items.length === 0 ? (
        <Card>
          <Empty description="这个方案还没有定义台账类型。办公室可在方案数据中定义台账的字段。" />
        </Card>
      ) : (
        <div className="ledger-type-grid">
          {types.data.items.map((t) => (
            <Link key={t.code} to={`/plans/${planId}/ledgers/${t.code}`} className="ledger-type-link">
              <Card
                hoverable
                size="small"
                title={t.name}
                extra={
                  <span className="ledger-type-count" data-testid={`ledger-count-${t.code}`}>
                    {formatNumber(t.rowCount ?? 0)}
                    <Typography.Text type="secondary" style={{ fontSize: 14, fontWeight: 400 }}>
                      {' '}
                      条
                    </Typography.Text>
                  </span>
                }
              >
                <Typography.Paragraph type="secondary" ellipsis={{ rows: 2 }} style={{ marginBottom: 8 }}>
                  {t.fields.length} 个字段：{t.fields.map((f) => f.label).join('、')}
                </Typography.Paragraph>
                {t.owners.slice(0, 4).map((o) => (
                  <Tag key={o.id}>{o.name}</Tag>
                ))}
                {t.owners.length > 4 && <Tag>等 {t.owners.length} 个单位</Tag>}
              </Card>
            </Link>
          ))}
        </div>
      )}
    </div>
  );
}
