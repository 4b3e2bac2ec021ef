import { useState } from 'react';
import { App, Button, Card, Empty, Form, Input, Result, Select, Space, Tag, Typography } from 'antd';
import { DownloadOutlined, SearchOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import {
  AUDIT_ACTION_LABELS,
  AUDIT_ENTITY_LABELS,
  type AuditEntry,
  type AuditFilter,
  type AuditPage as AuditPageData,
} from '@innocity/shared/api/audit';
import { api, ApiError } from '../../api/client.ts';
import { useApi } from '../../api/use-api.ts';
import { useAuth } from '../auth/AuthContext.tsx';
import { AuditDiff } from './AuditDiff.tsx';
import { diffRows, formatValue, summary } from './audit-diff.ts';
import { downloadFile } from './download.ts';
import { useUnitTree } from './unit-tree.ts';
import { namedPageItem, HiddenLabel } from '../../components/a11y.tsx';
import { PhoneTable } from '../../components/PhoneTable.tsx';
import { DateRangeInput } from '../../components/DateInput.tsx';

interface FilterForm {
  entityType?: string;
  entityId?: string;
  actor?: string;
  action?: string;
  range?: [Dayjs | null, Dayjs | null] | null;
}

const toOptions = (labels: Record<string, string>) =>
  Object.entries(labels).map(([value, label]) => ({ value, label }));
const toQuery = (f: Partial<Record<string, string | number | null | undefined>>) =>
  new URLSearchParams(Object.entries(f).filter(([, v]) => v != null && v !== '') as [string, string][]).toString();

/** What an audit row is about, in words: the name its state carries, if any. */
function objectName(e: AuditEntry): string | undefined {
  const s = (e.after ?? e.before) as Record<string, unknown> | null;
  const name = s && typeof s === 'object' ? (s.displayName ?? s.name ?? s.title ?? s.username) : undefined;
  return typeof name === 'string' ? name : undefined;
}

/** The audit log (admin, inspector): who changed what and when, with before and after; exported to Excel. */
export default function AuditPage() {
  const { user } = useAuth();
  const { message } = App.useApp();
  const [form] = Form.useForm<FilterForm>();
  const [filter, setFilter] = useState<AuditFilter>({});
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const [exporting, setExporting] = useState(false);
  const allowed = !!user?.roles.some((r) => r === 'admin' || r === 'inspector');
  const units = useUnitTree();
  const qs = toQuery({ ...filter, ...paging });
  const log = useApi(
    () => (allowed ? api<AuditPageData>('GET', `/api/audit?${qs}`) : Promise.resolve(undefined)),
    [allowed, qs],
  );
  // Ids by name: the server names what the page mentions; the unit tree covers units besides.
  const unitName = (id: string) => log.data?.names[id] ?? units.byId.get(id)?.name;
  if (!allowed)
    return <Result status="403" title="无权访问" subTitle="只有系统管理员和督查考核人员可以查看审计日志。" />;

  const apply = (v: FilterForm) => {
    const [from, to] = v.range ?? [];
    setFilter({
      entityType: v.entityType || null,
      entityId: v.entityId?.trim() || null,
      actor: v.actor?.trim() || null,
      action: v.action || null,
      from: from?.format('YYYY-MM-DD'),
      to: to?.format('YYYY-MM-DD'),
    });
    setPaging((p) => ({ ...p, page: 1 }));
  };
  const exportExcel = async () => {
    setExporting(true);
    try {
      const name = await downloadFile(`/api/audit/export?${toQuery(filter)}`, '审计日志.xlsx');
      message.success(`已导出：${name}`);
    } catch (err) {
      message.error(err instanceof ApiError ? err.message : String(err));
    } finally {
      setExporting(false);
    }
  };
  const filtered = Object.values(filter).some(Boolean);

  return (
    <div className="page">
      <div className="page-head">
        <Typography.Title level={4}>审计日志</Typography.Title>
        <Button icon={<DownloadOutlined />} loading={exporting} onClick={exportExcel}>
          导出 Excel
        </Button>
      </div>
      <Card>
        <Form<FilterForm>
          form={form}
          name="audit-filter"
          layout="vertical"
          onFinish={apply}
          className="filter-grid"
          aria-label="筛选审计日志"
        >
          <Form.Item label="对象类型" name="entityType">
            <Select
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              placeholder="全部"
              options={toOptions(AUDIT_ENTITY_LABELS)}
            />
          </Form.Item>
          <Form.Item label="对象编号" name="entityId">
            <Input allowClear placeholder="如某个用户或单位的编号" />
          </Form.Item>
          <Form.Item label="操作人" name="actor">
            <Input allowClear placeholder="姓名或用户编号" />
          </Form.Item>
          <Form.Item label="操作" name="action">
            <Select
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              placeholder="全部"
              options={toOptions(AUDIT_ACTION_LABELS)}
            />
          </Form.Item>
          <Form.Item label="日期范围" name="range">
            {/* The item's label names the start date (its id is the form's); the end date gets its own. */}
            <DateRangeInput
              id={{ start: 'audit-filter_range', end: 'audit-filter_range_end' }}
              style={{ width: '100%' }}
              allowEmpty={[true, true]}
            />
          </Form.Item>
          <HiddenLabel htmlFor="audit-filter_range_end">结束日期</HiddenLabel>
          <Form.Item label=" " colon={false}>
            <Space>
              <Button type="primary" htmlType="submit" icon={<SearchOutlined />}>
                查询
              </Button>
              <Button
                onClick={() => {
                  form.resetFields();
                  apply({});
                }}
              >
                重置
              </Button>
            </Space>
          </Form.Item>
        </Form>
        <PhoneTable<AuditEntry>
          rowKey="id"
          size="middle"
          loading={log.loading}
          dataSource={log.data?.items}
          scroll={{ x: 'max-content' }}
          expandable={{ expandedRowRender: (e) => <AuditEntryDetail entry={e} unitName={unitName} /> }}
          pagination={{
            current: paging.page,
            pageSize: paging.pageSize,
            total: log.data?.total ?? 0,
            showSizeChanger: true,
            pageSizeOptions: [20, 50, 100],
            showTotal: (n) => `共 ${n} 条`,
            itemRender: namedPageItem,
            onChange: (page, pageSize) => setPaging({ page: pageSize === paging.pageSize ? page : 1, pageSize }),
          }}
          locale={{
            emptyText: (
              <Empty
                description={
                  filtered
                    ? '没有符合条件的记录。请放宽筛选条件，或点击“重置”。'
                    : '还没有审计记录。系统中的每一次修改都会记录在这里。'
                }
              />
            ),
          }}
          columns={[
            { title: '时间', dataIndex: 'at', render: (at: string) => formatValue('at', at, unitName) },
            {
              title: '操作人',
              dataIndex: 'actorName',
              render: (n: string | null, e) => n ?? (e.action === 'login_failed' ? '未登录访客' : '系统'),
            },
            { title: '操作', dataIndex: 'action', render: (a: string) => <Tag>{AUDIT_ACTION_LABELS[a] ?? a}</Tag> },
            { title: '对象类型', dataIndex: 'entityType', render: (t: string) => AUDIT_ENTITY_LABELS[t] ?? t },
            {
              title: '对象',
              render: (_: unknown, e) =>
                (e.entityId ? log.data?.names[e.entityId] : undefined) ??
                objectName(e) ??
                (e.entityId ? <Typography.Text code>{e.entityId.slice(0, 8)}</Typography.Text> : '—'),
            },
            {
              title: '变更内容',
              render: (_: unknown, e) => (
                <span className="audit-summary">{summary(diffRows(e.before, e.after, unitName)) || '—'}</span>
              ),
            },
            { title: '地址', dataIndex: 'ip', render: (ip: string | null) => ip ?? '—' },
          ]}
        />
      </Card>
    </div>
  );
}

/** The expanded row: the change as a diff, and where it came from. */
function AuditEntryDetail({ entry, unitName }: { entry: AuditEntry; unitName: (id: string) => string | undefined }) {
  return (
    <div className="audit-detail">
      <AuditDiff entry={entry} unitName={unitName} />
      <Typography.Paragraph type="secondary" style={{ fontSize: 12, margin: '8px 0 0' }}>
        对象编号：{entry.entityId ?? '—'}
        {'\u3000'}请求编号：{entry.requestId ?? '—'}
      </Typography.Paragraph>
    </div>
  );
}
