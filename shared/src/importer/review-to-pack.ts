import type { ImportSettings, UnitMapping } from '../api/plan-imports.ts';
import type { FieldIssue } from '../errors.ts';
import { planPackSchema, type PackUnit, type PackUnitGroup, type PlanPack } from '../plan-pack.ts';
import { proposalUnitNames } from './proposal-edits.ts';
import { proposalToPack } from './proposal-to-pack.ts';
import { planProposalSchema, type PlanProposal } from './proposal.ts';
import { unique } from './units.ts';
import { describe, itemLabel, partIssue, proposalShapeIssues, zhErrorMap } from './review-issues.ts';
import type { TreeUnit } from './unit-suggestions.ts';

/** A unit of the tree with the code a pack refers to it by. */
export type CodedUnit = TreeUnit & { code: string };

export type ReviewResult = { ok: true; pack: PlanPack; created: PackUnit[] } | { ok: false; issues: FieldIssue[] };

/** Parses a reviewed proposal's shape; problems named by item. */
export function parseReviewedProposal(
  raw: unknown,
): { ok: true; proposal: PlanProposal } | { ok: false; issues: FieldIssue[] } {
  const parsed = planProposalSchema.safeParse(raw, { error: zhErrorMap });
  return parsed.success
    ? { ok: true, proposal: parsed.data }
    : { ok: false, issues: proposalShapeIssues(raw, parsed.error.issues) };
}

/**
 * Turns the office's review into a plan pack over the unit tree: names mapped to existing units,
 * units to create (codes from `newCode`) and groups; then the pack schema checks everything, and
 * each problem is reported at the review's path with the item's name.
 */
export function reviewToPack(
  proposal: PlanProposal,
  review: { settings: ImportSettings; units: UnitMapping[] },
  tree: CodedUnit[],
  newCode: (index: number) => string,
): ReviewResult {
  const issues = [...mappingIssues(proposal, review.units, tree), ...areaIssues(proposal)];
  if (issues.length > 0) return { ok: false, issues };
  const byId = new Map(tree.map((u) => [u.id, u]));
  const mapping = new Map(review.units.map((m) => [m.name, m]));
  const target = (name: string) => {
    const m = mapping.get(name);
    return m?.action === 'existing' ? (byId.get(m.unitId)?.name ?? name) : name;
  };
  // Two spellings mapped to one unit must not make it both lead and co-unit, or a co-unit twice.
  const renamed: PlanProposal = {
    ...proposal,
    tasks: proposal.tasks.map((t) => {
      const lead = t.leadUnit === null ? null : target(t.leadUnit);
      return { ...t, leadUnit: lead, coUnits: unique(t.coUnits.map(target)).filter((n) => n !== lead) };
    }),
  };
  const created = createdUnits(review.units, byId, newCode);
  const input = proposalToPack(renamed, [...tree.map((u) => packUnitOf(u, byId)), ...created], {
    code: review.settings.code,
    baselineYear: review.settings.baselineYear,
    unitGroups: groupsOf(review.units, byId),
  });
  const parsed = planPackSchema.safeParse(input, { error: zhErrorMap });
  if (parsed.success) return { ok: true, pack: parsed.data, created };
  const at = { proposal, units: review.units, treeSize: tree.length };
  return { ok: false, issues: parsed.error.issues.map((i) => packIssue(at, i.path, i.message, i.code)) };
}

/** Every name the tasks use must be mapped, and each mapping must point at live units. */
function mappingIssues(p: PlanProposal, units: UnitMapping[], tree: CodedUnit[]): FieldIssue[] {
  const byId = new Map(tree.map((u) => [u.id, u]));
  const taken = new Set(tree.flatMap((u) => [u.name, ...(u.fullName ? [u.fullName] : []), ...u.aliases]));
  const mapped = new Set(units.map((m) => m.name));
  const out: FieldIssue[] = proposalUnitNames(p)
    .filter((n) => !mapped.has(n))
    .map((n) => ({ path: 'units', message: `单位“${n}”尚未对应到单位树，请在“对应单位”一步选择` }));
  p.tasks.forEach((t, k) => {
    if (!t.leadUnit?.trim())
      out.push({ path: `proposal.tasks.${k}.leadUnit`, message: `${itemLabel(p, 'tasks', k)}：请填写牵头单位` });
  });
  units.forEach((m, i) => {
    const at = (field: string, message: string) =>
      out.push({ path: `units.${i}.${field}`, message: `单位“${m.name}”：${message}` });
    if (m.action === 'existing') {
      const u = byId.get(m.unitId);
      if (!u) at('unitId', '所选单位不存在');
      else if (u.disabled) at('unitId', `所选单位“${u.name}”已停用`);
    } else if (m.action === 'create') {
      if (taken.has(m.name)) at('name', '单位树中已有同名单位，请选择“已有单位”');
      if (m.parentId !== null && !byId.has(m.parentId)) at('parentId', '上级单位不存在');
    } else {
      const bad = m.memberIds.filter((id) => !byId.get(id) || byId.get(id)?.disabled);
      if (bad.length > 0) at('memberIds', `有 ${bad.length} 个成员单位不存在或已停用`);
    }
  });
  return out;
}

function areaIssues(p: PlanProposal): FieldIssue[] {
  const areas = new Set(p.areas.map((a) => a.number));
  return p.tasks.flatMap((t, k) =>
    areas.has(t.areaNumber)
      ? []
      : [{ path: `proposal.tasks.${k}.areaNumber`, message: `${itemLabel(p, 'tasks', k)}：所属领域不存在` }],
  );
}

function packUnitOf(u: CodedUnit, byId: Map<string, CodedUnit>): PackUnit {
  const parent = u.parentId ? byId.get(u.parentId)?.code : undefined;
  return {
    code: u.code,
    name: u.name,
    ...(u.fullName ? { fullName: u.fullName } : {}),
    aliases: u.aliases,
    kind: u.kind,
    ...(parent ? { parent } : {}),
  };
}

function createdUnits(units: UnitMapping[], byId: Map<string, CodedUnit>, newCode: (i: number) => string): PackUnit[] {
  return units
    .flatMap((m) => (m.action === 'create' ? [m] : []))
    .map((m, i) => {
      const parent = m.parentId ? byId.get(m.parentId)?.code : undefined;
      return {
        code: newCode(i),
        name: m.name,
        ...(m.fullName ? { fullName: m.fullName } : {}),
        aliases: [],
        kind: m.kind,
        ...(parent ? { parent } : {}),
      };
    });
}

function groupsOf(units: UnitMapping[], byId: Map<string, CodedUnit>): PackUnitGroup[] {
  return units
    .flatMap((m) => (m.action === 'group' ? [m] : []))
    .map((m, i) => ({
      code: `group-${i + 1}`,
      name: m.name,
      mode: m.mode,
      members: m.memberIds.map((id) => byId.get(id)?.name ?? id),
    }));
}

const PLAN_FIELDS: Record<string, string> = {
  code: 'settings.code',
  baselineYear: 'settings.baselineYear',
};

interface IssueContext {
  proposal: PlanProposal;
  units: UnitMapping[];
  /** Pack units before this index are the tree's; the created ones follow in mapping order. */
  treeSize: number;
}

/** One pack issue at the review's path, named by item. */
function packIssue(ctx: IssueContext, path: readonly PropertyKey[], message: string, code: string): FieldIssue {
  const [kind, index, field] = path;
  if (kind === 'plan' && typeof index === 'string') {
    const text = index === 'code' && code === 'invalid_format' ? '只能包含小写字母、数字和连字符' : message;
    const label = index === 'code' ? '方案编码' : index === 'baselineYear' ? '基期年份' : undefined;
    return {
      path: PLAN_FIELDS[index] ?? `proposal.plan.${index}`,
      message: label ? `${label}：${text}` : describe('方案', index, text),
    };
  }
  if ((kind === 'units' || kind === 'unitGroups') && typeof index === 'number') {
    const action = kind === 'units' ? 'create' : 'group';
    const nth = kind === 'units' ? index - ctx.treeSize : index;
    const j = ctx.units.map((m, k) => (m.action === action ? k : -1)).filter((k) => k !== -1)[nth];
    const name = j === undefined ? '' : `“${ctx.units[j]?.name}”`;
    return { path: j === undefined ? 'units' : `units.${j}`, message: `单位${name}：${message}` };
  }
  return (
    partIssue(ctx.proposal, path, message) ?? { path: path.join('.'), message: `${String(field ?? kind)}：${message}` }
  );
}
