import { COUNTY_CATEGORIES, defaultSchemeBody } from '@innocity/shared/assessment/scheme';
import { adjustmentInputSchema, publishScoresSchema } from '@innocity/shared/api/assessment';
import { addAdjustment, createScheme } from '../modules/assessment/assessment-scheme.service.ts';
import { publishScores, type AssessmentEnv } from '../modules/assessment/assessment-score.service.ts';
import { planFactsSource } from '../modules/assessment/plan-facts.ts';
import { listRounds } from '../modules/reporting/round.service.ts';
import { getPlan } from '../modules/plans/plan.service.ts';
import { wordingOf } from '../modules/plans/plan-settings.service.ts';
import { beijing, demoLookups, type Moment, type MomentSource } from './demo-timeline.ts';
import { at, type DemoContext } from './seed-demo.ts';

/** What the assessment and bulletin services read, as the demo server wires them. */
export const demoFacts = (c: DemoContext) => planFactsSource({ timeZone: c.timeZone, demo: true });

const ADJUSTMENTS = [
  {
    date: '2025-03-18',
    unit: '市科技局',
    kind: 'bonus',
    points: 2,
    reason: '成功创建省级科技企业孵化器，获省科技厅通报表扬',
    evidence: '省科技厅通报（示例）',
  },
  {
    date: '2025-06-20',
    unit: '茅山镇',
    kind: 'deduction',
    points: 1,
    reason: '专项督查发现镇级科技服务站建设进度滞后、台账资料不完整',
    evidence: '2025年创新型示范市建设专项督查反馈意见（示例）',
  },
] as const;

/** Quarterly scores the office publishes a few days after each 2025 round's cut-off. */
const PUBLICATIONS = [
  { periodId: '2025Q1', label: '2025年第一季度', date: '2025-04-16' },
  { periodId: '2025Q2', label: '2025年第二季度', date: '2025-07-16' },
];

/** The 2025 scheme (tasks 40, indicators 40, reporting 20; ranked within 部门 / 镇（街道）/ 园区), its bonus and deduction, and the published quarters. */
export const assessmentMoments: MomentSource = async (c) => {
  const office = c.people.get('office')!;
  const env: AssessmentEnv = { facts: demoFacts(c), demo: true };
  let schemeId = '';
  const moments: Moment[] = [
    {
      at: beijing('2025-01-24', '10:00'),
      run: async () => {
        const now = beijing('2025-01-24', '10:00');
        // 分类考核 as county assessments run it: departments, towns and streets, parks ranked apart.
        const { programme } = await wordingOf(c.db, await getPlan(c.db, office, c.planId));
        const body = { ...defaultSchemeBody(2025, programme), categories: COUNTY_CATEGORIES };
        schemeId = (await createScheme(c.db, office, c.planId, { year: 2025, body }, at(now, office))).id;
      },
    },
    ...ADJUSTMENTS.map((a) => ({
      at: beijing(a.date, '15:00'),
      run: async () => {
        const l = await demoLookups(c);
        const input = adjustmentInputSchema.parse({ ...a, unitId: l.unit(a.unit) });
        await addAdjustment(c.db, office, schemeId, input, at(beijing(a.date, '15:00'), office));
      },
    })),
    ...PUBLICATIONS.map((p) => ({
      at: beijing(p.date, '16:00'),
      run: async () => {
        const round = (await listRounds(c.db, office, c.planId, c.timeZone)).find((r) => r.periodId === p.periodId)!;
        // As of the day of publishing, not the cut-off: by then late reports are in and count as late.
        const input = publishScoresSchema.parse({ label: p.label, roundId: round.id, asOf: p.date });
        await publishScores(c.db, office, schemeId, input, at(beijing(p.date, '16:00'), office), env);
        c.log(`考核：发布${p.label}考核结果`);
      },
    })),
  ];
  return moments;
};
