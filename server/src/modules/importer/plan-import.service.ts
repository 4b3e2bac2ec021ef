import { randomUUID } from 'node:crypto';
import type {
  PlanImportDraft,
  PlanImportReviewInput,
  PlanImportSummary,
  SavedReview,
  UnitSuggestion,
} from '@innocity/shared/api/plan-imports';
import type { UnitNode } from '@innocity/shared/api/plans';
import { PlanImportError } from '@innocity/shared/importer/docx-text';
import { proposalUnitNames } from '@innocity/shared/importer/proposal-edits';
import { proposalToPack } from '@innocity/shared/importer/proposal-to-pack';
import { parseReviewedProposal, type CodedUnit } from '@innocity/shared/importer/review-to-pack';
import { suggestUnits } from '@innocity/shared/importer/unit-suggestions';
import { readPlanText, readPlanUpload, type ReadUpload } from '@innocity/shared/importer/upload';
import { scopeOf } from '../regions/region-scope.sql.ts';
import type { Db } from '../../db/connection.ts';
import { conflict, forbidden, notFound, validationFailed } from '../../http/errors.ts';
import { recordAudit, type AuditContext } from '../audit/audit.repo.ts';
import { getUnitTree } from '../units/unit.service.ts';
import type { Actor } from '../users/user.repo.ts';
import { canImportPlans } from './plan-import.policy.ts';
import { conversionOf, officeToDocx, pdfToText } from './plan-import-convert.ts';
import * as repo from './plan-import.repo.ts';

/** An uploaded file or pasted text, read only once the caller may import (so refused callers' uploads are never parsed). */
export type PlanUpload =
  { kind: 'file'; fileName: string; bytes: Uint8Array } | { kind: 'text'; fileName: string; text: string };

const refuse = () => forbidden('只有科创委办公室和系统管理员可以导入方案');

/** Reads a plan document into a draft for review; nothing enters the plan tables. */
export async function createPlanImport(
  db: Db,
  actor: Actor,
  readUpload: () => Promise<PlanUpload>,
  ctx: AuditContext,
): Promise<PlanImportDraft> {
  if (!canImportPlans(actor)) throw refuse();
  const upload = await readUpload();
  const read = await readDocument(upload);
  const id = randomUUID();
  const fileName = upload.fileName.slice(0, 200);
  const proposal = { ...read.proposal };
  const draft: repo.DraftRecord = {
    id,
    fileName,
    status: 'draft',
    planId: null,
    title: proposal.plan.title,
    taskCount: proposal.tasks.length,
    indicatorCount: proposal.indicators.length,
    warningCount: proposal.warnings.length,
    createdBy: ctx.actor?.displayName ?? null,
    createdAt: ctx.now,
    updatedAt: ctx.now,
    sourceText: read.sourceText,
    proposal,
    review: null,
  };
  await db.transaction().execute(async (trx) => {
    await repo.insertDraft(trx, {
      id,
      fileName,
      sourceText: read.sourceText,
      createdBy: ctx.actor,
      now: ctx.now,
      proposal,
      review: null,
    });
    await recordAudit(trx, ctx, { action: 'create', entityType: 'plan_import', entityId: id, after: summaryOf(draft) });
  });
  return presentDraft(draft);
}

async function readDocument(upload: PlanUpload): Promise<ReadUpload> {
  try {
    if (upload.kind === 'text') return readPlanText(upload.text);
    const conversion = conversionOf(upload.fileName, upload.bytes);
    if (upload.bytes.length === 0) return await readPlanUpload(upload.fileName, upload.bytes);
    if (conversion === 'pdf') return readPlanText(await pdfToText(upload.bytes));
    if (conversion === 'office')
      return await readPlanUpload('converted.docx', await officeToDocx(upload.bytes, upload.fileName));
    return await readPlanUpload(upload.fileName, upload.bytes);
  } catch (err) {
    if (err instanceof PlanImportError) throw validationFailed(err.message, [{ path: 'file', message: err.message }]);
    throw err;
  }
}

/** Drafts, newest first. */
export async function listPlanImports(db: Db, actor: Actor): Promise<PlanImportSummary[]> {
  if (!canImportPlans(actor)) throw refuse();
  return repo.listDrafts(db, scopeOf(actor));
}

/** One draft with its source text, proposal and saved review, to resume the review. */
export async function getPlanImport(db: Db, actor: Actor, draftId: string): Promise<PlanImportDraft> {
  if (!canImportPlans(actor)) throw refuse();
  return presentDraft(await getDraft(db, draftId));
}

/** Saves the office's corrections and unit mapping so the review can resume later. */
export async function savePlanImportReview(
  db: Db,
  actor: Actor,
  draftId: string,
  input: PlanImportReviewInput,
  ctx: AuditContext,
): Promise<PlanImportDraft> {
  if (!canImportPlans(actor)) throw refuse();
  refuseConfirmed(await getDraft(db, draftId));
  const parsed = parseReviewedProposal(input.proposal);
  if (!parsed.ok) throw validationFailed(`方案内容有误：${firstMessages(parsed.issues)}`, parsed.issues);
  return db.transaction().execute(async (trx) => {
    const before = await getDraft(trx, draftId);
    refuseConfirmed(before);
    const review: SavedReview = { settings: input.settings, units: input.units };
    if (!(await repo.updateDraftContent(trx, draftId, { proposal: parsed.proposal, review }, ctx.now)))
      throw alreadyConfirmed(before.planId);
    const after = (await repo.findDraft(trx, draftId))!;
    await recordAudit(trx, ctx, {
      action: 'update',
      entityType: 'plan_import',
      entityId: draftId,
      before: summaryOf(before),
      after: summaryOf(after),
    });
    return presentDraft(after);
  });
}

/** Matches for the draft's unit names (or the names given) in the unit tree. */
export async function suggestPlanImportUnits(
  db: Db,
  actor: Actor,
  draftId: string,
  names?: string[],
): Promise<UnitSuggestion[]> {
  if (!canImportPlans(actor)) throw refuse();
  const draft = await getDraft(db, draftId);
  const wanted = names ?? proposalUnitNames(draft.proposal);
  return suggestUnits([...new Set(wanted)], await unitList(db, actor), draft.proposal.plan.region);
}

/** The unit tree as a flat list, through the units module. */
export async function unitList(db: Db, actor: Actor): Promise<CodedUnit[]> {
  const out: CodedUnit[] = [];
  const walk = (nodes: UnitNode[]) =>
    nodes.forEach((n) => {
      out.push({
        id: n.id,
        code: n.code,
        name: n.name,
        fullName: n.fullName,
        aliases: n.aliases,
        kind: n.kind,
        parentId: n.parentId,
        disabled: n.disabled,
      });
      walk(n.children);
    });
  walk(await getUnitTree(db, actor));
  return out;
}

/** The draft, or 404. */
export async function getDraft(db: Db, draftId: string): Promise<repo.DraftRecord> {
  const draft = await repo.findDraft(db, draftId);
  if (!draft) throw notFound('导入草稿');
  return draft;
}

/** A confirmed draft is history: it is neither edited nor confirmed again. */
export function refuseConfirmed(draft: repo.DraftRecord): void {
  if (draft.status === 'confirmed') throw alreadyConfirmed(draft.planId);
}

export const alreadyConfirmed = (planId: string | null) =>
  conflict('该导入草稿已确认生效，不能再修改或再次确认', { planId });

/** The first few messages, for an error's one-line summary. */
export function firstMessages(issues: { message: string }[]): string {
  const shown = issues
    .slice(0, 3)
    .map((i) => i.message)
    .join('；');
  return issues.length > 3 ? `${shown}；等 ${issues.length} 处` : shown;
}

/** What the audit log keeps of a draft: its counts and settings, not the whole text. */
export function summaryOf(d: repo.DraftRecord) {
  return {
    fileName: d.fileName,
    status: d.status,
    title: d.title,
    taskCount: d.taskCount,
    indicatorCount: d.indicatorCount,
    warningCount: d.warningCount,
    settings: d.review?.settings ?? null,
    unitsMapped: d.review?.units.length ?? 0,
  };
}

function presentDraft(d: repo.DraftRecord): PlanImportDraft {
  // Only the header and phases decide the code and base year; the rest need not be converted.
  const header = { ...d.proposal, goals: [], areas: [], tasks: [], indicators: [], measures: [] };
  const start = proposalToPack(header, []).plan;
  const defaults = { code: String(start.code), baselineYear: Number(start.baselineYear) };
  return { ...d, defaults };
}
