import { Link, useSearchParams } from 'react-router';
import { Alert, Empty, Input, List, Result, Tag, Typography } from 'antd';
import type { Role } from '@innocity/shared/api/auth';
import { SEARCH_KIND_LABELS, searchHitLink, type SearchHit, type SearchResult } from '@innocity/shared/api/search';
import { api } from '../../api/client.ts';
import { useApi } from '../../api/use-api.ts';
import { PageLoading } from '../../components/PageLoading.tsx';
import { mayOpen } from '../../routes.tsx';
import { useAuth } from '../auth/AuthContext.tsx';

const KIND_COLORS = {
  unit: 'blue',
  ledger_row: 'purple',
  work_item: 'orange',
  task: 'red',
  indicator: 'green',
} as const;
const READS_ALL_UNITS: readonly Role[] = ['admin', 'office', 'leader', 'inspector'];

/** Results of the header's search box: units, ledger rows, work items, key tasks and indicators, each opening its page. */
export default function SearchPage() {
  const { user } = useAuth();
  const [params, setParams] = useSearchParams();
  const q = (params.get('q') ?? '').trim();
  const found = useApi(
    () =>
      q
        ? api<SearchResult>('GET', `/api/search?q=${encodeURIComponent(q)}`)
        : Promise.resolve({ items: [], truncated: false }),
    [q],
  );
  const roles = user?.roles ?? [];
  // A unit's page is for those who read every unit and for the unit's own people.
  const linkOf = (h: SearchHit) => {
    if (h.kind === 'unit' && !roles.some((r) => READS_ALL_UNITS.includes(r)) && !user?.units.some((u) => u.id === h.id))
      return null;
    const to = searchHitLink(h, q);
    return mayOpen(to.split(/[?#]/)[0]!, roles) ? to : null;
  };

  return (
    <div className="page">
      <Typography.Title level={4}>查找</Typography.Title>
      <Input.Search
        aria-label="查找内容"
        defaultValue={q}
        key={q}
        allowClear
        enterButton="查找"
        maxLength={50}
        placeholder="企业、项目、工作事项、单位、指标的名称"
        onSearch={(v) => setParams(v.trim() ? { q: v.trim() } : {})}
      />
      {found.error && <Result status="warning" title="查找失败" subTitle={found.error.message} />}
      {found.loading && !found.data ? (
        <PageLoading />
      ) : (
        q &&
        found.data && (
          <>
            {found.data.truncated && (
              <Alert type="info" showIcon title="每类最多列出 8 条；请输入更完整的名称以缩小范围。" />
            )}
            <List
              dataSource={found.data.items}
              locale={{ emptyText: <Empty description={`没有找到与“${q}”相关、您可查看的内容`} /> }}
              renderItem={(h) => {
                const to = linkOf(h);
                return (
                  <List.Item>
                    <List.Item.Meta
                      title={
                        <>
                          <Tag color={KIND_COLORS[h.kind]}>{SEARCH_KIND_LABELS[h.kind]}</Tag>
                          {to ? <Link to={to}>{h.title}</Link> : h.title}
                        </>
                      }
                      description={h.context}
                    />
                  </List.Item>
                );
              }}
            />
          </>
        )
      )}
    </div>
  );
}
