import { Descriptions, Tag, Typography } from 'antd';
import type { Duty, Submission } from '@innocity/shared/api/reporting';
import { formatDateZh } from '@innocity/shared/format';
import type { Payload } from './DutyEntry.tsx';

const QUALITY_LABELS: Record<string, string> = { statistical: '统计数', estimated: '预估数' };
const str = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v : null);
const EMPTY = <Typography.Text type="secondary">未填写</Typography.Text>;

/**
 * What a duty's entry says, as text: the approver, the office and anyone reading an accepted
 * report read it, not grey disabled inputs that look like a form they cannot use.
 */
export function DutyReadView({
  duty,
  payload,
  contributions,
}: {
  duty: Duty;
  payload: Payload;
  contributions: Submission['contributions'];
}) {
  const items: { label: string; children: React.ReactNode }[] = [];
  if (duty.kind === 'progress') {
    if (duty.detail.task)
      items.push({
        label: '任务与时限',
        children: `${duty.detail.task}；完成时限 ${duty.detail.dueDate ? formatDateZh(duty.detail.dueDate) : '—'}`,
      });
    items.push({
      label: '本期进展情况',
      children: str(payload.text) ? <span className="read-text">{str(payload.text)}</span> : EMPTY,
    });
    items.push({
      label: '完成进度',
      children: `${(payload.percent as number | undefined) ?? 0}%${payload.done === true ? '（已全部完成）' : ''}`,
    });
    for (const c of contributions)
      items.push({
        label: `配合单位：${c.unit.name}`,
        children: <span className="read-text">{c.text}</span>,
      });
  }
  if (duty.kind === 'data_element') {
    const value = str(payload.value) ?? (typeof payload.value === 'number' ? String(payload.value) : null);
    items.push({ label: '统计期', children: duty.detail.periodLabel ?? '—' });
    items.push({
      label: '数值',
      children: value ? (
        <>
          <Typography.Text strong>{value}</Typography.Text> {duty.detail.measure}{' '}
          <Tag>{QUALITY_LABELS[String(payload.quality ?? 'statistical')] ?? '统计数'}</Tag>
        </>
      ) : (
        EMPTY
      ),
    });
    items.push({ label: '数据来源', children: str(payload.source) ?? EMPTY });
    if (str(payload.comment)) items.push({ label: '说明', children: str(payload.comment) });
  }
  if (duty.kind === 'ledger') {
    items.push({
      label: '台账',
      children: payload.confirmed === true ? `本单位${duty.title}已更新至本期` : EMPTY,
    });
    if (str(payload.note)) items.push({ label: '说明', children: str(payload.note) });
  }
  if (duty.kind === 'contribution')
    items.push({
      label: `配合${duty.detail.leadUnit ?? ''}的工作情况`,
      children: str(payload.text) ? <span className="read-text">{str(payload.text)}</span> : EMPTY,
    });
  return (
    <Descriptions
      size="small"
      column={1}
      data-testid={`read-${duty.kind}`}
      items={items.map((it, i) => ({ key: String(i), ...it }))}
    />
  );
}
