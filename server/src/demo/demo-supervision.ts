import {
  createWorkItemSchema,
  inspectionInputSchema,
  instructionInputSchema,
  meetingInputSchema,
} from '@innocity/shared/api/supervision';
import { createWorkItem, findWorkItemsByIds, verifyWorkItem } from '../modules/supervision/work-item.service.ts';
import { giveInstruction, recordInspection, recordMeeting } from '../modules/supervision/source.service.ts';
import type { WorkItemRecord } from '../modules/supervision/work-item.repo.ts';
import { beijing, demoLookups, hashShare, type MomentSource } from './demo-timeline.ts';
import { at, type DemoContext } from './seed-demo.ts';

/** One yearly work item of a task: its lead unit, what it is, the month-day it is due and its co-units. */
interface ItemPlan {
  task: number;
  lead: string;
  title: string;
  due: string;
  co?: string[];
}

const KAIFAQU = '江苏句容经济开发区';

/** How the office decomposes Jurong's 19 tasks each year (the same items, year after year, as offices do). */
const YEARLY_ITEMS: ItemPlan[] = [
  { task: 1, lead: '市科技局', title: '组织实施关键核心技术攻关项目', due: '12-31', co: ['市工信局'] },
  { task: 1, lead: '市工信局', title: '推进四大主导产业集群强链补链', due: '12-31', co: ['市发改委'] },
  { task: 1, lead: KAIFAQU, title: '建设新能源产业创新联合体', due: '09-30' },
  { task: 2, lead: '市科技局', title: '实施绿色低碳技术攻关专项', due: '09-30', co: ['市发改委'] },
  { task: 2, lead: '市工信局', title: '推动重点企业节能降碳技术改造', due: '12-31' },
  { task: 3, lead: '市科技局', title: '开展智慧农业、智慧医疗应用场景示范', due: '12-31', co: ['市农业农村局'] },
  { task: 3, lead: '市工信局', title: '培育省级智能制造示范工厂', due: '10-31' },
  { task: 3, lead: '宝华镇', title: '建设数字经济产业园', due: '12-31' },
  { task: 4, lead: '市科技局', title: '对接南京高校院所共建新型研发机构', due: '06-30', co: ['宝华镇'] },
  { task: 4, lead: '宝华镇', title: '承接仙林大学城科技成果转化项目', due: '12-31' },
  { task: 5, lead: '市发改委', title: '推进宁句创新走廊重点项目建设', due: '12-31', co: ['市科技局'] },
  { task: 5, lead: '下蜀镇', title: '建设沿江绿色科创产业带', due: '12-31' },
  { task: 6, lead: '市发改委', title: '编制特色产业培育清单并动态调整', due: '03-31' },
  { task: 6, lead: '市工信局', title: '培育专精特新中小企业', due: '12-31' },
  { task: 7, lead: '市发改委', title: '推进枢纽经济重大项目前期工作', due: '09-30' },
  { task: 7, lead: '华阳街道', title: '建设高铁站片区科创载体', due: '12-31' },
  {
    task: 8,
    lead: '市科技局',
    title: '培育高新技术企业',
    due: '12-31',
    co: ['市财政局', '华阳街道', '下蜀镇', '茅山镇'],
  },
  { task: 8, lead: '市科技局', title: '新建省级以上研发平台', due: '11-30', co: ['市工信局'] },
  { task: 8, lead: '市财政局', title: '落实企业研发投入奖补政策', due: '06-30' },
  { task: 9, lead: '市科技局', title: '引育科技服务机构和技术经纪人', due: '12-31', co: ['华阳街道'] },
  { task: 9, lead: '茅山镇', title: '建设镇级科技服务站', due: '09-30' },
  { task: 10, lead: '市科技局', title: '推动孵化器、众创空间提档升级', due: '12-31', co: [KAIFAQU] },
  { task: 10, lead: '市人社局', title: '建设创业孵化基地并开展创业培训', due: '10-31' },
  { task: 11, lead: '市科技局', title: '组织校地企产学研对接活动', due: '06-30', co: ['市人才办'] },
  { task: 11, lead: '市科技局', title: '推动企业与高校共建联合研发中心', due: '12-31' },
  { task: 12, lead: '市科技局', title: '组织企业参加国际科技合作交流活动', due: '09-30' },
  { task: 12, lead: '市人才办', title: '引进海外高层次人才团队', due: '12-31' },
  { task: 13, lead: '市商务局', title: '开展科技招商专题推介活动', due: '06-30', co: ['市科技局'] },
  { task: 13, lead: '市科技局', title: '引进落地科技型项目', due: '12-31', co: ['市商务局', KAIFAQU] },
  { task: 14, lead: '市科技局', title: '修订科技创新政策实施细则', due: '05-31', co: ['市财政局'] },
  { task: 14, lead: '市科技局', title: '开展科技政策实施效果评估', due: '11-30' },
  { task: 15, lead: '市人才办', title: '实施高层次创新创业人才引育计划', due: '12-31', co: ['市人社局', '市科技局'] },
  { task: 15, lead: '市人社局', title: '建设博士后科研工作站', due: '10-31' },
  { task: 16, lead: '市财政局', title: '扩大科技贷款风险补偿资金池规模', due: '09-30', co: ['市科技局'] },
  { task: 16, lead: '市科技局', title: '推广“苏科贷”等科技金融产品', due: '12-31' },
  { task: 17, lead: '市市场监管局', title: '培育高价值发明专利', due: '12-31' },
  { task: 17, lead: '市市场监管局', title: '开展知识产权质押融资和保护专项行动', due: '09-30', co: ['下蜀镇'] },
  { task: 18, lead: '市农业农村局', title: '推广农业新品种新技术', due: '10-31', co: ['市科技局'] },
  { task: 18, lead: '市科技局', title: '建设农业科技示范基地', due: '12-31', co: ['茅山镇'] },
  { task: 19, lead: '市科技局', title: '实施社会发展领域科技项目', due: '12-31' },
  { task: 19, lead: '市科技局', title: '开展科技活动周和科普宣传', due: '06-30' },
];

const DEMO_ITEM_YEARS = [2023, 2024, 2025];

/** Each year's items, decomposed by the office in the second half of January. */
const decomposition: MomentSource = async (c) => {
  const office = c.people.get('office')!;
  return DEMO_ITEM_YEARS.map((year) => ({
    at: beijing(`${year}-01-${17 + (year % 3)}`, '10:00'),
    run: async () => {
      const l = await demoLookups(c);
      const now = beijing(`${year}-01-${17 + (year % 3)}`, '10:00');
      for (const item of YEARLY_ITEMS) {
        const input = createWorkItemSchema.parse({
          planId: c.planId,
          taskId: l.task(item.task),
          year,
          title: item.title,
          leadUnitId: l.unit(item.lead),
          coUnitIds: (item.co ?? []).map(l.unit),
          dueDate: `${year}-${item.due}`,
          expectedEvidence: '工作方案、推进台账、成果证明等佐证材料',
        });
        await createWorkItem(c.db, office, input, at(now, office), clock(c, now));
      }
      c.log(`工作事项：${year}年分解 ${YEARLY_ITEMS.length} 项`);
    },
  }));
};

const clock = (c: DemoContext, now: string) => ({ now, timeZone: c.timeZone });

/** The office's 2025 first-quarter dispatch meeting; its decisions become work items. */
const dispatchMeeting: MomentSource = async (c) => {
  const now = beijing('2025-04-25', '15:30');
  return [
    {
      at: now,
      run: async () => {
        const l = await demoLookups(c);
        const office = c.people.get('office')!;
        const decision = (task: number, title: string, lead: string, due: string, co: string[] = []) => ({
          taskId: l.task(task),
          year: 2025,
          title,
          leadUnitId: l.unit(lead),
          coUnitIds: co.map(l.unit),
          dueDate: due,
          expectedEvidence: '落实情况报告及佐证材料',
        });
        const input = meetingInputSchema.parse({
          planId: c.planId,
          kind: 'dispatch',
          title: '2025年第一季度创新型示范市建设工作调度会',
          heldOn: '2025-04-25',
          attendees: ['分管市领导', '市科创委办公室', '市科技局', '市发改委', '市工信局', '市财政局', '市人才办'],
          minutes:
            '会议听取了一季度目标指标和重点任务推进情况汇报，分析了高新技术企业培育、研发投入等指标进度偏慢的原因，部署了二季度重点工作。',
          decisions: [
            decision(8, '制定高新技术企业培育入库三年行动计划', '市科技局', '2025-06-30', ['市财政局']),
            decision(16, '设立科技成果转化引导基金', '市财政局', '2025-09-30', ['市科技局']),
            decision(5, '梳理宁句创新走廊重大项目清单并建立月调度机制', '市发改委', '2025-05-31'),
          ],
        });
        await recordMeeting(c.db, office, input, at(now, office), clock(c, now));
        c.log('督查督办：调度会 1 次，议定事项 3 项');
      },
    },
  ];
};

/** The leader's instruction on the high-tech enterprise target, tracked as a work item. */
const leaderInstruction: MomentSource = async (c) => {
  const now = beijing('2025-05-08', '11:00');
  return [
    {
      at: now,
      run: async () => {
        const l = await demoLookups(c);
        const leader = c.people.get('leader')!;
        const input = instructionInputSchema.parse({
          planId: c.planId,
          text: '高新技术企业培育是创新型示范市建设的关键指标，目前进度偏慢。请市科技局会同有关镇（街道）逐家排查后备企业，确保完成年度目标。',
          taskId: l.task(8),
          year: 2025,
          title: '逐家排查高新技术企业后备企业并建立培育清单',
          leadUnitId: l.unit('市科技局'),
          coUnitIds: [l.unit('华阳街道'), l.unit('下蜀镇')],
          dueDate: '2025-07-31',
          expectedEvidence: '后备企业培育清单',
        });
        await giveInstruction(c.db, leader, input, at(now, leader), clock(c, now));
      },
    },
  ];
};

/** The June 2025 special inspection; each finding is a rectification item the office must verify. */
const inspection: MomentSource = async (c) => {
  const now = beijing('2025-06-12', '16:00');
  return [
    {
      at: now,
      run: async () => {
        const l = await demoLookups(c);
        const inspector = c.people.get('inspector')!;
        const finding = (task: number, unit: string, title: string, requirement: string, deadline: string) => ({
          taskId: l.task(task),
          unitId: l.unit(unit),
          title,
          requirement,
          deadline,
        });
        const input = inspectionInputSchema.parse({
          planId: c.planId,
          kind: 'inspection',
          title: '2025年创新型示范市建设专项督查',
          heldOn: '2025-06-12',
          organizer: '市委督查室、市政府督查室',
          summary:
            '督查组采取听取汇报、查阅台账、实地察看等方式，对部分部门和镇（街道）进行了督查。总体看，各单位推进有力，但也存在台账资料不完整、个别项目进度滞后等问题。',
          findings: [
            finding(
              8,
              '市科技局',
              '科技型中小企业评价入库台账不完整，部分企业信息未及时更新',
              '逐家核对入库企业信息，补齐台账资料',
              '2025-08-31',
            ),
            finding(
              9,
              '茅山镇',
              '镇级科技服务站建设进度滞后，服务功能不完善',
              '明确建设节点，配齐服务人员',
              '2025-09-30',
            ),
            finding(
              17,
              '市市场监管局',
              '知识产权质押融资工作推进不平衡，部分镇（街道）尚未破零',
              '建立重点企业清单，逐镇推动质押融资破零',
              '2025-11-30',
            ),
          ],
        });
        await recordInspection(c.db, inspector, input, at(now, inspector), clock(c, now));
        c.log('督查督办：专项督查 1 次，整改事项 3 项');
      },
    },
  ];
};

/** After the third-quarter round the office checks the rectifications reported done, with their evidence. */
const verification: MomentSource = async (c) => {
  const now = beijing('2025-10-16', '10:00');
  return [
    {
      at: now,
      run: async () => {
        const office = c.people.get('office')!;
        const rows = await c.db
          .selectFrom('work_items')
          .select('id')
          .where('plan_id', '=', c.planId)
          .where('awaiting_verification', '=', 1)
          .execute();
        const items = await findWorkItemsByIds(
          c.db,
          c.planId,
          rows.map((r) => r.id),
        );
        for (const w of items.sort((a, b) => a.title.localeCompare(b.title)))
          await verifyWorkItem(
            c.db,
            office,
            w.id,
            { version: w.version, comment: '经核查佐证材料，整改到位，予以销号' },
            at(now, office),
            clock(c, now),
          );
      },
    },
  ];
};

export const supervisionMoments: MomentSource[] = [
  decomposition,
  dispatchMeeting,
  leaderInstruction,
  inspection,
  verification,
];

/**
 * How far an item has come by a date: elapsed share of its span times its pace (fixed per item),
 * in steps of 5%. About one item in eight is a laggard that runs at 60% pace and misses its date.
 */
export function progressOn(w: Pick<WorkItemRecord, 'year' | 'title' | 'startDate' | 'dueDate'>, date: string) {
  const share = hashShare(`${w.year}${w.title}`);
  const laggard = share < 0.13;
  const pace = laggard ? 0.6 : 0.95 + share * 0.3;
  const span = Math.max(1, Date.parse(w.dueDate) - Date.parse(w.startDate));
  const elapsed = (Date.parse(date) - Date.parse(w.startDate)) / span;
  const reached = Math.max(0, elapsed * pace);
  return { percent: Math.min(100, Math.round((reached * 100) / 5) * 5), pastDue: date > w.dueDate };
}
