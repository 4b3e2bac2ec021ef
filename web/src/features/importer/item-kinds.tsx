import type { ReactNode } from 'react';
import { Tag } from 'antd';
import type { ItemKind, ItemOf } from '@innocity/shared/importer/proposal-edits';
import type { PlanProposal, ProposalIndicator, ProposalTask } from '@innocity/shared/importer/proposal';
import { chineseNumeral, describeTarget } from '@innocity/shared/importer/proposal-summary';
import { dueLabel } from '@innocity/shared/due-date';

export type FieldType =
  'text' | 'textarea' | 'number' | 'year' | 'unit' | 'units' | 'comparator' | 'area' | 'goal' | 'task' | 'due';

/** One editable field of an item: its key, Chinese label and input. */
export interface FieldDef {
  name: string;
  label: string;
  type: FieldType;
  required?: boolean;
}

/** How the review lists and edits one kind of item. */
export interface KindConfig {
  kind: ItemKind;
  label: string;
  fields: FieldDef[];
  mergeable: boolean;
  title(item: ItemOf<ItemKind>, p: PlanProposal): string;
  meta(item: ItemOf<ItemKind>, p: PlanProposal): ReactNode;
}

const text = (name: string, label: string, required = true): FieldDef => ({ name, label, type: 'text', required });
const body = (name: string, label: string): FieldDef => ({ name, label, type: 'textarea', required: true });

function taskMeta(t: ProposalTask): ReactNode {
  return (
    <span className="import-units">
      {t.leadUnit ? <Tag color="red">{t.leadUnit}</Tag> : <Tag color="warning">未填牵头单位</Tag>}
      {t.coUnits.map((u) => (
        <Tag key={u}>{u}</Tag>
      ))}
      {(t.dueDate || t.dueText) && (
        <Tag color={t.dueDate ? 'orange' : 'default'} className="import-due">
          期限 {dueLabel(t.dueDate, t.dueText)}
        </Tag>
      )}
    </span>
  );
}

function indicatorMeta(i: ProposalIndicator): ReactNode {
  const owner = i.goal !== null ? `发展目标 ${i.goal}` : i.task !== null ? `任务 ${i.task}` : '未归属';
  return (
    <span>
      <Tag color="blue">{describeTarget(i)}</Tag>
      <Tag>{i.targetYear}年</Tag>
      <Tag color={i.goal === null && i.task === null ? 'warning' : undefined}>{owner}</Tag>
    </span>
  );
}

const untitled = (s: string) => s || '（未填）';
type Goal = PlanProposal['goals'][number];
type Area = PlanProposal['areas'][number];
type Measure = PlanProposal['measures'][number];

/** The number an item carries (indicators have none). */
export const numberOf = (item: ItemOf<ItemKind>): number | undefined => ('number' in item ? item.number : undefined);

export const KINDS: Record<ItemKind, KindConfig> = {
  tasks: {
    kind: 'tasks',
    label: '重点任务',
    mergeable: true,
    fields: [
      text('title', '任务标题'),
      { name: 'areaNumber', label: '所属领域', type: 'area', required: true },
      { name: 'leadUnit', label: '牵头单位', type: 'unit', required: true },
      { name: 'coUnits', label: '配合单位', type: 'units' },
      { name: 'dueText', label: '完成期限', type: 'due' },
      body('text', '任务内容'),
    ],
    title: (t) => `${(t as ProposalTask).number}. ${untitled((t as ProposalTask).title)}`,
    meta: (t) => taskMeta(t as ProposalTask),
  },
  indicators: {
    kind: 'indicators',
    label: '目标指标',
    mergeable: false,
    fields: [
      text('name', '指标名称'),
      { name: 'comparator', label: '比较方式', type: 'comparator', required: true },
      { name: 'value', label: '目标值', type: 'number' },
      { name: 'min', label: '下限（区间）', type: 'number' },
      { name: 'max', label: '上限（区间）', type: 'number' },
      text('unit', '计量单位'),
      { name: 'targetYear', label: '目标年份', type: 'year', required: true },
      { name: 'goal', label: '所属发展目标', type: 'goal' },
      { name: 'task', label: '所属任务', type: 'task' },
      body('sentence', '原文句子'),
    ],
    title: (i) => untitled((i as ProposalIndicator).name),
    meta: (i) => indicatorMeta(i as ProposalIndicator),
  },
  goals: {
    kind: 'goals',
    label: '发展目标',
    mergeable: true,
    fields: [text('title', '目标标题'), body('text', '目标内容')],
    title: (g) => `${(g as Goal).number}. ${untitled((g as Goal).title)}`,
    meta: (g, p) => `${p.indicators.filter((i) => i.goal === (g as Goal).number).length} 个指标`,
  },
  areas: {
    kind: 'areas',
    label: '重点领域',
    mergeable: true,
    fields: [text('title', '领域名称')],
    title: (a) => `（${chineseNumeral((a as Area).number)}）${untitled((a as Area).title)}`,
    meta: (a, p) => `${p.tasks.filter((t) => t.areaNumber === (a as Area).number).length} 项任务`,
  },
  phases: {
    kind: 'phases',
    label: '实施阶段',
    mergeable: true,
    fields: [
      text('name', '阶段名称'),
      { name: 'startYear', label: '起始年份', type: 'year', required: true },
      { name: 'endYear', label: '结束年份', type: 'year', required: true },
      body('text', '阶段内容'),
    ],
    title: (ph) => untitled((ph as PlanProposal['phases'][number]).name),
    meta: (ph) => {
      const x = ph as PlanProposal['phases'][number];
      return `${x.startYear ?? '?'}—${x.endYear ?? '?'}年`;
    },
  },
  measures: {
    kind: 'measures',
    label: '保障措施',
    mergeable: true,
    fields: [text('title', '措施标题'), body('text', '措施内容')],
    title: (m) => `（${chineseNumeral((m as Measure).number)}）${untitled((m as Measure).title)}`,
    meta: () => null,
  },
};
