import { Alert, Button, Form, Input, InputNumber, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import type { IndicatorStatus, UpdateTargetInput } from '@innocity/shared/api/indicators';
import { COMPARATOR_LABELS } from '@innocity/shared/plan-pack';
import { api } from '../../api/client.ts';
import { useFormSave } from './use-form-save.ts';
import { DateInput } from '../../components/DateInput.tsx';

interface Values {
  value?: number | null;
  min?: number | null;
  max?: number | null;
  targetDate?: Dayjs;
  reason?: string;
}

const FIELDS = ['value', 'min', 'max', 'targetDate', 'reason'] as const;

/** The target when the plan is revised: the numbers its comparator needs, the date, and why. */
export function TargetForm({
  planId,
  indicator: i,
  onSaved,
}: {
  planId: string;
  indicator: IndicatorStatus;
  onSaved: () => void;
}) {
  const [form] = Form.useForm<Values>();
  const { busy, problem, save } = useFormSave(form, FIELDS, { done: '目标值已调整', onSaved });
  const range = i.target.comparator === 'range';
  const submit = (v: Values) => {
    const body: UpdateTargetInput = {
      value: range ? null : (v.value ?? null),
      min: range ? (v.min ?? null) : null,
      max: range ? (v.max ?? null) : null,
      targetDate: v.targetDate?.format('YYYY-MM-DD') ?? '',
      reason: v.reason ?? '',
    };
    return save(() => api('PUT', `/api/plans/${planId}/indicators/${i.id}/target`, body));
  };
  const number = <InputNumber style={{ width: 180 }} suffix={i.unit} />;

  return (
    <Form<Values>
      form={form}
      name="target"
      layout="vertical"
      onFinish={submit}
      initialValues={{ ...i.target, targetDate: dayjs(i.target.targetDate) }}
    >
      {problem && <Alert type="error" showIcon title={problem} style={{ marginBottom: 12 }} />}
      <Form.Item label="比较方式" extra="比较方式按方案原文，调整目标时不变">
        {COMPARATOR_LABELS[i.target.comparator]}
      </Form.Item>
      {range ? (
        <Space size="middle" wrap>
          <Form.Item name="min" label="区间下限">
            {number}
          </Form.Item>
          <Form.Item name="max" label="区间上限">
            {number}
          </Form.Item>
        </Space>
      ) : (
        <Form.Item name="value" label="目标值">
          {number}
        </Form.Item>
      )}
      <Form.Item name="targetDate" label="目标日期">
        <DateInput style={{ width: 180 }} allowClear={false} />
      </Form.Item>
      <Form.Item name="reason" label="调整说明" extra="如：依据某某文件修订；记入审计日志">
        <Input.TextArea rows={2} maxLength={500} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={busy}>
        保存目标值
      </Button>
    </Form>
  );
}
