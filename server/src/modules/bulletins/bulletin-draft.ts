import type { BulletinBlock, BulletinContent } from '@innocity/shared/api/bulletins';
import type { Area } from '@innocity/shared/api/plans';
import type { PlanWorkItemFact } from '../assessment/plan-facts.ts';
import { formatDateZh } from '@innocity/shared/format';
import { periodLabel } from '@innocity/shared/indicators/period';
import { buildAnnexes } from './bulletin-annexes.ts';
import {
  isOverdue,
  itemsOfYear,
  joinNames,
  roundStanding,
  roundUrgings,
  tally,
  yearOf,
  type BulletinFacts,
} from './bulletin-facts.ts';

// Official prose writes 180家 and ≥180家, without the spaces the platform's number formats put in.
const tight = (text: string) => text.replace(/\s+/g, '');

const h1 = (text: string): BulletinBlock => ({ kind: 'heading1', text });
const h2 = (text: string): BulletinBlock => ({ kind: 'heading2', text });
const p = (text: string): BulletinBlock => ({ kind: 'paragraph', text });

const LIGHT_GROUPS = [
  { light: 'green', heading: '进展较好的指标', tail: '亮绿灯，进展符合或快于序时要求' },
  { light: 'yellow', heading: '需加快推进的指标', tail: '亮黄灯，进度慢于序时要求' },
  { light: 'red', heading: '进展滞后的指标', tail: '亮红灯，与序时目标差距较大' },
  { light: 'grey', heading: '数据缺报的指标', tail: '暂无数据或数据逾期未报，无法研判进展' },
] as const;

function overview(f: BulletinFacts): BulletinBlock[] {
  const count = (light: string) => f.indicators.filter((i) => i.light === light).length;
  const t = tally(itemsOfYear(f), f.asOf);
  const standing = roundStanding(f);
  const n = (k: string) => standing.filter((s) => s.timeliness === k).length;
  const lights = [`绿灯${count('green')}项`, `黄灯${count('yellow')}项`, `红灯${count('red')}项`];
  const grey = count('grey') ? `，暂无数据或数据逾期${count('grey')}项` : '';
  const indicators = `截至${formatDateZh(f.asOf)}，方案确定的${f.indicators.length}项目标指标中，${lights.join('、')}${grey}。`;
  const items = t.total
    ? `${yearOf(f)}年度分解工作事项${t.total}项，已完成${t.done}项、推进中${t.inProgress}项、未开始${t.notStarted}项、逾期${t.overdue}项，平均进度${t.averageProgress}%。`
    : `${yearOf(f)}年度工作事项尚未分解。`;
  const reporting = standing.length
    ? `本轮填报应报单位${standing.length}家，按时报送${n('on_time')}家，迟报${n('late')}家，未报${n('missing')}家。`
    : '';
  return [h1('总体情况'), p(indicators + items + reporting)];
}

function indicatorSection(f: BulletinFacts): BulletinBlock[] {
  const blocks: BulletinBlock[] = [h1('目标指标进展情况')];
  for (const g of LIGHT_GROUPS) {
    const list = f.indicators.filter((i) => i.light === g.light);
    if (list.length === 0) continue;
    const named = list.map((i) =>
      i.valueText
        ? `${i.name}${tight(i.valueText)}（目标${tight(i.targetText)}，${i.statusLabel}）`
        : `${i.name}（${i.reportingUnitName ?? '责任单位未定'}）`,
    );
    blocks.push(h2(g.heading), p(`${joinNames(named)}，共${list.length}项指标${g.tail}。`));
  }
  blocks.push(p('各项指标进展情况详见附件1。'));
  return blocks;
}

function taskLine(f: BulletinFacts, task: Area['tasks'][number], items: PlanWorkItemFact[]): string {
  const own = items.filter((w) => w.taskId === task.id);
  const head = `任务${task.number}“${task.title}”（${task.leadUnit.name}牵头）`;
  if (own.length === 0) return `${head}尚未分解年度工作事项`;
  const t = tally(own, f.asOf);
  const late = own.filter((w) => isOverdue(w, f.asOf)).map((w) => `“${w.title}”（${w.leadUnitName}）`);
  return `${head}分解事项${t.total}项，已完成${t.done}项，平均进度${t.averageProgress}%${late.length ? `，逾期${joinNames(late)}` : ''}`;
}

function taskSection(f: BulletinFacts): BulletinBlock[] {
  const items = itemsOfYear(f);
  const tasks = f.areas.flatMap((a) => a.tasks);
  const blocks: BulletinBlock[] = [h1('重点任务推进情况')];
  // Nothing decomposed yet: one sentence says so, rather than the same words for every task.
  if (items.length === 0) {
    return [
      ...blocks,
      p(
        `方案确定的${tasks.length}项重点任务尚未分解${yearOf(f)}年度工作事项，各牵头单位要会同配合单位尽快细化年度工作事项，明确责任人和完成时限。`,
      ),
    ];
  }
  for (const area of f.areas) {
    const lines = area.tasks.map((task) => taskLine(f, task, items));
    blocks.push(h2(area.title), p(`${lines.join('；')}。`));
  }
  blocks.push(p('各项重点任务推进情况详见附件2。'));
  return blocks;
}

function unitSection(f: BulletinFacts): BulletinBlock[] {
  const standing = roundStanding(f);
  if (standing.length === 0) return [];
  const names = (k: string) => standing.filter((s) => s.timeliness === k);
  const blocks: BulletinBlock[] = [h1('各单位报送情况')];
  const onTime = names('on_time');
  if (onTime.length)
    blocks.push(
      h2('按时报送的单位'),
      p(`${joinNames(onTime.map((s) => s.unitName))}等${onTime.length}家单位按时、完整报送了本季度进展情况。`),
    );
  const late = names('late').map((s) => `${s.unitName}（迟报${s.lateDays ?? 0}天）`);
  const missing = names('missing').map((s) => s.unitName);
  if (late.length || missing.length) {
    const parts = [
      late.length ? `${joinNames(late)}未在截止时间前报送` : '',
      missing.length ? `${joinNames(missing)}截至通报时仍未报送` : '',
    ].filter(Boolean);
    blocks.push(h2('迟报、未报的单位'), p(`${parts.join('；')}。`));
  }
  if (f.ranking) {
    const ranked = f.ranking.scores.filter((s) => s.rank !== null);
    const top = ranked.slice(0, 3).map((s) => `${s.unitName}（${s.total}分）`);
    const bottom = ranked.slice(-3).map((s) => `${s.unitName}（${s.total}分）`);
    blocks.push(
      h2('考核评分情况'),
      p(`根据${f.ranking.label}考核评分，排名前列的单位是${joinNames(top)}；排名靠后的单位是${joinNames(bottom)}。`),
    );
  }
  blocks.push(p('各单位报送情况详见附件3。'));
  return blocks;
}

function urgingSection(f: BulletinFacts): BulletinBlock[] {
  const urgings = roundUrgings(f);
  if (urgings.length === 0) return [h1('督查督办情况'), p('本轮填报期间未发生催办。')];
  const units = [...new Set(urgings.map((u) => u.unitName))];
  const detail = urgings.map(
    (u) => `${formatDateZh(u.date).replace(/^\d+年/, '')}催办${u.unitName}${u.message ? `（${u.message}）` : ''}`,
  );
  return [
    h1('督查督办情况'),
    p(`本轮填报期间，市科创委办公室共催办${urgings.length}次，涉及${units.length}家单位：${joinNames(detail)}。`),
  ];
}

const ORDINALS = ['一', '二', '三', '四', '五'];

function requirements(f: BulletinFacts): BulletinBlock[] {
  const lagging = f.indicators.filter((i) => i.light === 'red' || i.light === 'yellow').length;
  const missing = f.indicators.filter((i) => i.light === 'grey').length;
  const overdue = itemsOfYear(f).filter((w) => isOverdue(w, f.asOf)).length;
  const late = roundStanding(f).filter((s) => s.timeliness !== 'on_time' && s.timeliness !== 'pending').length;
  const asks = [
    lagging
      ? `加快滞后指标攻坚。对亮红灯、黄灯的${lagging}项指标，责任单位要逐项分析原因，制定赶超措施，确保完成年度目标。`
      : '巩固指标向好态势。各责任单位要保持工作力度，确保各项指标按序时推进、年底全面完成。',
    overdue
      ? `狠抓逾期事项整改。对${overdue}项逾期工作事项，牵头单位要明确完成时限和责任人，逐项销号，市科创委办公室将跟踪督办。`
      : itemsOfYear(f).length
        ? '压茬推进重点任务。各牵头单位要对照年度工作事项，倒排工期、挂图作战，确保按期完成。'
        : '加快分解年度任务。各牵头单位要尽快将重点任务分解为年度工作事项，明确责任单位、完成时限和佐证材料。',
    late || missing
      ? `提高报送质量。${missing ? `对暂无数据的${missing}项指标，责任单位要尽快报送数据；` : ''}各单位要严格按照填报时间节点如实报送，迟报、未报单位要说明原因。`
      : '提高报送质量。各单位要继续严格按照时间节点如实报送进展情况和佐证材料。',
    '强化统筹调度。市科创委办公室将按季度通报推进情况，通报结果纳入年度高质量发展考核。',
  ];
  return [h1('下一步工作要求'), ...asks.map((a, i) => p(`${ORDINALS[i]}是${a}`))];
}

/** The draft of a bulletin written from the facts: the office edits it before publishing. */
export function draftBulletin(f: BulletinFacts, today: string): BulletinContent {
  const issuer = `${f.plan.region}科技创新委员会办公室`;
  const period = periodLabel(f.round.periodId);
  const intro = `为深入推进《${f.plan.title}》（${f.plan.documentNumber}）落实，市科创委办公室对${period}各项目标指标和重点任务推进情况进行了调度。现将有关情况通报如下：`;
  return {
    issuer,
    title: `关于${period}创新型示范市建设工作推进情况的通报`,
    recipients: '各镇（街道）、园区，市各有关部门',
    blocks: [
      p(intro),
      ...overview(f),
      ...indicatorSection(f),
      ...taskSection(f),
      ...unitSection(f),
      ...urgingSection(f),
      ...requirements(f),
    ],
    signature: issuer,
    date: today,
    cc: '市委办公室，市人民政府办公室，市委考核办',
    printer: issuer,
    annexes: buildAnnexes(f),
    demo: f.demo,
  };
}
