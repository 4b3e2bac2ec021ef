import type { Selectable } from 'kysely';
import type { PlanProposal } from '@innocity/shared/importer/proposal';
import type { PlanImportSummary, SavedReview } from '@innocity/shared/api/plan-imports';
import { plansIn, usersIn } from '../regions/region-scope.sql.ts';
import type { Db } from '../../db/connection.ts';
import type { PlanImportDraftsTable } from './plan-import.table.ts';

/** A draft as the service works with it: JSON parsed, names in camelCase. */
export interface DraftRecord extends PlanImportSummary {
  sourceText: string;
  proposal: PlanProposal;
  review: SavedReview | null;
}

/** What changes when the office saves its review. */
export interface DraftContent {
  proposal: PlanProposal;
  review: SavedReview | null;
}

type Row = Selectable<PlanImportDraftsTable>;

const toSummary = (r: Omit<Row, 'source_text' | 'proposal' | 'review'>): PlanImportSummary => ({
  id: r.id,
  fileName: r.file_name,
  status: r.status as PlanImportSummary['status'],
  planId: r.plan_id,
  title: r.title,
  taskCount: Number(r.task_count),
  indicatorCount: Number(r.indicator_count),
  warningCount: Number(r.warning_count),
  createdBy: r.created_by_name,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

const contentColumns = (c: DraftContent) => ({
  proposal: JSON.stringify(c.proposal),
  review: c.review === null ? null : JSON.stringify(c.review),
  title: c.proposal.plan.title,
  task_count: c.proposal.tasks.length,
  indicator_count: c.proposal.indicators.length,
  warning_count: c.proposal.warnings.length,
});

/** Stores a new draft. */
export async function insertDraft(
  db: Db,
  d: {
    id: string;
    fileName: string;
    sourceText: string;
    createdBy: { id: string; displayName: string } | null;
    now: string;
  } & DraftContent,
): Promise<void> {
  await db
    .insertInto('plan_import_drafts')
    .values({
      id: d.id,
      file_name: d.fileName,
      status: 'draft',
      plan_id: null,
      source_text: d.sourceText,
      ...contentColumns(d),
      created_by: d.createdBy?.id ?? null,
      created_by_name: d.createdBy?.displayName ?? null,
      confirmed_at: null,
      created_at: d.now,
      updated_at: d.now,
    })
    .execute();
}

/**
 * Drafts, newest first, without their text and proposal; with regions, only those of the regions: a confirmed draft by its plan's
 * region, one under review by its uploader's (the fence on `draftId` decides the same way).
 */
export async function listDrafts(db: Db, regionIds: readonly string[] | null = null): Promise<PlanImportSummary[]> {
  let q = db
    .selectFrom('plan_import_drafts')
    .select(['id', 'file_name', 'status', 'plan_id', 'title', 'task_count', 'indicator_count', 'warning_count'])
    .select(['created_by', 'created_by_name', 'confirmed_at', 'created_at', 'updated_at'])
    .orderBy('created_at', 'desc')
    .orderBy('id');
  if (regionIds)
    q = q.where((eb) =>
      eb.or([
        eb('plan_id', 'in', plansIn(db, regionIds)),
        eb.and([eb('plan_id', 'is', null), eb('created_by', 'in', usersIn(db, regionIds))]),
      ]),
    );
  return (await q.execute()).map(toSummary);
}

export async function findDraft(db: Db, id: string): Promise<DraftRecord | undefined> {
  const r = await db.selectFrom('plan_import_drafts').selectAll().where('id', '=', id).executeTakeFirst();
  if (!r) return undefined;
  return {
    ...toSummary(r),
    sourceText: r.source_text,
    proposal: JSON.parse(r.proposal) as PlanProposal,
    review: r.review === null ? null : (JSON.parse(r.review) as SavedReview),
  };
}

/** Saves the review of a draft still under review; false when it is no longer one. */
export async function updateDraftContent(db: Db, id: string, c: DraftContent, now: string): Promise<boolean> {
  const res = await db
    .updateTable('plan_import_drafts')
    .set({ ...contentColumns(c), updated_at: now })
    .where('id', '=', id)
    .where('status', '=', 'draft')
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/**
 * Marks a draft confirmed with its plan, only if it is still a draft: of two confirmations racing,
 * the second updates nothing (PostgreSQL re-checks the condition after the first commits).
 */
export async function claimDraft(db: Db, id: string, c: DraftContent, now: string): Promise<boolean> {
  const res = await db
    .updateTable('plan_import_drafts')
    .set({ ...contentColumns(c), status: 'confirmed', confirmed_at: now, updated_at: now })
    .where('id', '=', id)
    .where('status', '=', 'draft')
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** Records the plan a confirmed draft became. */
export async function setDraftPlan(db: Db, id: string, planId: string): Promise<void> {
  await db.updateTable('plan_import_drafts').set({ plan_id: planId }).where('id', '=', id).execute();
}
