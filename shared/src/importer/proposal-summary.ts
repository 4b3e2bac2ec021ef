import { COMPARATOR_LABELS } from '../plan-pack.ts';
import type { PlanProposal, ProposalIndicator } from './proposal.ts';

const CN_DIGITS = '零一二三四五六七八九';

/** 6 → 六, 12 → 十二, 20 → 二十: how the plan numbers its areas. */
export function chineseNumeral(n: number): string {
  if (n < 10) return CN_DIGITS[n] ?? String(n);
  if (n >= 100) return String(n);
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens === 1 ? '' : (CN_DIGITS[tens] ?? '')}十${ones ? (CN_DIGITS[ones] ?? '') : ''}`;
}

/** "≥ 450 家", "3～5 个", "≈ 100 项": a target as the office reads it. */
export function describeTarget(ind: Pick<ProposalIndicator, 'comparator' | 'value' | 'min' | 'max' | 'unit'>): string {
  if (ind.comparator === 'range') return `${ind.min ?? '?'}～${ind.max ?? '?'} ${ind.unit}`;
  return `${COMPARATOR_LABELS[ind.comparator]} ${ind.value ?? '?'} ${ind.unit}`;
}

/** A readable Chinese summary of a proposal, for the command line. */
export function formatProposalSummary(p: PlanProposal): string {
  return [header(p), goals(p), tasks(p), indicators(p), phases(p), measures(p), warnings(p)].join('\n\n') + '\n';
}

function header(p: PlanProposal): string {
  const plan = p.plan;
  return [
    `方案：${plan.title ?? '（未识别）'}`,
    `文号：${plan.documentNumber ?? '（未识别）'}`,
    `印发：${plan.issuer ?? '（未识别）'}\u3000${plan.issuingDate ?? '（日期未识别）'}`,
    `地区：${plan.region ?? '（未识别）'}\u3000目标年份：${plan.targetYear ?? '（未识别）'}`,
  ].join('\n');
}

function goals(p: PlanProposal): string {
  return [`发展目标（${p.goals.length} 项）`, ...p.goals.map((g) => `  ${g.number}. ${g.title}`)].join('\n');
}

function tasks(p: PlanProposal): string {
  const lines = [`重点领域与任务（${p.areas.length} 个领域，${p.tasks.length} 项任务）`];
  for (const a of p.areas) {
    lines.push(`  （${chineseNumeral(a.number)}）${a.title}`);
    for (const t of p.tasks.filter((x) => x.areaNumber === a.number)) {
      lines.push(`    ${t.number}. ${t.title}`);
      const co = t.coUnits.length > 0 ? `\u3000配合：${t.coUnits.join('、')}` : '';
      lines.push(`       牵头：${t.leadUnit ?? '（未识别）'}${co}`);
    }
  }
  return lines.join('\n');
}

function indicators(p: PlanProposal): string {
  const owner = (i: ProposalIndicator): string =>
    [i.goal !== null ? `目标${i.goal}` : '', i.task !== null ? `任务${i.task}` : ''].filter(Boolean).join('/');
  return [
    `量化指标（${p.indicators.length} 项）`,
    ...p.indicators.map((i) => `  ${owner(i)}\u3000${i.name}：${describeTarget(i)}（${i.targetYear} 年底）`),
  ].join('\n');
}

function phases(p: PlanProposal): string {
  const years = (a: number | null, b: number | null): string =>
    a === null ? '年份未识别' : a === b ? `${a} 年` : `${a}—${b ?? '?'} 年`;
  return [
    `实施阶段（${p.phases.length} 个）`,
    ...p.phases.map((ph) => `  ${ph.number}. ${ph.name}（${years(ph.startYear, ph.endYear)}）`),
  ].join('\n');
}

function measures(p: PlanProposal): string {
  return [`保障措施（${p.measures.length} 项）`, ...p.measures.map((m) => `  ${m.number}. ${m.title}`)].join('\n');
}

function warnings(p: PlanProposal): string {
  if (p.warnings.length === 0) return '警告：无';
  return [`警告（${p.warnings.length} 条）`, ...p.warnings.map((w) => `  第 ${w.source.line} 行：${w.message}`)].join(
    '\n',
  );
}
