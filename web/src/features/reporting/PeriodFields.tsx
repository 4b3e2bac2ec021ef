import { Form, Select, Space } from 'antd';
import { formatPeriodId, periodLabel, type Period } from '@innocity/shared/indicators/period';

/** The part of a year a period covers: the whole year, a quarter or a month. */
export type PeriodPart = 'year' | `Q${1 | 2 | 3 | 4}` | `M${number}`;

const QUARTERS = ['一', '二', '三', '四'];
export const PERIOD_PART_OPTIONS: { label: string; options: { value: PeriodPart; label: string }[] }[] = [
  { label: '年度', options: [{ value: 'year', label: '全年' }] },
  {
    label: '季度',
    options: QUARTERS.map((q, i) => ({ value: `Q${i + 1}` as PeriodPart, label: `第${q}季度` })),
  },
  {
    label: '月度',
    options: Array.from({ length: 12 }, (_, i) => ({ value: `M${i + 1}` as PeriodPart, label: `${i + 1}月` })),
  },
];

/** The period id (2025, 2025Q3, 202509) the two pickers stand for. */
export function periodIdOf(year: number, part: PeriodPart): string {
  const p: Period =
    part === 'year'
      ? { kind: 'year', year }
      : part.startsWith('Q')
        ? { kind: 'quarter', year, quarter: Number(part.slice(1)) }
        : { kind: 'month', year, month: Number(part.slice(1)) };
  return formatPeriodId(p);
}

/** The quarter a date falls in, as the pickers' default: the office usually opens the quarter just ended or under way. */
export function currentQuarter(d: Date): { year: number; part: PeriodPart } {
  return { year: d.getFullYear(), part: `Q${Math.floor(d.getMonth() / 3) + 1}` as PeriodPart };
}

/**
 * 报告期 chosen from lists (a year, then the whole year, a quarter or a month) instead of typed
 * codes like "2025Q4", with the period spelled out beneath as it will be shown.
 */
export function PeriodFields({ label = '报告期', lead = '将开启' }: { label?: string; lead?: string } = {}) {
  const thisYear = new Date().getFullYear();
  const years = Array.from({ length: 7 }, (_, i) => thisYear + 1 - i);
  const year = Form.useWatch<number | undefined>('periodYear');
  const part = Form.useWatch<PeriodPart | undefined>('periodPart');
  return (
    <Form.Item
      label={label}
      required
      extra={year && part ? `${lead}：${periodLabel(periodIdOf(year, part))}` : undefined}
    >
      <Space.Compact style={{ width: '100%' }}>
        <Form.Item name="periodYear" noStyle rules={[{ required: true, message: '请选择报告期的年份' }]}>
          <Select
            aria-label="报告期年份"
            style={{ width: '45%' }}
            options={years.map((y) => ({ value: y, label: `${y}年` }))}
          />
        </Form.Item>
        <Form.Item name="periodPart" noStyle rules={[{ required: true, message: '请选择季度或月份' }]}>
          <Select aria-label="报告期季度或月份" style={{ width: '55%' }} options={PERIOD_PART_OPTIONS} />
        </Form.Item>
      </Space.Compact>
    </Form.Item>
  );
}
