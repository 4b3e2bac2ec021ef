import { Button, Card, Collapse, Input, InputNumber, Select, Space, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import {
  MEASURES,
  MEASURE_LABELS,
  RULE_LABELS,
  type Credits,
  type Measure,
  type Rule,
  type SchemeItem,
} from '@innocity/shared/assessment/scheme';

// Shares are stored 0–1 and edited as percentages.
const toPct = (n: number) => Math.round(n * 1000) / 10;
const fromPct = (n: number | null) => Math.min(1, Math.max(0, (n ?? 0) / 100));

const CREDIT_FIELDS: Record<Measure, { key: keyof Credits; label: string }[]> = {
  task_completion: [
    { key: 'doneLate', label: '逾期完成折算' },
    { key: 'overdue', label: '逾期未完成的进度折算' },
  ],
  indicator_progress: [
    { key: 'green', label: '绿灯' },
    { key: 'yellow', label: '黄灯' },
    { key: 'red', label: '红灯' },
    { key: 'grey', label: '灰灯（缺数、逾期）' },
  ],
  reporting_timeliness: [
    { key: 'onTime', label: '按时报送' },
    { key: 'late', label: '迟报' },
    { key: 'missing', label: '未报' },
    { key: 'correction', label: '每次通过后更正扣减' },
  ],
};

const Pct = ({ value, onChange, label }: { value: number; onChange: (v: number) => void; label: string }) => (
  <InputNumber
    aria-label={label}
    size="small"
    min={0}
    max={100}
    value={toPct(value)}
    suffix="%"
    style={{ width: 100 }}
    onChange={(v) => onChange(fromPct(v))}
  />
);

function RuleEditor({ rule, onChange }: { rule: Rule; onChange: (r: Rule) => void }) {
  if (rule.kind === 'linear') {
    return (
      <Space wrap>
        完成度 <Pct label="零分线" value={rule.zeroAt} onChange={(zeroAt) => onChange({ ...rule, zeroAt })} /> 及以下得
        0 分，
        <Pct label="满分线" value={rule.fullAt} onChange={(fullAt) => onChange({ ...rule, fullAt })} />{' '}
        及以上得满分，其间按比例
      </Space>
    );
  }
  const set = (i: number, band: { min: number; share: number }) =>
    onChange({ ...rule, bands: rule.bands.map((b, j) => (j === i ? band : b)) });
  return (
    <Space direction="vertical" size={4}>
      {rule.bands.map((b, i) => (
        <Space key={i} wrap>
          完成度 ≥ <Pct label={`第${i + 1}档下限`} value={b.min} onChange={(min) => set(i, { ...b, min })} /> 得权重的
          <Pct label={`第${i + 1}档得分比例`} value={b.share} onChange={(share) => set(i, { ...b, share })} />
          <Button
            size="small"
            type="text"
            aria-label="删除此档"
            icon={<DeleteOutlined />}
            onClick={() => onChange({ ...rule, bands: rule.bands.filter((_, j) => j !== i) })}
          />
        </Space>
      ))}
      <Button
        size="small"
        icon={<PlusOutlined />}
        onClick={() => onChange({ ...rule, bands: [...rule.bands, { min: 0, share: 0 }] })}
      >
        加一档
      </Button>
    </Space>
  );
}

const defaultRule = (kind: Rule['kind']): Rule =>
  kind === 'linear'
    ? { kind, zeroAt: 0, fullAt: 1 }
    : {
        kind,
        bands: [
          { min: 0.9, share: 1 },
          { min: 0.6, share: 0.7 },
          { min: 0, share: 0.4 },
        ],
      };

/** One item of a scheme: name, what it measures, weight, the rule that turns the measure into points, and the credits it counts with. */
export function ItemEditor({
  item,
  editable,
  onChange,
  onRemove,
}: {
  item: SchemeItem;
  editable: boolean;
  onChange: (i: SchemeItem) => void;
  onRemove: () => void;
}) {
  return (
    <Card
      size="small"
      title={
        <Space wrap>
          <Input
            aria-label="考核项名称"
            disabled={!editable}
            value={item.name}
            style={{ width: 200 }}
            onChange={(e) => onChange({ ...item, name: e.target.value })}
          />
          <Select<Measure>
            aria-label="考核内容"
            disabled={!editable}
            value={item.measure}
            style={{ width: 180 }}
            options={MEASURES.map((m) => ({ value: m, label: MEASURE_LABELS[m] }))}
            onChange={(measure) => onChange({ ...item, measure })}
          />
          <InputNumber
            aria-label="权重"
            disabled={!editable}
            min={0}
            max={100}
            value={item.weight}
            suffix="分"
            style={{ width: 110 }}
            onChange={(v) => onChange({ ...item, weight: v ?? 0 })}
          />
        </Space>
      }
      extra={
        editable && <Button type="text" danger aria-label="删除考核项" icon={<DeleteOutlined />} onClick={onRemove} />
      }
    >
      <fieldset disabled={!editable} style={{ border: 0, padding: 0, margin: 0 }}>
        <Space wrap style={{ marginBottom: 8 }}>
          <Typography.Text type="secondary">计分规则</Typography.Text>
          <Select<Rule['kind']>
            aria-label="计分规则"
            value={item.rule.kind}
            style={{ width: 120 }}
            options={(['linear', 'bands'] as const).map((k) => ({ value: k, label: RULE_LABELS[k] }))}
            onChange={(k) => onChange({ ...item, rule: defaultRule(k) })}
          />
        </Space>
        <RuleEditor rule={item.rule} onChange={(rule) => onChange({ ...item, rule })} />
        <Collapse
          size="small"
          ghost
          items={[
            {
              key: 'credits',
              label: '计分口径',
              children: (
                <Space wrap>
                  {CREDIT_FIELDS[item.measure].map((f) => (
                    <span key={f.key}>
                      {f.label}{' '}
                      <Pct
                        label={f.label}
                        value={item.credits[f.key]}
                        onChange={(v) => onChange({ ...item, credits: { ...item.credits, [f.key]: v } })}
                      />
                    </span>
                  ))}
                </Space>
              ),
            },
          ]}
        />
      </fieldset>
    </Card>
  );
}
