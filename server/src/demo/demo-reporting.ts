import {
  openRoundInputSchema,
  saveDraftInputSchema,
  transitionInputSchema,
  urgeInputSchema,
  type Round,
  type Submission,
  type SubmissionAction,
} from '@innocity/shared/api/reporting';
import { closeRound, openRound } from '../modules/reporting/round.service.ts';
import { listRoundUnits } from '../modules/reporting/standing.service.ts';
import { transition } from '../modules/reporting/submission-flow.service.ts';
import { getSubmissionOf, saveDraft } from '../modules/reporting/submission.service.ts';
import { urgeUnits } from '../modules/reporting/urge.service.ts';
import { findWorkItemsByIds } from '../modules/supervision/work-item.service.ts';
import type { Actor } from '../modules/users/user.repo.ts';
import { progressOn } from './demo-supervision.ts';
import { beijing, hashShare, plusHours, type Moment, type MomentSource } from './demo-timeline.ts';
import { plusDays } from './prng.ts';
import { at, type DemoContext } from './seed-demo.ts';

/** How a round went: when it opened and closed, who was late or never reported, whose report the office sent back. */
interface RoundPlan {
  periodId: string;
  title?: string;
  open: string;
  cutoff: string;
  late: string[];
  missing: string[];
  returned: Record<string, string>;
  /** Days after the cut-off the office closes the round; the latest round stays open. */
  closeAfter: number | null;
}

const ROUND_PLANS: RoundPlan[] = [
  {
    periodId: '2023',
    title: '2023年度',
    open: '2023-12-20',
    cutoff: '2024-01-12',
    late: ['市商务局'],
    missing: [],
    returned: {},
    closeAfter: 20,
  },
  {
    periodId: '2024Q1',
    open: '2024-03-22',
    cutoff: '2024-04-10',
    late: ['茅山镇'],
    missing: [],
    returned: { 市财政局: '研发投入奖补资金兑付金额与财政决算口径不一致，请核实后重新报送。' },
    closeAfter: 20,
  },
  { periodId: '2024Q2', open: '2024-06-21', cutoff: '2024-07-10', late: [], missing: [], returned: {}, closeAfter: 20 },
  {
    periodId: '2024Q3',
    open: '2024-09-20',
    cutoff: '2024-10-15',
    late: ['下蜀镇', '市人社局'],
    missing: [],
    returned: { 市农业农村局: '“推广农业新品种新技术”进展未附佐证材料，请补充后重新报送。' },
    closeAfter: 20,
  },
  {
    periodId: '2024Q4',
    open: '2024-12-20',
    cutoff: '2025-01-10',
    late: ['市商务局'],
    missing: [],
    returned: {},
    closeAfter: 20,
  },
  {
    periodId: '2025Q1',
    open: '2025-03-21',
    cutoff: '2025-04-10',
    late: ['茅山镇'],
    missing: [],
    returned: { 市发改委: '重大项目完成投资情况表述不清，请补充具体项目个数和投资额后重新报送。' },
    closeAfter: 20,
  },
  {
    periodId: '2025Q2',
    open: '2025-06-20',
    cutoff: '2025-07-10',
    late: ['市人社局'],
    missing: [],
    returned: {},
    closeAfter: 20,
  },
  {
    periodId: '2025Q3',
    open: '2025-09-19',
    cutoff: '2025-10-14',
    late: ['市商务局', '下蜀镇'],
    missing: ['茅山镇', '市人社局'],
    returned: { 市工信局: '“培育省级智能制造示范工厂”完成进度与台账记录不符，请核实后重新报送。' },
    closeAfter: null,
  },
];

const STEPS = [
  '已制定年度工作方案并建立推进台账',
  '召开专题推进会，细化时间节点和责任分工',
  '完成项目摸排和储备，组织企业申报',
  '会同相关单位开展现场指导和跟踪服务',
  '实行月度调度，逐项跟踪推进',
];
const HELPS = ['提供了辖区企业名单和基础数据', '做好项目对接和跟踪服务', '组织辖区企业参加申报', '落实配套支持政策'];
const pick = <T>(items: T[], key: string) => items[Math.floor(hashShare(key) * items.length)]!;

/** Whether a round is the one that closes its year (its annual or fourth-quarter round). */
const closesYear = (periodId: string) => !periodId.includes('Q') || periodId.endsWith('Q4');

/** A unit's entries for its duties, as its reporter would write them on the date. */
async function entriesFor(
  c: DemoContext,
  s: Submission,
  date: string,
  corrected: boolean,
): Promise<{ dutyId: string; payload: Record<string, unknown> }[]> {
  const items = new Map(
    (
      await findWorkItemsByIds(
        c.db,
        c.planId,
        s.duties.filter((d) => d.kind !== 'data_element' && d.kind !== 'ledger').map((d) => d.refId),
      )
    ).map((w) => [w.id, w]),
  );
  const note = corrected ? '（已根据退回意见核实更正）' : '';
  return s.duties.flatMap((d): { dutyId: string; payload: Record<string, unknown> }[] => {
    const w = items.get(d.refId);
    if (d.kind === 'ledger') return [{ dutyId: d.id, payload: { confirmed: true, note: '' } }];
    if (d.kind === 'contribution' && w)
      return [{ dutyId: d.id, payload: { text: `配合${w.leadUnit.name}${pick(HELPS, d.id)}。${note}` } }];
    if (d.kind !== 'progress' || !w) return []; // data elements keep what the round pre-filled
    const p = progressOn(w, date);
    // The year's last round wraps the year up: what was still open, laggards included, is reported finished.
    const done = p.percent >= 100 || closesYear(s.round.periodId);
    const percent = done ? 100 : Math.max(p.percent, w.progress);
    const text = done
      ? `${pick(STEPS, w.id)}，已完成年度工作任务，佐证材料已上传。${note}`
      : percent === 0
        ? `已制定工作方案，明确责任分工和时间节点，正在启动实施。${note}`
        : `${pick(STEPS, w.id)}，完成年度工作任务的${percent}%${p.pastDue ? '，受前期手续影响进度滞后于计划，正在加快推进' : ''}。${note}`;
    return [{ dutyId: d.id, payload: { text, percent, done } }];
  });
}

/** One unit's report: written, approved in the unit, sent to the office, and accepted or sent back first. */
async function report(c: DemoContext, round: Round, plan: RoundPlan, unit: { id: string; name: string }, t0: string) {
  const reporter = c.people.get(unit.name);
  const approver = c.approvers.get(unit.name);
  if (!reporter || !approver) throw new Error(`示例数据：${unit.name}没有填报员或审核人账号`);
  const office = c.people.get('office')!;
  let s = await getSubmissionOf(c.db, reporter, round.id, unit.id, c.timeZone);
  const save = async (t: string, corrected: boolean, share = 1) => {
    const entries = await entriesFor(c, s, t.slice(0, 10), corrected);
    const input = saveDraftInputSchema.parse({
      version: s.version,
      entries: entries.slice(0, Math.ceil(entries.length * share)),
    });
    s = await saveDraft(c.db, reporter, s.id, input, at(t, reporter), c.timeZone);
  };
  const step = async (who: Actor, action: SubmissionAction, t: string, comment?: string) => {
    const input = transitionInputSchema.parse({ version: s.version, comment });
    s = await transition(c.db, who, s.id, action, input, at(t, who), c.timeZone);
  };
  if (plan.missing.includes(unit.name)) return save(t0, false, 0.5); // a half-written draft, never sent
  const late = plan.late.includes(unit.name);
  const sendUp = async (t: string, corrected: boolean) => {
    await save(t, corrected);
    await step(reporter, 'send_for_approval', plusHours(t, 0.5));
    await step(approver, 'approve', plusHours(t, late || corrected ? 3 : 20));
    await step(reporter, 'submit', plusHours(t, late || corrected ? 4 : 21));
  };
  await sendUp(t0, false);
  let t = plusHours(t0, 21);
  const comment = plan.returned[unit.name];
  if (comment) {
    await step(office, 'return', plusHours(t, 24), comment);
    t = plusHours(t, 48);
    await sendUp(t, true);
  }
  await step(office, 'accept', plusHours(t, 24 * c.prng.int(1, 3)));
}

/** The office urges every unit that still owes the round, the morning after the cut-off. */
async function urge(c: DemoContext, round: Round, t: string, message: string) {
  const office = c.people.get('office')!;
  const owing = (await listRoundUnits(c.db, office, round.id)).filter(
    (r) => r.status !== 'submitted' && r.status !== 'accepted',
  );
  if (owing.length === 0) return;
  const input = urgeInputSchema.parse({ roundId: round.id, unitIds: owing.map((r) => r.unit.id), message });
  await urgeUnits(c.db, office, input, at(t, office), c.timeZone);
}

/** The office opens the round; each unit's report, the urging and the closing follow as later moments. */
async function openDemoRound(c: DemoContext, plan: RoundPlan): Promise<Moment[]> {
  const office = c.people.get('office')!;
  const input = openRoundInputSchema.parse({
    planId: c.planId,
    periodId: plan.periodId,
    title: plan.title,
    cutoffDate: plan.cutoff,
    remindDaysBefore: 3,
  });
  const round = await openRound(c.db, office, input, at(beijing(plan.open, '10:00'), office), c.timeZone);
  const units = (await listRoundUnits(c.db, office, round.id))
    .map((r) => r.unit)
    .sort((a, b) => a.name.localeCompare(b.name, 'zh'));
  const moments: Moment[] = units.map((unit) => {
    const late = plan.late.includes(unit.name);
    const day = late
      ? plusDays(plan.cutoff, c.prng.int(1, 3))
      : c.prng.date(plusDays(plan.open, 2), plusDays(plan.cutoff, -3));
    const t0 = beijing(day, `${c.prng.int(10, 15)}:${String(c.prng.int(0, 59)).padStart(2, '0')}`);
    return { at: t0, run: () => report(c, round, plan, unit, t0) };
  });
  const urgeDate = plusDays(plan.cutoff, 1);
  moments.push({
    at: beijing(urgeDate, '09:30'),
    run: () => urge(c, round, beijing(urgeDate, '09:30'), '填报已过截止时间，请于今日下班前完成报送。'),
  });
  if (plan.missing.length > 0) {
    const again = plusDays(plan.cutoff, 4);
    moments.push({
      at: beijing(again, '09:30'),
      run: () =>
        urge(c, round, beijing(again, '09:30'), '经再次催办仍未报送，请主要负责同志督促落实，并书面说明原因。'),
    });
  }
  if (plan.closeAfter !== null) {
    const when = beijing(plusDays(plan.cutoff, plan.closeAfter), '17:00');
    moments.push({
      at: when,
      run: async () => void (await closeRound(c.db, office, round.id, at(when, office), c.timeZone)),
    });
  }
  c.log(`填报轮次：${round.title}，${units.length} 家单位`);
  return moments;
}

/** Every round from the 2023 annual one to 2025's third quarter. */
export const reportingMoments: MomentSource = async (c) =>
  ROUND_PLANS.map((plan) => ({ at: beijing(plan.open, '10:00'), run: () => openDemoRound(c, plan) }));
