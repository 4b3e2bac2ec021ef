import type { z } from 'zod';
import type { updateTargetInputSchema } from '@innocity/shared/api/indicators';
import type { FieldIssue } from '@innocity/shared/errors';
import type { Db } from '../../db/connection.ts';
import { validationFailed } from '../../http/errors.ts';
import { recordAudit, type AuditContext } from '../audit/audit.repo.ts';
import type { Actor } from '../users/user.repo.ts';
import { editableIndicator } from './indicator.service.ts';
import * as repo from './indicator.repo.ts';
import type { IndicatorRecord, PlanInfo } from './indicator.repo.ts';

type TargetInput = z.output<typeof updateTargetInputSchema>;

/** The numbers a comparator needs: a range has min and max and no value; every other comparator a value only. */
function shapeIssues(indicator: IndicatorRecord, t: TargetInput): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (indicator.comparator === 'increase' || indicator.comparator === 'decrease') {
    if (t.value !== null || t.min !== null || t.max !== null)
      issues.push({ path: 'value', message: '方向性指标（持续提升/下降）没有目标值，只能调整目标日期' });
  } else if (indicator.comparator === 'range') {
    if (t.min === null) issues.push({ path: 'min', message: '请填写区间下限' });
    if (t.max === null) issues.push({ path: 'max', message: '请填写区间上限' });
    if (t.value !== null) issues.push({ path: 'value', message: '区间目标不填目标值，请填写下限和上限' });
  } else {
    if (t.value === null) issues.push({ path: 'value', message: '请填写目标值' });
    if (t.min !== null || t.max !== null)
      issues.push({ path: t.min !== null ? 'min' : 'max', message: '此指标不是区间目标，不填下限和上限' });
  }
  // A level on a path (a count, an area, a share) is never negative; a growth-rate threshold may be.
  if (indicator.method.kind !== 'threshold')
    for (const key of ['value', 'min', 'max'] as const)
      if ((t[key] ?? 0) < 0) issues.push({ path: key, message: '目标值不能为负数' });
  return issues;
}

/** Every problem of an adjusted target, each on its field, so the office fixes them in one go. */
function checkTarget(plan: PlanInfo, indicator: IndicatorRecord, t: TargetInput): void {
  const issues = shapeIssues(indicator, t);
  const baselineYear = indicator.baseline?.year ?? plan.baselineYear;
  if (Number(t.targetDate.slice(0, 4)) <= baselineYear)
    issues.push({ path: 'targetDate', message: `目标日期须在基期年份（${baselineYear}年）之后` });
  if (issues.length > 0) throw validationFailed(`目标调整有误：${issues.map((i) => i.message).join('；')}`, issues);
  const same =
    t.value === indicator.value &&
    t.min === indicator.min &&
    t.max === indicator.max &&
    t.targetDate === indicator.targetDate;
  if (same)
    throw validationFailed('目标值和目标日期与现行目标相同，无需调整', [
      { path: indicator.comparator === 'range' ? 'min' : 'value', message: '与现行目标相同' },
    ]);
}

const targetOf = (i: Pick<IndicatorRecord, 'comparator' | 'value' | 'min' | 'max' | 'targetDate'>) => ({
  comparator: i.comparator,
  value: i.value,
  min: i.min,
  max: i.max,
  targetDate: i.targetDate,
});

/**
 * Adjusts an indicator's target when the plan is revised, audited with before, after and the
 * reason in the same transaction. Office milestones at or past a target year moved earlier are
 * removed with it (and listed in the audit row): they would otherwise lie beyond the path's end.
 */
export async function updateTarget(
  db: Db,
  actor: Actor,
  planId: string,
  indicatorId: string,
  input: TargetInput,
  ctx: AuditContext,
): Promise<void> {
  const { plan, indicator } = await editableIndicator(db, actor, planId, indicatorId);
  checkTarget(plan, indicator, input);
  const targetYear = Number(input.targetDate.slice(0, 4));
  await db.transaction().execute(async (trx) => {
    const overrides = (await repo.listMilestoneOverrides(trx, plan.id)).get(indicator.id) ?? [];
    const removed = overrides.filter((m) => m.year >= targetYear).map((m) => ({ year: m.year, value: m.value }));
    if (removed.length > 0) await repo.deleteMilestonesFrom(trx, indicator.id, targetYear);
    await repo.updateTarget(trx, indicator.id, { ...input, now: ctx.now });
    await recordAudit(trx, ctx, {
      action: 'update_target',
      entityType: 'indicator',
      entityId: indicator.id,
      planId: plan.id,
      before: targetOf(indicator),
      after: {
        ...targetOf({ ...input, comparator: indicator.comparator }),
        reason: input.reason,
        ...(removed.length > 0 ? { removedMilestones: removed } : {}),
      },
    });
  });
}
