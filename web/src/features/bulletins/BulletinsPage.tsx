import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { Alert, App, Button, Empty, Form, Modal, Result, Select, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { BULLETIN_STATUS_LABELS, type Bulletin, type BulletinSummary } from '@innocity/shared/api/bulletins';
import type { Round } from '@innocity/shared/api/reporting';
import { api, type ApiError } from '../../api/client.ts';
import { useApi } from '../../api/use-api.ts';
import { useAuth } from '../auth/AuthContext.tsx';
import { localTime } from '../reporting/labels.tsx';
import { useCurrentPlan } from '../reporting/use-plan.ts';
import { FileButtons } from './FileButtons.tsx';
import { namedPageItem } from '../../components/a11y.tsx';
import { PhoneTable } from '../../components/PhoneTable.tsx';
import { DateInput } from '../../components/DateInput.tsx';
import { formatDateZh } from '@innocity/shared/format';
import { PeriodFields, periodIdOf, type PeriodPart } from '../reporting/PeriodFields.tsx';

interface GenerateForm {
  roundId?: string;
  periodYear?: number;
  periodPart?: PeriodPart;
  asOf: Dayjs;
}

/** 情况通报: the archive of published issues with downloads for everyone; drafts and “生成通报” for the office. */
export default function BulletinsPage() {
  const { plan, error } = useCurrentPlan();
  const { user } = useAuth();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const office = user?.roles.some((r) => r === 'office' || r === 'admin') ?? false;
  const list = useApi(
    () =>
      plan
        ? api<{ items: BulletinSummary[] }>('GET', `/api/plans/${plan.id}/bulletins`)
        : Promise.resolve({ items: [] }),
    [plan?.id],
  );
  const rounds = useApi(
    () =>
      plan && office ? api<{ items: Round[] }>('GET', `/api/rounds?planId=${plan.id}`) : Promise.resolve({ items: [] }),
    [plan?.id, office],
  );
  const [open, setOpen] = useState(false);
  const [problem, setProblem] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<GenerateForm>();
  if (error || list.error)
    return <Result status="error" title="无法加载情况通报" subTitle={(error ?? list.error)?.message} />;

  const generate = async (v: GenerateForm) => {
    setProblem(undefined);
    setBusy(true);
    try {
      const b = await api<Bulletin>('POST', `/api/plans/${plan!.id}/bulletins`, {
        roundId: v.roundId || undefined,
        periodId: v.roundId || !v.periodYear || !v.periodPart ? undefined : periodIdOf(v.periodYear, v.periodPart),
        asOf: v.asOf.format('YYYY-MM-DD'),
      });
      message.success('已生成通报草稿');
      navigate(`/bulletins/${b.id}`);
    } catch (err) {
      setProblem((err as ApiError).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="page">
      <div className="page-head">
        <Typography.Title level={4}>情况通报</Typography.Title>
        {office && (
          <Button type="primary" onClick={() => setOpen(true)}>
            生成通报
          </Button>
        )}
      </div>
      <PhoneTable<BulletinSummary>
        rowKey="id"
        pagination={{ itemRender: namedPageItem }}
        loading={list.loading}
        dataSource={list.data?.items}
        scroll={{ x: true }}
        locale={{
          emptyText: (
            <Empty description={office ? '还没有通报。点击“生成通报”，按填报轮次生成草稿。' : '尚未印发情况通报。'} />
          ),
        }}
        columns={[
          {
            title: '期号',
            dataIndex: 'issueLabel',
            render: (l: string, b) => (b.status === 'draft' ? <Tag>{BULLETIN_STATUS_LABELS.draft}</Tag> : l),
          },
          { title: '标题', dataIndex: 'title', render: (t: string, b) => <Link to={`/bulletins/${b.id}`}>{t}</Link> },
          { title: '报告期', dataIndex: 'roundTitle' },
          { title: '数据截至', dataIndex: 'asOf', render: (d: string) => formatDateZh(d) },
          { title: '印发时间', dataIndex: 'publishedAt', render: localTime },
          {
            title: '下载',
            key: 'files',
            render: (_: unknown, b) =>
              b.status === 'published' ? <FileButtons bulletinId={b.id} size="small" /> : '—',
          },
        ]}
      />
      <Modal
        open={open}
        title="生成通报草稿"
        okText="生成"
        cancelText="取消"
        confirmLoading={busy}
        onCancel={() => setOpen(false)}
        onOk={() => form.submit()}
        destroyOnHidden
      >
        {problem && <Alert type="error" showIcon title={problem} style={{ marginBottom: 12 }} />}
        <Form form={form} layout="vertical" onFinish={generate} initialValues={{ asOf: dayjs() }}>
          <Form.Item name="roundId" label="填报轮次" extra="按所选轮次的填报、催办情况和截至日期的数据生成">
            <Select
              allowClear
              placeholder="选择填报轮次"
              options={rounds.data?.items.map((r) => ({ value: r.id, label: r.title }))}
            />
          </Form.Item>
          <Form.Item noStyle shouldUpdate>
            {({ getFieldValue }) =>
              !getFieldValue('roundId') && <PeriodFields label="报告期（不选轮次时）" lead="将通报" />
            }
          </Form.Item>
          <Form.Item name="asOf" label="数据截至日期" rules={[{ required: true, message: '请选择数据截至日期' }]}>
            <DateInput allowClear={false} />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}
