import type { BulletinBlock, BulletinContent } from '@innocity/shared/api/bulletins';
import type { Area } from '@innocity/shared/api/plans';
import type { PlanWording } from '@innocity/shared/api/plan-settings';
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

/** A name in quotation marks; quotation marks inside it become single ones, as 公文 nests them. */
const quoted = (title: string) => `“${title.replace(/“/g, '‘').replace(/”/g, '’')}”`;

/** "已完成16项、推进中28项、逾期4项": the non-zero counts only, so no sentence says 未开始0项. */
const counted = (parts: [n: number, label: string, measure?: string][]) =>
  parts
    .filter(([n]) => n > 0)
    .map(([n, label, measure = '项']) => `${label}${n}${measure}`)
    .join('、');

/** What the round's period is called in "本季度进展情况": 季度, 月 or 年度. */
const periodNoun = (periodId: string) => (periodId.includes('Q') ? '季度' : periodId.length === 6 ? '月' : '年度');

/** 10月15日: the month and day of a date within the bulletin's year. */
const monthDay = (date: string) => formatDateZh(date).replace(/^\d+年/, '');

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
    ? `${yearOf(f)}年度分解工作事项${t.total}项，${counted([
        [t.done, '已完成'],
        [t.inProgress, '推进中'],
        [t.notStarted, '未开始'],
        [t.overdue, '逾期'],
      ])}，平均进度${t.averageProgress}%。`
    : `${yearOf(f)}年度工作事项尚未分解。`;
  const behind = n('late') + n('missing');
  const reporting = !standing.length
    ? ''
    : behind === 0 && n('pending') === 0
      ? `本轮填报应报单位${standing.length}家，均已按时报送。`
      : `本轮填报应报单位${standing.length}家，${counted([
          [n('on_time'), '按时报送', '家'],
          [n('late'), '迟报', '家'],
          [n('missing'), '未报', '家'],
          [n('pending'), '尚未报送', '家'],
        ])}。`;
  return [h1('总体情况'), p(indicators + items + reporting)];
}

/** An indicator as prose names it: 在孵企业434家（目标≥450家，按序时）; without a value, its reporting unit. */
const indicatorPhrase = (i: BulletinFacts['indicators'][number]) =>
  i.valueText
    ? `${i.name}${tight(i.valueText)}（目标${tight(i.targetText)}，${i.statusLabel}）`
    : `${i.name}（${i.reportingUnitName ?? '责任单位未定'}）`;

/** Statuses that mean the target is already reached: these lead the green group. */
const REACHED = new Set(['completed', 'completed_early', 'threshold_met']);

/**
 * The green group is most of the plan: it says first how many are green, then which have already
 * reached their targets and which are on schedule, rather than one list of eighteen.
 */
function greenText(list: BulletinFacts['indicators'], tail: string): string {
  const reached = list.filter((i) => REACHED.has(i.status));
  const onTrack = list.filter((i) => !REACHED.has(i.status));
  if (reached.length === 0 || onTrack.length === 0)
    return `${joinNames(list.map(indicatorPhrase))}，共${list.length}项指标${tail}。`;
  return (
    `共${list.length}项指标亮绿灯。其中，已完成或达到目标的${reached.length}项：` +
    `${joinNames(reached.map(indicatorPhrase))}；进展符合或快于序时要求的${onTrack.length}项：` +
    `${joinNames(onTrack.map(indicatorPhrase))}。`
  );
}

function indicatorSection(f: BulletinFacts): BulletinBlock[] {
  const blocks: BulletinBlock[] = [h1('目标指标进展情况')];
  for (const g of LIGHT_GROUPS) {
    const list = f.indicators.filter((i) => i.light === g.light);
    if (list.length === 0) continue;
    const text =
      g.light === 'green'
        ? greenText(list, g.tail)
        : `${joinNames(list.map(indicatorPhrase))}，共${list.length}项指标${g.tail}。`;
    blocks.push(h2(g.heading), p(text));
  }
  blocks.push(p('各项指标进展情况详见附件1。'));
  return blocks;
}

function taskLine(f: BulletinFacts, task: Area['tasks'][number], items: PlanWorkItemFact[]): string {
  const own = items.filter((w) => w.taskId === task.id);
  const head = `任务${task.number}${quoted(task.title)}（${task.leadUnit.name}牵头）`;
  if (own.length === 0) return `${head}尚未分解年度工作事项`;
  const t = tally(own, f.asOf);
  if (t.done === t.total) return `${head}分解事项${t.total}项，已全部完成`;
  // A rectification's title names the problem found, so it is introduced as such.
  const named = (w: PlanWorkItemFact) => `${w.sourceKind === 'inspection' ? '整改事项' : ''}${quoted(w.title)}`;
  const late = own.filter((w) => isOverdue(w, f.asOf)).map((w) => `${named(w)}（${w.leadUnitName}）`);
  const done = t.done ? `，已完成${t.done}项` : '';
  return `${head}分解事项${t.total}项${done}，平均进度${t.averageProgress}%${late.length ? `，其中${joinNames(late)}已逾期` : ''}`;
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

type Ranked = NonNullable<BulletinFacts['ranking']>['scores'][number];

/** The top and the bottom of one ranking (one category), ranks as scored: ties share a rank (1, 1, 3). */
function rankingPart(ranked: Ranked[]): string {
  const scored = (list: Ranked[]) => joinNames(list.map((s) => `${s.unitName}（${s.total}分）`));
  const first = ranked.filter((s) => s.rank === 1);
  const top =
    first.length > 3
      ? `${joinNames(first.map((s) => s.unitName))}等${first.length}家单位并列第一（${first[0]!.total}分）`
      : `排名前列的单位是${scored(ranked.filter((s) => s.rank! <= 3))}`;
  const bottom = ranked.length > 3 ? ranked.slice(-3).filter((s) => s.rank! > 3) : [];
  return `${top}${bottom.length ? `；排名靠后的单位是${scored(bottom)}` : ''}`;
}

/**
 * The top and the bottom of the latest ranking, per category where the scheme ranks within
 * categories (分类考核). Units tied at the top are named together (并列第一) rather than three of
 * them picked by the order they happen to be listed in.
 */
function rankingText(ranking: NonNullable<BulletinFacts['ranking']>): string {
  const ranked = ranking.scores.filter((s) => s.rank !== null);
  const categories = [...new Set(ranked.map((s) => s.category ?? null))];
  if (categories.length <= 1 && categories[0] == null) return `根据${ranking.label}考核评分，${rankingPart(ranked)}。`;
  const parts = categories.map((c) => `${c}中，${rankingPart(ranked.filter((s) => (s.category ?? null) === c))}`);
  return `根据${ranking.label}考核评分（分类排名），${parts.join('；')}。`;
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
      p(
        `${joinNames(onTime.map((s) => s.unitName))}等${onTime.length}家单位按时${
          onTime.every((s) => s.completeness >= 1) ? '、完整' : ''
        }报送了本${periodNoun(f.round.periodId)}进展情况。`,
      ),
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
  if (f.ranking) blocks.push(h2('考核评分情况'), p(rankingText(f.ranking)));
  blocks.push(p('各单位报送情况详见附件3。'));
  return blocks;
}

/** The urging of the round, batch by batch: who was urged on which day, and who reported after it. */
function urgingText(f: BulletinFacts, w: PlanWording): string | null {
  const urgings = roundUrgings(f);
  if (urgings.length === 0) return null;
  const units = [...new Set(urgings.map((u) => u.unitName))];
  const seen = new Set<string>();
  const batches = [...new Set(urgings.map((u) => u.date))].map((date) => {
    const names = [...new Set(urgings.filter((u) => u.date === date).map((u) => u.unitName))];
    const again = names.every((n) => seen.has(n));
    names.forEach((n) => seen.add(n));
    const overdue = f.round.cutoffDate !== null && date > f.round.cutoffDate;
    const who = again ? '仍未报送的' : overdue ? '逾期未报的' : '尚未报送的';
    return `${monthDay(date)}对${who}${joinNames(names)}${again ? '再次' : ''}进行催办`;
  });
  const standing = roundStanding(f).filter((s) => units.includes(s.unitName));
  const after = standing.filter((s) => s.timeliness === 'late' || s.timeliness === 'on_time').map((s) => s.unitName);
  const still = standing.filter((s) => s.timeliness === 'missing').map((s) => s.unitName);
  const outcome = [
    after.length ? `经催办，${joinNames(after)}已完成报送` : '',
    still.length ? `${joinNames(still)}截至通报时仍未报送` : '',
  ].filter(Boolean);
  return `本轮填报期间，${w.issuerShort}共催办${urgings.length}次，涉及${units.length}家单位：${batches.join('；')}。${
    outcome.length ? `${outcome.join('，')}。` : ''
  }`;
}

const SUPERVISED: [kind: PlanWorkItemFact['sourceKind'], label: string][] = [
  ['meeting', '会议议定事项'],
  ['instruction', '领导批示事项'],
  ['inspection', '督查整改事项'],
];

/** Items from meetings, instructions and inspections this year: how many, how many closed, which are overdue. */
function supervisedText(f: BulletinFacts, w: PlanWording): string | null {
  const items = itemsOfYear(f).filter((w) => w.sourceKind !== 'task');
  if (items.length === 0) return null;
  const kinds = counted(SUPERVISED.map(([kind, label]) => [items.filter((w) => w.sourceKind === kind).length, label]));
  const t = tally(items, f.asOf);
  const late = items.filter((w) => isOverdue(w, f.asOf)).map((w) => `${quoted(w.title)}（${w.leadUnitName}）`);
  const open = t.total - t.done - t.overdue;
  const state = [
    t.done ? `已办结${t.done}项` : '',
    open ? `正在推进${open}项` : '',
    late.length ? `逾期未办结${late.length}项，即${joinNames(late)}` : '',
  ].filter(Boolean);
  return `${yearOf(f)}年以来，${w.issuerShort}对${kinds}实行清单化督办，共${t.total}项，${state.join('，')}。`;
}

function urgingSection(f: BulletinFacts, w: PlanWording): BulletinBlock[] {
  const texts = [urgingText(f, w), supervisedText(f, w)].filter((x): x is string => x !== null);
  if (texts.length === 0) return [h1('督查督办情况'), p('本轮填报期间未发生催办。')];
  return [h1('督查督办情况'), ...texts.map(p)];
}

const ORDINALS = ['一', '二', '三', '四', '五'];

function requirements(f: BulletinFacts, w: PlanWording): BulletinBlock[] {
  const lagging = f.indicators.filter((i) => i.light === 'red' || i.light === 'yellow').length;
  const reds = f.indicators.filter((i) => i.light === 'red').map((i) => i.name);
  const missing = f.indicators.filter((i) => i.light === 'grey').length;
  const overdueItems = itemsOfYear(f).filter((w) => isOverdue(w, f.asOf));
  const overdueUnits = [...new Set(overdueItems.map((w) => w.leadUnitName))];
  const standing = roundStanding(f);
  const late = standing.filter((s) => s.timeliness === 'late' || s.timeliness === 'missing').length;
  const silent = standing.filter((s) => s.timeliness === 'missing').map((s) => s.unitName);
  const lateOnly = standing.some((s) => s.timeliness === 'late');
  const asks = [
    lagging
      ? `加快滞后指标攻坚。对亮红灯、黄灯的${lagging}项指标${
          reds.length ? `，特别是${joinNames(reds)}${reds.length}项亮红灯的指标` : ''
        }，责任单位要逐项分析原因，制定赶超措施，确保完成年度目标。`
      : '巩固指标向好态势。各责任单位要保持工作力度，确保各项指标按序时推进、年底全面完成。',
    overdueItems.length
      ? `狠抓逾期事项整改。对${overdueItems.length}项逾期工作事项，${joinNames(overdueUnits)}要明确完成时限和责任人，逐项销号，${w.issuerShort}将跟踪督办。`
      : itemsOfYear(f).length
        ? '压茬推进重点任务。各牵头单位要对照年度工作事项，倒排工期、挂图作战，确保按期完成。'
        : '加快分解年度任务。各牵头单位要尽快将重点任务分解为年度工作事项，明确责任单位、完成时限和佐证材料。',
    late || missing
      ? `提高报送质量。${missing ? `对暂无数据的${missing}项指标，责任单位要尽快报送数据；` : ''}${
          silent.length ? `${joinNames(silent)}要尽快补报并书面说明未按时报送的原因；` : ''
        }各单位要严格按照填报时间节点如实报送${lateOnly ? '，迟报单位要说明原因' : ''}。`
      : '提高报送质量。各单位要继续严格按照时间节点如实报送进展情况和佐证材料。',
    `强化统筹调度。${w.issuerShort}将按季度通报推进情况，通报结果纳入年度高质量发展考核。`,
  ];
  return [h1('下一步工作要求'), ...asks.map((a, i) => p(`${ORDINALS[i]}是${a}`))];
}

/**
 * The draft of a bulletin written from the facts, in the plan's wording (issuer, level word,
 * programme, addressees): the office edits it before publishing.
 */
export function draftBulletin(f: BulletinFacts, today: string, w: PlanWording): BulletinContent {
  const period = periodLabel(f.round.periodId);
  const intro = `为深入推进《${f.plan.title}》（${f.plan.documentNumber}）落实，${w.issuerShort}对${period}各项目标指标和重点任务推进情况进行了调度。现将有关情况通报如下：`;
  return {
    issuer: w.issuer,
    title: `关于${period}创新型${w.programme}建设工作推进情况的通报`,
    recipients: w.recipients,
    blocks: [
      p(intro),
      ...overview(f),
      ...indicatorSection(f),
      ...taskSection(f),
      ...unitSection(f),
      ...urgingSection(f, w),
      ...requirements(f, w),
    ],
    signature: w.issuer,
    date: today,
    cc: w.cc,
    printer: w.printer,
    annexes: buildAnnexes(f),
    demo: f.demo,
  };
}
