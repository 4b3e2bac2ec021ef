import { Alert, Button, Empty, Form, Input, InputNumber, Tag } from 'antd';
import type { IndicatorStatus } from '@innocity/shared/api/indicators';
import { formatNumber } from '@innocity/shared/format';
import { api } from '../../api/client.ts';
import { formatValue } from '../indicators/indicator-format.ts';
import { useFormSave } from './use-form-save.ts';

type Values = Record<string, number | string | null | undefined>;

const field = (year: number) => `y${year}`;

/** The years the office may set: strictly between the baseline year and the target year. */
export function milestoneYears(i: IndicatorStatus, planBaselineYear: number): number[] {
  const first = (i.baseline?.year ?? planBaselineYear) + 1;
  const last = Number(i.target.targetDate.slice(0, 4)) - 1;
  return Array.from({ length: Math.max(0, last - first + 1) }, (_, k) => first + k);
}

/**
 * One input per year between baseline and target. An office value is filled in; an interpolated
 * one shows as the placeholder, so clearing an input hands that year back to interpolation.
 */
export function MilestonesForm({
  planId,
  planBaselineYear,
  indicator: i,
  onSaved,
}: {
  planId: string;
  planBaselineYear: number;
  indicator: IndicatorStatus;
  onSaved: () => void;
}) {
  const [form] = Form.useForm<Values>();
  const years = milestoneYears(i, planBaselineYear);
  const place = (path: string) => {
    const m = /^items\.(\d+)\./.exec(path);
    return m ? field(years[Number(m[1])] ?? 0) : undefined;
  };
  const fields = [...years.map(field), 'note'];
  const { busy, problem, save } = useFormSave(form, fields, { done: '分年度目标已保存', onSaved, place });
  if (i.method.kind === 'threshold') return <Empty description="此指标按阈值判断（如年均增幅），不设分年度目标。" />;
  if (!i.baseline || years.length === 0)
    return <Empty description={i.baseline ? '基期与目标之间没有中间年份。' : '请先设定基期值，再设定分年度目标。'} />;
  const byYear = new Map(i.milestones.map((m) => [m.year, m]));
  const initial: Values = {};
  for (const y of years) if (byYear.get(y)?.source === 'office') initial[field(y)] = byYear.get(y)!.value;
  const submit = (v: Values) =>
    save(() =>
      api('PUT', `/api/plans/${planId}/indicators/${i.id}/milestones`, {
        items: years.map((year) => ({ year, value: typeof v[field(year)] === 'number' ? v[field(year)] : null })),
        note: v.note || null,
      }),
    );

  return (
    <Form<Values>
      form={form}
      name="milestones"
      layout="horizontal"
      labelCol={{ flex: '72px' }}
      onFinish={submit}
      initialValues={initial}
    >
      {problem && <Alert type="error" showIcon title={problem} style={{ marginBottom: 12 }} />}
      {years.map((y) => {
        const m = byYear.get(y);
        const office = m?.source === 'office';
        return (
          <Form.Item key={y} label={`${y}年`} extra={office ? '清空后恢复插值' : undefined}>
            <div className="milestone-row" data-testid={`milestone-${y}`}>
              <Form.Item name={field(y)} noStyle>
                <InputNumber
                  aria-label={`${y}年分年度目标`}
                  style={{ width: 180 }}
                  suffix={i.unit}
                  placeholder={m ? formatNumber(m.value) : undefined}
                />
              </Form.Item>
              <Tag color={office ? 'blue' : 'default'}>
                {office ? '办公室设定' : `插值 ${m ? formatValue(m.value, i) : '—'}`}
              </Tag>
            </div>
          </Form.Item>
        );
      })}
      <Form.Item name="note" label="说明">
        <Input maxLength={500} placeholder="可选，如：依据年度工作要点" />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={busy}>
        保存分年度目标
      </Button>
    </Form>
  );
}
