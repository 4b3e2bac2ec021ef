import { Alert, Button, Form, Input, InputNumber, Space, Typography } from 'antd';
import type { IndicatorStatus } from '@innocity/shared/api/indicators';
import { api } from '../../api/client.ts';
import { useFormSave } from './use-form-save.ts';

interface Values {
  value?: number | null;
  year?: number | null;
  note?: string | null;
}

type BaselineSource = NonNullable<IndicatorStatus['baseline']>['source'];

/** Where the baseline shown came from, so the office knows whether it is replacing its own figure. */
export const BASELINE_SOURCES: Record<BaselineSource, string> = {
  pack: '方案数据包',
  office: '办公室设定',
  data: '取自基期年份数据',
  definition: '累计指标起点',
};

/** The baseline's value, year and a note on its source; saving makes it the office's. */
export function BaselineForm({
  planId,
  indicator: i,
  onSaved,
}: {
  planId: string;
  indicator: IndicatorStatus;
  onSaved: () => void;
}) {
  const [form] = Form.useForm<Values>();
  const { busy, problem, save } = useFormSave(form, ['value', 'year', 'note'], { done: '基期值已保存', onSaved });
  const submit = (v: Values) =>
    save(() =>
      api('PUT', `/api/plans/${planId}/indicators/${i.id}/baseline`, {
        value: v.value ?? null,
        year: v.year ?? null,
        note: v.note ?? null,
      }),
    );

  return (
    <Form<Values> form={form} name="baseline" layout="vertical" onFinish={submit} initialValues={i.baseline ?? {}}>
      {problem && <Alert type="error" showIcon title={problem} style={{ marginBottom: 12 }} />}
      <Typography.Paragraph type="secondary">
        {i.baseline ? `现行基期来源：${BASELINE_SOURCES[i.baseline.source]}` : '尚未设定基期值，无法推算分年度目标。'}
      </Typography.Paragraph>
      <Space size="middle" wrap>
        <Form.Item name="value" label="基期值">
          <InputNumber style={{ width: 180 }} suffix={i.unit} />
        </Form.Item>
        <Form.Item name="year" label="基期年份">
          <InputNumber style={{ width: 120 }} precision={0} suffix="年" />
        </Form.Item>
      </Space>
      <Form.Item name="note" label="基期说明">
        <Input maxLength={500} placeholder="如：2021年末统计数" />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={busy}>
        保存基期值
      </Button>
    </Form>
  );
}
