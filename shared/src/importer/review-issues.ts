import type { z } from 'zod';
import type { FieldIssue } from '../errors.ts';
import type { PlanProposal } from './proposal.ts';
import { chineseNumeral } from './proposal-summary.ts';

/**
 * Problems of a reviewed proposal said the way the office reads them: the item (任务 3「…」), the
 * field (牵头单位) and what is wrong, at a path into the review (proposal.tasks.2.leadUnit) that
 * the review screen puts next to the field.
 */

type Issue = z.core.$ZodIssue;
type Path = readonly PropertyKey[];

const FIELD_LABELS: Record<string, string> = {
  title: '标题',
  text: '正文',
  leadUnit: '牵头单位',
  coUnits: '配合单位',
  dueDate: '完成期限',
  dueText: '完成期限',
  number: '序号',
  areaNumber: '所属领域',
  name: '名称',
  comparator: '比较方式',
  value: '目标值',
  min: '下限',
  max: '上限',
  unit: '计量单位',
  targetYear: '目标年份',
  targetDate: '目标日期',
  goal: '所属目标',
  task: '所属任务',
  sentence: '原文句子',
  sourceText: '原文句子',
  reportingUnit: '报送单位',
  startYear: '起始年份',
  endYear: '结束年份',
  documentNumber: '文号',
  issuer: '印发机关',
  region: '地区',
  issuingDate: '印发日期',
  code: '编码',
  parent: '上级单位',
  members: '成员',
  tasks: '任务',
};

const TYPE_LABELS: Record<string, string> = {
  string: '文本',
  number: '数字',
  array: '列表',
  object: '对象',
  boolean: '是或否',
};

/** Chinese messages for zod's own checks (the schemas' custom messages take precedence). */
export function zhErrorMap(issue: z.core.$ZodRawIssue): string | undefined {
  const origin = (issue as { origin?: string }).origin;
  switch (issue.code) {
    case 'too_small': {
      const min = Number((issue as { minimum?: number | bigint }).minimum);
      if (origin === 'string') return min <= 1 ? '不能为空' : `至少 ${min} 个字符`;
      if (origin === 'array') return min <= 1 ? '至少需要一项' : `至少需要 ${min} 项`;
      return `不能小于 ${min}`;
    }
    case 'too_big': {
      const max = Number((issue as { maximum?: number | bigint }).maximum);
      return origin === 'string' ? `不能超过 ${max} 个字符` : origin === 'array' ? `最多 ${max} 项` : `不能大于 ${max}`;
    }
    case 'invalid_type': {
      const expected = (issue as { expected?: string }).expected ?? '';
      return issue.input === undefined || issue.input === null
        ? '不能为空'
        : `须为${TYPE_LABELS[expected] ?? '有效值'}`;
    }
    case 'invalid_format':
      return '格式不正确';
    case 'invalid_value':
      return '取值无效';
    default:
      return undefined;
  }
}

/** How an item of the proposal is named: 任务 3「…」, 指标 5「…」, 领域（二）「…」. */
export function itemLabel(p: Partial<PlanProposal>, kind: string, index: number): string {
  const list = (p as Record<string, unknown>)[kind];
  const item = (Array.isArray(list) ? list[index] : undefined) as Record<string, unknown> | undefined;
  const number = typeof item?.number === 'number' ? item.number : index + 1;
  const name = typeof item?.title === 'string' ? item.title : typeof item?.name === 'string' ? item.name : '';
  const quoted = name ? `「${name.length > 20 ? `${name.slice(0, 20)}…` : name}」` : '';
  switch (kind) {
    case 'tasks':
      return `任务 ${number}${quoted}`;
    case 'indicators':
      return `指标 ${index + 1}${quoted}`;
    case 'goals':
      return `发展目标 ${number}${quoted}`;
    case 'areas':
      return `领域（${chineseNumeral(number)}）${quoted}`;
    case 'phases':
      return `阶段 ${number}${quoted}`;
    case 'measures':
      return `保障措施 ${number}${quoted}`;
    default:
      return kind === 'plan' ? '方案' : kind;
  }
}

/** "<item>的<field>：<message>", dropping the field's name from the message when it repeats it. */
export function describe(item: string, field: string | undefined, message: string): string {
  const label = field ? FIELD_LABELS[field] : undefined;
  if (!label) return `${item}：${message}`;
  return message.startsWith(label) ? `${item}：${message}` : `${item}的${label}：${message}`;
}

/** Issues of the proposal's own shape (the importer's schema), named by item. */
export function proposalShapeIssues(raw: unknown, issues: Issue[]): FieldIssue[] {
  const p = (raw && typeof raw === 'object' ? raw : {}) as Partial<PlanProposal>;
  return issues.map((i) => {
    const [kind, index, field] = i.path;
    const path = ['proposal', ...i.path].join('.');
    if (typeof kind === 'string' && typeof index === 'number') {
      return {
        path,
        message: describe(itemLabel(p, kind, index), typeof field === 'string' ? field : undefined, i.message),
      };
    }
    if (kind === 'plan')
      return { path, message: describe('方案', typeof index === 'string' ? index : undefined, i.message) };
    return { path, message: `方案结构有误（${i.path.join('.') || '根'}）：${i.message}` };
  });
}

/** The index in proposal.tasks of the `j`-th task of the area at `areaIndex`, as proposalToPack grouped them. */
export function taskIndexOf(p: PlanProposal, areaIndex: number, j: number): number {
  const area = p.areas[areaIndex];
  const positions = p.tasks.map((t, k) => (t.areaNumber === area?.number ? k : -1)).filter((k) => k !== -1);
  return positions[j] ?? -1;
}

/** A pack issue inside the proposal's parts (goals, areas, tasks, indicators, phases, measures). */
export function partIssue(p: PlanProposal, path: Path, message: string): FieldIssue | null {
  const [kind, index, field, j, taskField, ...rest] = path;
  if (typeof kind !== 'string' || typeof index !== 'number') return null;
  if (kind === 'areas' && field === 'tasks' && typeof j === 'number') {
    const k = taskIndexOf(p, index, j);
    const f = typeof taskField === 'string' ? taskField : undefined;
    return {
      path: ['proposal.tasks', k, ...(f ? [f] : []), ...rest].join('.'),
      message: describe(itemLabel(p, 'tasks', k), f, message),
    };
  }
  if (kind === 'areas' && field === 'tasks') {
    return {
      path: `proposal.areas.${index}`,
      message: `${itemLabel(p, 'areas', index)}：没有任务，请删除该领域或把任务移入`,
    };
  }
  if (!['goals', 'areas', 'indicators', 'phases', 'measures'].includes(kind)) return null;
  const f = field === 'sourceText' ? 'sentence' : field === 'reportingUnit' || field === 'code' ? 'task' : field;
  const tail = typeof f === 'string' ? [f] : [];
  return {
    path: [`proposal.${kind}`, index, ...tail].join('.'),
    message: describe(itemLabel(p, kind, index), typeof field === 'string' ? field : undefined, message),
  };
}
