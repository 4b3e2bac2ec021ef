import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { ElementValue, recordValuesInputSchema } from '@innocity/shared/api/indicators';
import type { FieldIssue } from '@innocity/shared/errors';
import { periodEndDate } from '@innocity/shared/indicators/period';
import { validateEntries, type ElementRule } from '@innocity/shared/indicators/validation';
import type { Db } from '../../db/connection.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import { conflict, forbidden, validationFailed } from '../../http/errors.ts';
import { recordAudit, type AuditContext } from '../audit/audit.repo.ts';
import type { Actor } from '../users/user.repo.ts';
import * as repo from './data-element.repo.ts';
import { currentVersions, toApiValue, valueLookup } from './element-values.ts';
import { canWriteElementValue } from './indicator.policy.ts';
import { readablePlan } from './data-element.service.ts';

export type RecordValuesInput = z.output<typeof recordValuesInputSchema>;

type Item = RecordValuesInput['items'][number] & { el: repo.DataElementRecord; unitId: string };

/** Matches each item to its element (by code or id) and unit (the element's reporting unit by default). */
function resolveItems(elements: repo.DataElementRecord[], items: RecordValuesInput['items']): Item[] {
  const issues: FieldIssue[] = [];
  const resolved = items.flatMap((it, i) => {
    const el = elements.find((e) => e.code === it.element || e.id === it.element);
    const unitId = it.unitId ?? el?.reportingUnitId ?? undefined;
    if (!el) issues.push({ path: `items.${i}.element`, message: `数据元不存在：${it.element}` });
    else if (!unitId) issues.push({ path: `items.${i}.unitId`, message: `「${el.name}」没有指定报送单位，请选择单位` });
    return el && unitId ? [{ ...it, el, unitId }] : [];
  });
  const seen = new Set<string>();
  resolved.forEach((it, i) => {
    const k = `${it.el.id}|${it.period}|${it.unitId}`;
    if (seen.has(k)) issues.push({ path: `items.${i}`, message: `「${it.el.name}」${it.period} 在本次填报中重复` });
    seen.add(k);
  });
  if (issues.length > 0) throw validationFailed(`填报内容有误：${issues.map((x) => x.message).join('；')}`, issues);
  return resolved;
}

async function checkUnits(db: Db, actor: Actor, items: Item[]): Promise<Map<string, string>> {
  const names = await repo.unitNames(db, [...new Set(items.map((it) => it.unitId))]);
  const unknown = items.findIndex((it) => !names.has(it.unitId));
  if (unknown >= 0)
    throw validationFailed('填报单位不存在', [{ path: `items.${unknown}.unitId`, message: '填报单位不存在' }]);
  const refused = items.find((it) => !canWriteElementValue(actor, it.el, it.unitId));
  if (refused)
    throw forbidden(
      `只能填报本单位负责的数据元：「${refused.el.name}」由${refused.el.reportingUnitName ?? '指定单位'}报送`,
    );
  return names;
}

function validate(elements: repo.DataElementRecord[], stored: repo.ValueVersion[], items: Item[]): void {
  const rules = new Map<string, ElementRule>(elements.map((e) => [e.code, e]));
  const lookup = valueLookup(
    elements,
    stored,
    items.map((it) => ({ elementId: it.el.id, period: it.period, unitId: it.unitId, value: it.value })),
  );
  const entries = items.map((it) => ({
    element: it.el.code,
    period: it.period,
    unitId: it.unitId,
    value: it.value,
    note: it.note,
  }));
  const issues = validateEntries(entries, rules, lookup);
  if (issues.length > 0) {
    const details: FieldIssue[] = issues.map((x) => ({ path: `items.${x.index}.${x.field}`, message: x.message }));
    throw validationFailed(issues.map((x) => x.message).join('；'), details);
  }
}

const sameAs = (v: repo.ValueVersion | undefined, it: Item) =>
  v !== undefined &&
  v.value === it.value &&
  v.source === it.source &&
  v.quality === it.quality &&
  v.note === (it.note ?? null);

const auditShape = (code: string, v: repo.ValueVersion) => ({
  element: code,
  period: v.period,
  unitId: v.unitId,
  version: v.version,
  value: v.value,
  source: v.source,
  quality: v.quality,
  note: v.note,
});

/** Writes one item as the next version of its value, with its audit row; an unchanged value is left as it is. */
async function writeItem(
  trx: Db,
  actor: Actor,
  it: Item,
  before: repo.ValueVersion | undefined,
  w: { planId: string; unitName: string; ctx: AuditContext; submissionId: string | null },
): Promise<ElementValue> {
  if (sameAs(before, it)) return toApiValue(before!, it.el.code, true);
  const v: repo.ValueVersion = {
    id: randomUUID(),
    planId: w.planId,
    elementId: it.el.id,
    period: it.period,
    periodEnd: periodEndDate(it.period),
    unitId: it.unitId,
    unitName: w.unitName,
    version: (before?.version ?? 0) + 1,
    value: it.value,
    source: it.source,
    quality: it.quality,
    note: it.note ?? null,
    reportedById: actor.id,
    reportedByName: actor.displayName,
    recordedAt: w.ctx.now,
    submissionId: w.submissionId,
  };
  await repo.insertValueVersions(trx, [v]);
  const entry = {
    entityType: 'data_element_value',
    entityId: v.id,
    planId: w.planId,
    after: auditShape(it.el.code, v),
  };
  await recordAudit(
    trx,
    w.ctx,
    before ? { action: 'correct', before: auditShape(it.el.code, before), ...entry } : { action: 'record', ...entry },
  );
  return toApiValue(v, it.el.code, true);
}

/**
 * Records values for units, all or nothing: rights, validation (every problem at once, in
 * Chinese), then one new version per changed value; an identical resubmission adds nothing.
 * Reporting rounds call this with their submission id once the office accepts a submission.
 */
export async function recordElementValues(
  db: Db,
  actor: Actor,
  planId: string,
  input: RecordValuesInput,
  ctx: AuditContext,
  opts: { submissionId?: string } = {},
): Promise<ElementValue[]> {
  const plan = await readablePlan(db, actor, planId);
  const elements = await repo.listElements(db, plan.id);
  const items = resolveItems(elements, input.items);
  const unitNames = await checkUnits(db, actor, items);
  try {
    return await db.transaction().execute(async (trx) => {
      const stored = await repo.listValueVersions(trx, plan.id);
      validate(elements, stored, items);
      const current = currentVersions(stored);
      const out: ElementValue[] = [];
      for (const it of items) {
        const w = {
          planId: plan.id,
          unitName: unitNames.get(it.unitId) ?? '',
          ctx,
          submissionId: opts.submissionId ?? null,
        };
        out.push(await writeItem(trx, actor, it, current.get(`${it.el.id}|${it.period}|${it.unitId}`), w));
      }
      return out;
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw conflict('数据已被他人同时修改，请刷新后重试');
    throw err;
  }
}
