import { useState } from 'react';
import { Link } from 'react-router';
import {
  Alert,
  App,
  Button,
  Empty,
  Form,
  Input,
  InputNumber,
  Modal,
  Result,
  Space,
  Table,
  Tag,
  TimePicker,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { ROUND_PHASE_LABELS, type Round } from '@innocity/shared/api/reporting';
import type { ApiError } from '../../api/client.ts';
import { api } from '../../api/client.ts';
import { useApi } from '../../api/use-api.ts';
import { useAuth } from '../auth/AuthContext.tsx';
import { useCurrentPlan } from './use-plan.ts';
import { namedPageItem } from '../../components/a11y.tsx';
import { periodLabel } from '@innocity/shared/indicators/period';
import { currentQuarter, PeriodFields, periodIdOf, type PeriodPart } from './PeriodFields.tsx';
import { DateInput } from '../../components/DateInput.tsx';

interface OpenForm {
  periodYear: number;
  periodPart: PeriodPart;
  title?: string;
  cutoffDate: Dayjs;
  cutoffTime?: Dayjs;
  remindDaysBefore: number;
}

/** Reporting rounds: the office opens one per period; everyone sees the cut-offs and how many units have reported. */
export default function RoundsPage() {
  const { plan, error } = useCurrentPlan();
  const { user } = useAuth();
  const { message } = App.useApp();
  const rounds = useApi(
    () => (plan ? api<{ items: Round[] }>('GET', `/api/rounds?planId=${plan.id}`) : Promise.resolve({ items: [] })),
    [plan?.id],
  );
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<OpenForm>();
  const [problem, setProblem] = useState<string>();
  const isOffice = user?.roles.some((r) => r === 'office' || r === 'admin');
  if (error || rounds.error)
    return <Result status="error" title="无法加载填报轮次" subTitle={(error ?? rounds.error)?.message} />;

  const submit = async (v: OpenForm) => {
    setProblem(undefined);
    try {
      const body = {
        planId: plan!.id,
        periodId: periodIdOf(v.periodYear, v.periodPart),
        title: v.title || null,
        cutoffDate: v.cutoffDate.format('YYYY-MM-DD'),
        cutoffTime: v.cutoffTime ? v.cutoffTime.format('HH:mm') : null,
        remindDaysBefore: v.remindDaysBefore,
      };
      const r = await api<Round>('POST', '/api/rounds', body);
      message.success(`已开启${r.title}填报，共 ${r.unitCount} 个单位 ${r.dutyCount} 项任务`);
      setOpen(false);
      form.resetFields();
      rounds.reload();
    } catch (err) {
      const e = err as ApiError;
      setProblem(e.message);
      // The server names periodId; the user chose it in the quarter-or-month list.
      const field = (path: string) =>
        path.startsWith('periodId') ? 'periodPart' : (path.split('.')[0] as keyof OpenForm);
      form.setFields(e.issues.map((i) => ({ name: field(i.path), errors: [i.message] })));
    }
  };

  return (
    <div className="page">
      <div className="page-head">
        <Typography.Title level={4}>填报轮次</Typography.Title>
        {isOffice && (
          <Button type="primary" onClick={() => setOpen(true)}>
            开启填报
          </Button>
        )}
      </div>
      <Table<Round>
        rowKey="id"
        pagination={{ itemRender: namedPageItem }}
        loading={rounds.loading}
        dataSource={rounds.data?.items}
        scroll={{ x: true }}
        locale={{
          emptyText: (
            <Empty
              description={
                isOffice ? '还没有填报轮次。点击“开启填报”，选择报告期和截止时间。' : '科创委办公室尚未开启填报。'
              }
            />
          ),
        }}
        columns={[
          { title: '轮次', dataIndex: 'title', render: (t: string, r) => <Link to={`/rounds/${r.id}`}>{t}</Link> },
          { title: '报告期', dataIndex: 'periodId', render: (id: string) => periodLabel(id) },
          { title: '截止时间', dataIndex: 'cutoffLabel' },
          {
            title: '状态',
            dataIndex: 'phase',
            render: (p: Round['phase']) => (
              <Space size={4} wrap>
                <Tag color={p === 'open' ? 'blue' : p === 'past_cutoff' ? 'orange' : 'default'}>
                  {ROUND_PHASE_LABELS[p]}
                </Tag>
                {/* Past the cut-off late reports are still taken (marked late); the office decides when to close. */}
                {p === 'past_cutoff' && isOffice && (
                  <Typography.Text type="warning">迟报仍可提交，请核对后关闭本轮</Typography.Text>
                )}
              </Space>
            ),
          },
          { title: '已报送/单位', render: (_: unknown, r) => `${r.submittedCount}/${r.unitCount}` },
          { title: '已通过', dataIndex: 'acceptedCount' },
        ]}
      />
      <Modal
        open={open}
        title="开启填报"
        okText="开启"
        cancelText="取消"
        onCancel={() => setOpen(false)}
        onOk={() => form.submit()}
        destroyOnHidden
      >
        {problem && <Alert type="error" showIcon title={problem} style={{ marginBottom: 12 }} />}
        <Form
          form={form}
          layout="vertical"
          onFinish={submit}
          initialValues={{
            remindDaysBefore: 3,
            periodYear: currentQuarter(new Date()).year,
            periodPart: currentQuarter(new Date()).part,
          }}
        >
          <PeriodFields />
          <Form.Item name="title" label="轮次名称" extra="不填则按报告期命名，如“2025年第三季度”">
            <Input />
          </Form.Item>
          <Form.Item
            name="cutoffDate"
            label="截止日期"
            rules={[{ required: true, message: '请选择截止日期' }]}
            extra="不填时间则截止到当日 24:00（北京时间）"
          >
            <DateInput style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="cutoffTime" label="截止时间">
            <TimePicker format="HH:mm" style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="remindDaysBefore" label="截止前几天开始提醒">
            <InputNumber min={0} max={30} />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}
