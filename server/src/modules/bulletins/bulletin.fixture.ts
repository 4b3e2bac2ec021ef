import fs from 'node:fs';
import path from 'node:path';
import type { Area } from '@innocity/shared/api/plans';
import { planWordingSchema, type PlanWording } from '@innocity/shared/api/plan-settings';
import { STATUS_LABELS, STATUS_LIGHTS, type Status } from '@innocity/shared/indicators/status';
import { formatFigure, formatTarget } from '@innocity/shared/format';
import { PACKS_DIR, DEFAULT_PACK } from '../plans/plan-pack.service.ts';
import type { PlanIndicatorFact, PlanWorkItemFact } from '../assessment/plan-facts.ts';
import type { BulletinFacts } from './bulletin-facts.ts';

// Test data only: Jurong's plan as of 10 October 2025, the third quarter's round closed on
// 25 September, with values, work items and reporting that read like a real quarter.

interface PackIndicator {
  code: string;
  name: string;
  comparator: 'gte';
  value: number | null;
  min: number | null;
  max: number | null;
  unit: string;
  reportingUnit: string;
}
interface PackArea {
  number: number;
  title: string;
  tasks: { number: number; title: string; text: string; leadUnit: string }[];
}

const VALUES: Record<string, [number | null, Status]> = {
  'specialized-incubators': [4, 'completed_early'],
  'incubation-carriers': [14, 'on_schedule'],
  'rd-platforms': [21, 'completed_early'],
  'incubator-floor-area': [108.6, 'behind'],
  'incubated-firms': [432, 'on_schedule'],
  'maker-spaces': [3, 'completed_early'],
  'rd-institution-rate': [63.5, 'behind'],
  'high-value-patents-per-10k': [6.9, 'behind'],
  'high-tech-enterprises': [172, 'on_schedule'],
  'high-tech-output-share': [46.2, 'completed_early'],
  'high-tech-profit-share': [48.7, 'far_behind'],
  'tech-smes': [386, 'on_schedule'],
  'iur-projects': [274, 'on_schedule'],
  'sci-tech-funding': [8.7, 'behind'],
  'new-tech-applications': [41, 'on_schedule'],
  'agri-tech-contribution': [71.2, 'on_schedule'],
  'fiscal-st-growth': [10.8, 'threshold_near'],
  'rd-spending-growth': [null, 'overdue'],
  'rd-gdp-ratio': [2.64, 'behind'],
  'key-tech-projects': [88, 'on_schedule'],
  'leading-cluster-taxable-sales': [318, 'far_behind'],
  'potential-unicorns': [1, 'completed_early'],
  'new-rd-institutions': [0, 'behind'],
  'agri-tech-enterprises': [36, 'on_schedule'],
};

const REPORTING_UNITS = [
  '市科技局',
  '市发改委',
  '市工信局',
  '市统计局',
  '市财政局',
  '市农业农村局',
  '市市场监管局',
  '市人才办',
  '华阳街道',
  '黄梅街道',
  '崇明街道',
  '下蜀镇',
  '白兔镇',
  '边城镇',
  '宝华镇',
  '郭庄镇',
  '后白镇',
  '茅山镇',
  '天王镇',
  '江苏句容经济开发区',
];
const LATE: Record<string, number> = { 市统计局: 2, 白兔镇: 3 };
const MISSING = new Set(['后白镇', '茅山镇']);

function pack() {
  return JSON.parse(fs.readFileSync(path.join(PACKS_DIR, DEFAULT_PACK), 'utf8')) as {
    indicators: PackIndicator[];
    areas: PackArea[];
  };
}

function indicators(list: PackIndicator[]): PlanIndicatorFact[] {
  return list.map((i) => {
    const [value, status] = VALUES[i.code] ?? [null, 'no_data'];
    const valueText = value === null ? null : formatFigure(value, i.unit, i);
    return {
      id: i.code,
      code: i.code,
      name: i.name,
      reportingUnitId: i.reportingUnit,
      reportingUnitName: i.reportingUnit,
      status,
      statusLabel: STATUS_LABELS[status],
      light: STATUS_LIGHTS[status],
      valueText,
      targetText: formatTarget(i).replace(/ /g, ''),
      goalNumber: null,
      taskNumber: null,
      figure: value === null ? null : { value, unit: i.unit, target: i },
    };
  });
}

function areas(list: PackArea[]): Area[] {
  const ref = (name: string) => ({ id: name, name, kind: 'unit' as const, mode: null, members: [] });
  return list.map((a) => ({
    id: `area-${a.number}`,
    number: a.number,
    title: a.title,
    tasks: a.tasks.map((t) => ({
      id: `task-${t.number}`,
      number: t.number,
      title: t.title,
      text: t.text,
      leadUnit: ref(t.leadUnit),
      coUnits: [],
    })),
  }));
}

function workItems(list: Area[]): PlanWorkItemFact[] {
  // Two or three items a task; every fourth open item is past due, the rest spread over the year.
  return list
    .flatMap((a) => a.tasks)
    .flatMap((t, n) =>
      [0, 1, 2].slice(0, 2 + (n % 2)).map((k) => {
        const done = (n + k) % 3 === 0;
        const overdue = !done && (n + k) % 4 === 1;
        const due = done ? '2025-06-30' : overdue ? '2025-09-15' : '2025-12-20';
        return {
          id: `w-${t.number}-${k}`,
          title: `${t.title}年度工作事项${k + 1}`,
          leadUnitId: t.leadUnit.id,
          leadUnitName: t.leadUnit.name,
          year: 2025,
          dueDate: due,
          status: done ? 'done' : 'open',
          progress: done ? 100 : overdue ? 40 : 55 + k * 10,
          doneDate: done ? '2025-06-20' : null,
          taskNumber: t.number,
          taskId: t.id,
          sourceKind: 'task' as const,
        };
      }),
    );
}

/** Jurong's wording, as its pack sets it. */
export function jurongWording(): PlanWording {
  const raw = JSON.parse(fs.readFileSync(path.join(PACKS_DIR, DEFAULT_PACK), 'utf8')) as { wording: unknown };
  return planWordingSchema.parse(raw.wording);
}

/** The facts of Jurong's 2025Q3 bulletin. */
export function jurongQ3Facts(): BulletinFacts {
  const p = pack();
  const planAreas = areas(p.areas);
  const units = REPORTING_UNITS.map((name) => ({ id: name, name }));
  return {
    plan: {
      id: 'plan',
      title: '句容市争创省创新型示范市建设方案',
      documentNumber: '句委办〔2022〕79号',
      region: '句容市',
    },
    asOf: '2025-10-10',
    demo: false,
    units,
    areas: planAreas,
    indicators: indicators(p.indicators),
    workItems: workItems(planAreas),
    rounds: [{ id: 'r-2025Q3', title: '2025年第三季度', periodId: '2025Q3', cutoffDate: '2025-09-25' }],
    timeliness: units.map((u) => ({
      roundId: 'r-2025Q3',
      unitId: u.id,
      timeliness: MISSING.has(u.name) ? 'missing' : LATE[u.name] ? 'late' : 'on_time',
      completeness: MISSING.has(u.name) ? 0 : 1,
      changesAfterAcceptance: 0,
      lateDays: LATE[u.name] ?? null,
    })),
    urgings: [
      ...['市统计局', '白兔镇', '后白镇', '茅山镇'].map((name) => ({
        roundId: 'r-2025Q3',
        unitId: name,
        unitName: name,
        date: '2025-09-26',
        byName: '市科创委办公室',
        message: '',
      })),
      ...['后白镇', '茅山镇'].map((name) => ({
        roundId: 'r-2025Q3',
        unitId: name,
        unitName: name,
        date: '2025-09-30',
        byName: '市科创委办公室',
        message: '',
      })),
    ],
    round: { id: 'r-2025Q3', title: '2025年第三季度', periodId: '2025Q3', cutoffDate: '2025-09-25' },
    ranking: null,
  };
}
