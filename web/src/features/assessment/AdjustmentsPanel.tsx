import { useState } from 'react';
import {
  Alert,
  App,
  Button,
  Form,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Radio,
  Select,
  Space,
  Table,
  Tag,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { Scheme } from '@innocity/shared/api/assessment';
import type { UnitNode } from '@innocity/shared/api/plans';
import { ADJUSTMENT_KIND_LABELS } from '@innocity/shared/assessment/inputs';
import { api, type ApiError } from '../../api/client.ts';
import { useApi } from '../../api/use-api.ts';
import { DateInput } from '../../components/DateInput.tsx';

type Row = Scheme['adjustments'][number];
interface AdjustmentForm {
  unitId: string;
  kind: 'bonus' | 'deduction';
  points: number;
  reason: string;
  evidence: string;
  date: Dayjs;
}

const flatten = (nodes: UnitNode[]): UnitNode[] => nodes.flatMap((n) => [n, ...flatten(n.children)]);

/** Bonus and deduction entries (加减分) of a scheme: each with its unit, points, reason, evidence and date. */
export function AdjustmentsPanel({
  scheme,
  editable,
  onChanged,
}: {
  scheme: Scheme;
  editable: boolean;
  onChanged: () => void;
}) {
  const { message } = App.useApp();
  const units = useApi(
    () => (editable ? api<{ items: UnitNode[] }>('GET', '/api/units') : Promise.resolve({ items: [] })),
    [editable],
  );
  const [editing, setEditing] = useState<Row | 'new' | null>(null);
  const [problem, setProblem] = useState<string>();
  const [form] = Form.useForm<AdjustmentForm>();

  const open = (row: Row | 'new') => {
    setProblem(undefined);
    form.setFieldsValue(
      row === 'new'
        ? { kind: 'bonus', points: 1, date: dayjs(), unitId: undefined, reason: '', evidence: '' }
        : { ...row, date: dayjs(row.date) },
    );
    setEditing(row);
  };
  const submit = async (v: AdjustmentForm) => {
    const body = { ...v, date: v.date.format('YYYY-MM-DD') };
    try {
      if (editing === 'new') await api('POST', `/api/assessment/schemes/${scheme.id}/adjustments`, body);
      else await api('PUT', `/api/assessment/adjustments/${(editing as Row).id}`, body);
      message.success('已保存加减分');
      setEditing(null);
      onChanged();
    } catch (err) {
      const e = err as ApiError;
      setProblem(e.message);
      form.setFields(
        e.issues.map((i) => ({ name: i.path.split('.')[0] as keyof AdjustmentForm, errors: [i.message] })),
      );
    }
  };
  const remove = async (row: Row) => {
    await api('DELETE', `/api/assessment/adjustments/${row.id}`);
    message.success('已删除');
    onChanged();
  };

  return (
    <div className="page">
      {editable && (
        <Button type="primary" onClick={() => open('new')}>
          认定加减分
        </Button>
      )}
      <Table<Row>
        rowKey="id"
        size="small"
        dataSource={scheme.adjustments}
        pagination={false}
        scroll={{ x: true }}
        locale={{ emptyText: '暂无加减分记录' }}
        columns={[
          { title: '单位', dataIndex: 'unitName' },
          {
            title: '类别',
            dataIndex: 'kind',
            render: (k: Row['kind']) => <Tag color={k === 'bonus' ? 'green' : 'red'}>{ADJUSTMENT_KIND_LABELS[k]}</Tag>,
          },
          { title: '分值', dataIndex: 'points' },
          { title: '理由', dataIndex: 'reason' },
          { title: '依据', dataIndex: 'evidence' },
          { title: '认定日期', dataIndex: 'date' },
          ...(editable
            ? [
                {
                  title: '操作',
                  key: 'ops',
                  render: (_: unknown, r: Row) => (
                    <Space>
                      <Button size="small" onClick={() => open(r)}>
                        修改
                      </Button>
                      <Popconfirm title="删除这条加减分？" okText="删除" cancelText="取消" onConfirm={() => remove(r)}>
                        <Button size="small" danger>
                          删除
                        </Button>
                      </Popconfirm>
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      <Modal
        open={editing !== null}
        title="认定加减分"
        okText="保存"
        cancelText="取消"
        onCancel={() => setEditing(null)}
        onOk={() => form.submit()}
        destroyOnHidden
      >
        {problem && <Alert type="error" showIcon title={problem} style={{ marginBottom: 12 }} />}
        <Form form={form} layout="vertical" onFinish={submit}>
          <Form.Item name="unitId" label="单位" rules={[{ required: true, message: '请选择单位' }]}>
            <Select
              showSearch
              optionFilterProp="label"
              options={flatten(units.data?.items ?? [])
                .filter((u) => !u.disabled)
                .map((u) => ({ value: u.id, label: u.name }))}
            />
          </Form.Item>
          <Form.Item name="kind" label="类别">
            <Radio.Group
              options={[
                { value: 'bonus', label: '加分' },
                { value: 'deduction', label: '减分' },
              ]}
            />
          </Form.Item>
          <Form.Item name="points" label="分值" rules={[{ required: true, message: '请填写分值' }]}>
            <InputNumber min={0.01} max={100} step={0.5} />
          </Form.Item>
          <Form.Item name="reason" label="理由" rules={[{ required: true, message: '请填写加减分理由' }]}>
            <Input.TextArea rows={2} maxLength={500} />
          </Form.Item>
          <Form.Item
            name="evidence"
            label="依据"
            rules={[{ required: true, message: '请填写佐证依据（文件、通报或记录）' }]}
          >
            <Input maxLength={500} placeholder="如 苏科计〔2025〕66号、督查通报第3期" />
          </Form.Item>
          <Form.Item name="date" label="认定日期" rules={[{ required: true, message: '请选择认定日期' }]}>
            <DateInput />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}
