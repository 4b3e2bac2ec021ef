import { randomUUID } from 'node:crypto';
import {
  FILE_KINDS,
  type Bulletin,
  type BulletinSummary,
  type FileKind,
  type GenerateBulletinInput,
  type UpdateBulletinInput,
} from '@innocity/shared/api/bulletins';
import { periodLabel } from '@innocity/shared/indicators/period';
import type { Db } from '../../db/connection.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import { AppError, conflict, forbidden, notFound, validationFailed } from '../../http/errors.ts';
import { dataVersionOf, latestRanking } from '../assessment/assessment-score.service.ts';
import type { FactsSource } from '../assessment/plan-facts.ts';
import { recordAudit, type AuditContext } from '../audit/audit.repo.ts';
import { getPlan } from '../plans/plan.service.ts';
import { wordingOf } from '../plans/plan-settings.service.ts';
import { localDateOf } from '../../time.ts';
import type { Actor } from '../users/user.repo.ts';
import { draftBulletin } from './bulletin-draft.ts';
import type { BulletinFacts } from './bulletin-facts.ts';
import { findSoffice } from './bulletin-pdf.ts';
import { renderFile } from './bulletin-render.ts';
import { canManageBulletins, canReadBulletin } from './bulletin.policy.ts';
import * as repo from './bulletin.repo.ts';

/** Where bulletins read the plan's facts. */
export interface BulletinEnv {
  facts: FactsSource;
}

const summary = ({ content: _c, ...s }: repo.BulletinRecord): BulletinSummary => s;

/** The plan's bulletins the actor may read: published ones for everyone, drafts for the office. */
export async function listBulletins(db: Db, actor: Actor, planId: string): Promise<BulletinSummary[]> {
  const plan = await getPlan(db, actor, planId);
  return (await repo.listBulletins(db, plan.id)).filter((b) => canReadBulletin(actor, b)).map(summary);
}

async function readable(db: Db, actor: Actor, id: string): Promise<repo.BulletinRecord> {
  const b = await repo.findBulletin(db, id);
  if (!b || !canReadBulletin(actor, b)) throw notFound('情况通报');
  await getPlan(db, actor, b.planId);
  return b;
}

/** One bulletin with its content and files: stored ones when published, the ones a draft can be previewed as. */
export async function getBulletin(db: Db, actor: Actor, id: string): Promise<Bulletin> {
  const b = await readable(db, actor, id);
  const stored = b.status === 'published' ? await repo.listFiles(db, id) : [];
  const files = FILE_KINDS.map((kind) => {
    const f = stored.find((s) => s.kind === kind);
    return { kind, size: f?.size ?? null, sha256: f?.sha256 ?? null };
  });
  return { ...b, files, pdfAvailable: stored.some((f) => f.kind === 'pdf') || findSoffice() !== undefined };
}

async function gatherFacts(
  db: Db,
  actor: Actor,
  planId: string,
  input: GenerateBulletinInput,
  env: BulletinEnv,
  today: string,
): Promise<BulletinFacts> {
  let round: BulletinFacts['round'];
  if (input.roundId) {
    const r = (await env.facts.listRounds(db, actor, planId)).find((x) => x.id === input.roundId);
    if (!r) throw validationFailed('填报轮次不存在', [{ path: 'roundId', message: '填报轮次不存在' }]);
    round = { id: r.id, title: r.title, periodId: r.periodId, cutoffDate: r.cutoffDate };
  } else {
    round = { id: null, title: periodLabel(input.periodId!), periodId: input.periodId!, cutoffDate: null };
  }
  const asOf = input.asOf ?? today;
  const facts = await env.facts.load(db, actor, planId, asOf);
  return { ...facts, round, ranking: await latestRanking(db, actor, planId, asOf) };
}

/** Writes a draft from the data as of the round's date (or the given date); the facts it used are kept with it. */
export async function generateBulletin(
  db: Db,
  actor: Actor,
  planId: string,
  input: GenerateBulletinInput,
  ctx: AuditContext,
  env: BulletinEnv,
): Promise<Bulletin> {
  if (!canManageBulletins(actor)) throw forbidden('只有科创委办公室可以起草情况通报');
  const plan = await getPlan(db, actor, planId);
  // The day of the request's clock, not the wall clock's: a draft written for a past date (the demo's history) is dated then.
  const today = localDateOf(ctx.now, env.facts.timeZone);
  const facts = await gatherFacts(db, actor, plan.id, input, env, today);
  const content = draftBulletin(facts, today, await wordingOf(db, plan));
  const id = randomUUID();
  const record = {
    id,
    planId: plan.id,
    roundId: facts.round.id,
    periodId: facts.round.periodId,
    roundTitle: facts.round.title,
    asOf: facts.asOf,
    year: Number(content.date.slice(0, 4)),
    content,
    facts,
    dataVersion: dataVersionOf(facts),
  };
  await db.transaction().execute(async (trx) => {
    await repo.insertBulletin(trx, record, ctx.actor?.id ?? null, ctx.now);
    await recordAudit(trx, ctx, {
      action: 'create',
      entityType: 'bulletin',
      entityId: id,
      planId: plan.id,
      after: { title: content.title, periodId: record.periodId, asOf: record.asOf, dataVersion: record.dataVersion },
    });
  });
  return getBulletin(db, actor, id);
}

const refusePublished = (b: repo.BulletinRecord) => {
  if (b.status !== 'draft') throw conflict('已印发的情况通报不能修改或删除');
};

/** Saves the office's edits to a draft's text; the annex tables stay as the data gave them. */
export async function updateBulletin(
  db: Db,
  actor: Actor,
  id: string,
  input: UpdateBulletinInput,
  ctx: AuditContext,
): Promise<Bulletin> {
  if (!canManageBulletins(actor)) throw forbidden('只有科创委办公室可以修改情况通报');
  const before = await readable(db, actor, id);
  refusePublished(before);
  const content = { ...before.content, ...input.text };
  await db.transaction().execute(async (trx) => {
    if (!(await repo.updateDraft(trx, id, input.version, content, Number(content.date.slice(0, 4)), ctx.now)))
      throw conflict('通报已被他人修改或已印发，请刷新后再试');
    const { annexes: _a, demo: _d, ...old } = before.content;
    await recordAudit(trx, ctx, {
      action: 'update',
      entityType: 'bulletin',
      entityId: id,
      planId: before.planId,
      before: old,
      after: input.text,
    });
  });
  return getBulletin(db, actor, id);
}

/** Deletes a draft; a published bulletin is never deleted. */
export async function deleteBulletin(db: Db, actor: Actor, id: string, ctx: AuditContext): Promise<void> {
  if (!canManageBulletins(actor)) throw forbidden('只有科创委办公室可以删除情况通报');
  const before = await readable(db, actor, id);
  refusePublished(before);
  await db.transaction().execute(async (trx) => {
    if (!(await repo.deleteDraft(trx, id))) throw conflict('通报已印发，不能删除');
    await recordAudit(trx, ctx, {
      action: 'delete',
      entityType: 'bulletin',
      entityId: id,
      planId: before.planId,
      before: { title: before.content.title, asOf: before.asOf },
    });
  });
}

async function renderAll(b: repo.BulletinRecord, issueNumber: number): Promise<repo.StoredFile[]> {
  const files = [await renderFile(b.content, issueNumber, 'docx'), await renderFile(b.content, issueNumber, 'xlsx')];
  // Without LibreOffice the bulletin is still published; its PDF is made the first time it is asked for once installed.
  if (findSoffice()) files.push(await renderFile(b.content, issueNumber, 'pdf'));
  return files;
}

/** Publishes a draft as the next 第X期 of its plan and year, freezing its content and rendered files. */
export async function publishBulletin(
  db: Db,
  actor: Actor,
  id: string,
  input: { version: number },
  ctx: AuditContext,
): Promise<Bulletin> {
  if (!canManageBulletins(actor)) throw forbidden('只有科创委办公室可以印发情况通报');
  const b = await readable(db, actor, id);
  refusePublished(b);
  const year = Number(b.content.date.slice(0, 4));
  // Rendered before the transaction: LibreOffice takes seconds, and the write lock should not wait for it.
  const issueNumber = await repo.nextIssueNumber(db, b.planId, year);
  const files = await renderAll(b, issueNumber);
  try {
    await db.transaction().execute(async (trx) => {
      const p = {
        version: input.version,
        year,
        issueNumber,
        byId: ctx.actor?.id ?? null,
        byName: ctx.actor?.displayName ?? null,
        now: ctx.now,
      };
      if (!(await repo.markPublished(trx, id, p))) throw conflict('通报已被他人修改或已印发，请刷新后再试');
      for (const f of files) await repo.insertFile(trx, id, f, ctx.now);
      const hashes = Object.fromEntries(files.map((f) => [f.kind, f.sha256]));
      await recordAudit(trx, ctx, {
        action: 'publish',
        entityType: 'bulletin',
        entityId: id,
        planId: b.planId,
        after: { issue: `${year}年第${issueNumber}期`, title: b.content.title, files: hashes },
      });
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw conflict(`${year}年第${issueNumber}期已被另一份通报使用，请重新印发`);
    throw err;
  }
  return getBulletin(db, actor, id);
}

/** A file of a bulletin: a published one exactly as frozen; a draft's rendered now for the office to preview. */
export async function getBulletinFile(
  db: Db,
  actor: Actor,
  id: string,
  kind: FileKind,
  ctx: AuditContext,
): Promise<{ bytes: Buffer; record: repo.BulletinRecord }> {
  const b = await readable(db, actor, id);
  if (b.status === 'draft') return { bytes: (await renderFile(b.content, null, kind)).bytes, record: b };
  const stored = await repo.findFile(db, id, kind);
  if (stored) return { bytes: stored.bytes, record: b };
  if (kind !== 'pdf') throw new AppError(500, 'internal', '已印发通报的文件缺失，请联系管理员');
  // Published while LibreOffice was missing: the PDF is made once from the frozen content and kept.
  const pdf = await renderFile(b.content, b.issueNumber, 'pdf');
  await db.transaction().execute(async (trx) => {
    if (await repo.findFile(trx, id, 'pdf')) return;
    await repo.insertFile(trx, id, pdf, ctx.now);
    await recordAudit(trx, ctx, {
      action: 'render',
      entityType: 'bulletin',
      entityId: id,
      planId: b.planId,
      after: { kind: 'pdf', sha256: pdf.sha256 },
    });
  });
  return { bytes: (await repo.findFile(db, id, 'pdf'))!.bytes, record: b };
}
