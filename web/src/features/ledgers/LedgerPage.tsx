import '../cockpit/cockpit.css';
import { lazy, Suspense, useMemo, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { App, Breadcrumb, Button, Card, Empty, Input, Popconfirm, Select, Space, Tag, Typography } from 'antd';
import { PageResult } from '../../components/PageResult.tsx';
import type { ColumnsType } from 'antd/es/table';
import dayjs from 'dayjs';
import type { LedgerRow, LedgerRowList, LedgerTypeInfo } from '@innocity/shared/api/ledgers';
import { formatDateZh, formatNumber } from '@innocity/shared/format';
import { api } from '../../api/client.ts';
import { useApi } from '../../api/use-api.ts';
import { PageLoading } from '../../components/PageLoading.tsx';
import { useAuth } from '../auth/AuthContext.tsx';
import { writableUnits } from './ledger-access.ts';
import { fieldHeader, ledgerCell } from './ledger-format.ts';
import { LedgerToolbar } from './LedgerToolbar.tsx';
import { namedPageItem, searchButton } from '../../components/a11y.tsx';
import { PhoneTable } from '../../components/PhoneTable.tsx';
import { LazyDateInput } from '../../components/LazyDateInput.tsx';

// The row editor (a drawer with a form, number inputs and pickers) downloads when first opened.
const RowEditor = lazy(() => import('./RowEditor.tsx').then((m) => ({ default: m.RowEditor })));

const PAGE_SIZE = 20;

function parseFilter(text: string | null): Record<string, string | string[]> {
  if (!text) return {};
  try {
    return JSON.parse(text) as Record<string, string | string[]>;
  } catch {
    return {};
  }
}

/** One ledger: server-side filters and paging, the row editor, Excel template, import and export. */
export default function LedgerPage() {
  const { planId = '', typeCode = '' } = useParams();
  const { user } = useAuth();
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const [editing, setEditing] = useState<LedgerRow | 'new' | null>(null);
  // Kept mounted once opened, so the drawer can animate closed.
  const [editorOpened, setEditorOpened] = useState(false);
  const edit = (row: LedgerRow | 'new') => (setEditing(row), setEditorOpened(true));
  const base = `/api/plans/${encodeURIComponent(planId)}/ledgers`;
  const types = useApi(() => api<{ items: LedgerTypeInfo[] }>('GET', base), [base]);
  const type = types.data?.items.find((t) => t.code === typeCode);
  const page = Math.max(1, Number(params.get('page')) || 1);
  const filter = parseFilter(params.get('filter'));
  const query = new URLSearchParams({ page: String(page), pageSize: String(PAGE_SIZE) });
  for (const k of ['q', 'unitId', 'validOn', 'filter']) if (params.get(k)) query.set(k, params.get(k)!);
  const rowsUrl = `${base}/${typeCode}/rows?${query.toString()}`;
  const rows = useApi(() => api<LedgerRowList>('GET', rowsUrl), [rowsUrl]);
  const writable = useMemo(() => (type ? writableUnits(user, type) : []), [user, type]);

  const setParam = (changes: Record<string, string | undefined>) =>
    setParams((p) => {
      const next = new URLSearchParams(p);
      for (const [k, v] of Object.entries(changes))
        if (v) next.set(k, v);
        else next.delete(k);
      if (!('page' in changes)) next.delete('page');
      return next;
    });
  const setFieldFilter = (key: string, values: string[]) => {
    const next = { ...filter, [key]: values };
    if (values.length === 0) delete next[key];
    setParam({ filter: Object.keys(next).length ? JSON.stringify(next) : undefined });
  };

  if (types.loading && !types.data) return <PageLoading />;
  if (types.error) return <PageResult status="error" title="无法加载台账" subTitle={types.error.message} />;
  if (!type)
    return (
      <PageResult status="404" title="台账不存在" extra={<Link to={`/plans/${planId}/ledgers`}>返回台账列表</Link>} />
    );

  const remove = async (row: LedgerRow) => {
    try {
      await api('DELETE', `${base}/${type.code}/rows/${row.id}`);
      message.success('已删除');
      rows.reload();
    } catch (err) {
      message.error((err as Error).message);
    }
  };
  const columns: ColumnsType<LedgerRow> = [
    { title: '填报单位', key: 'unit', width: 140, fixed: 'left', render: (_, r) => r.unit.name },
    ...type.fields.map((f) => ({
      title: fieldHeader(f),
      key: f.key,
      width: f.type === 'text' ? 200 : f.type === 'date' ? 140 : 120,
      align: f.type === 'integer' || f.type === 'decimal' ? ('right' as const) : undefined,
      render: (_: unknown, r: LedgerRow) => ledgerCell(f, r.values[f.key]),
    })),
    {
      title: '有效期',
      key: 'valid',
      width: 200,
      render: (_, r) =>
        r.validFrom ? `${formatDateZh(r.validFrom)}${r.validTo ? ` 至 ${formatDateZh(r.validTo)}` : ' 起'}` : '',
    },
  ];
  if (writable.length > 0)
    columns.push({
      title: '操作',
      key: 'actions',
      width: 120,
      fixed: 'right',
      render: (_, r) =>
        writable.some((u) => u.id === r.unit.id) ? (
          <Space size={4}>
            <Button type="link" size="small" onClick={() => edit(r)}>
              修改
            </Button>
            <Popconfirm
              title="删除这条记录？"
              description="此前日期的统计仍计入这条记录。"
              okText="删除"
              cancelText="取消"
              onConfirm={() => remove(r)}
            >
              <Button type="link" size="small" danger>
                删除
              </Button>
            </Popconfirm>
          </Space>
        ) : null,
    });

  const enumFields = type.fields.filter((f) => f.type === 'enum');
  const validOn = params.get('validOn');
  const filtered = ['q', 'unitId', 'validOn', 'filter'].some((k) => params.get(k));
  return (
    <div className="page">
      <Breadcrumb items={[{ title: <Link to={`/plans/${planId}/ledgers`}>台账</Link> }, { title: type.name }]} />
      <div className="ledger-head">
        <Typography.Title level={3} style={{ margin: 0 }}>
          {type.name}
        </Typography.Title>
        <LedgerToolbar
          planId={planId}
          type={type}
          writable={writable}
          onNew={() => edit('new')}
          onImported={rows.reload}
        />
      </div>
      <Card size="small" className="cockpit-card">
        <Space wrap className="ledger-filters">
          <Input.Search
            aria-label="搜索"
            enterButton={searchButton}
            placeholder="搜索名称、编号等"
            allowClear
            defaultValue={params.get('q') ?? ''}
            onSearch={(q) => setParam({ q: q.trim() || undefined })}
            style={{ width: 220 }}
          />
          <Select
            aria-label="填报单位"
            placeholder="全部单位"
            allowClear
            style={{ minWidth: 160 }}
            value={params.get('unitId') ?? undefined}
            onChange={(v?: string) => setParam({ unitId: v })}
            options={type.owners.map((o) => ({ value: o.id, label: o.name }))}
            showSearch
            optionFilterProp="label"
          />
          <LazyDateInput
            aria-label="有效日期"
            placeholder="有效日期"
            value={validOn ? dayjs(validOn) : null}
            onChange={(d) => setParam({ validOn: d ? d.format('YYYY-MM-DD') : undefined })}
          />
          {enumFields.map((f) => {
            const v = filter[f.key];
            return (
              <Select
                key={f.key}
                aria-label={f.label}
                mode="multiple"
                placeholder={f.label}
                allowClear
                style={{ minWidth: 150 }}
                value={v === undefined ? [] : Array.isArray(v) ? v : [v]}
                onChange={(vals: string[]) => setFieldFilter(f.key, vals)}
                options={f.values!.map((x) => ({ value: x, label: x }))}
              />
            );
          })}
          {filtered && <Button onClick={() => setParams(new URLSearchParams())}>清除筛选</Button>}
        </Space>
        {validOn && (
          <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }}>
            <Tag color="blue">筛选</Tag>
            {formatDateZh(validOn)}有效的记录
            {Object.keys(filter).length > 0 &&
              `，${Object.entries(filter)
                .map(([k, v]) => `${type.fields.find((f) => f.key === k)?.label ?? k}：${[v].flat().join('、')}`)
                .join('；')}`}
          </Typography.Paragraph>
        )}
        <PhoneTable
          style={{ marginTop: 12 }}
          size="small"
          rowKey="id"
          loading={rows.loading}
          columns={columns}
          dataSource={rows.data?.items ?? []}
          scroll={{ x: 'max-content' }}
          pagination={{
            current: page,
            pageSize: PAGE_SIZE,
            total: rows.data?.total ?? 0,
            showSizeChanger: false,
            showTotal: (t) => `共 ${formatNumber(t)} 条`,
            itemRender: namedPageItem,
            onChange: (p) => setParam({ page: String(p) }),
          }}
          locale={{
            emptyText: (
              <Empty
                description={
                  rows.error
                    ? rows.error.message
                    : filtered
                      ? '没有符合筛选条件的记录。可清除筛选后再看。'
                      : writable.length > 0
                        ? '还没有记录。可点“新增记录”逐条填写，或下载模板填好后“导入 Excel”。'
                        : '还没有记录，由负责单位填报。'
                }
              />
            ),
          }}
        />
      </Card>
      {editorOpened && (
        <Suspense fallback={null}>
          <RowEditor
            planId={planId}
            type={type}
            units={writable}
            row={editing}
            onClose={() => setEditing(null)}
            onSaved={() => {
              setEditing(null);
              rows.reload();
            }}
          />
        </Suspense>
      )}
    </div>
  );
}
