import { dataVersionLabel, numberDataVersions } from '@innocity/shared/data-version';
import type { BulletinContent, BulletinSummary, FileKind } from '@innocity/shared/api/bulletins';
import type { Db } from '../../db/connection.ts';
import type { BulletinFacts } from './bulletin-facts.ts';

export interface BulletinRecord extends BulletinSummary {
  content: BulletinContent;
}

type Row = {
  id: string;
  plan_id: string;
  round_id: string | null;
  period_id: string;
  round_title: string;
  as_of: string;
  status: string;
  year: number;
  issue_number: number | null;
  content: string;
  data_version: string;
  version: number;
  created_at: string;
  published_at: string | null;
  published_by_name: string | null;
};

const toRecord = (r: Row, versions: Map<string, number>): BulletinRecord => {
  const content = JSON.parse(r.content) as BulletinContent;
  return {
    id: r.id,
    planId: r.plan_id,
    roundId: r.round_id,
    periodId: r.period_id,
    roundTitle: r.round_title,
    asOf: r.as_of,
    status: r.status as BulletinSummary['status'],
    year: r.year,
    issueNumber: r.issue_number,
    issueLabel: r.issue_number === null ? '草稿' : `${r.year}年第${r.issue_number}期`,
    title: content.title,
    dataVersion: r.data_version,
    dataVersionLabel: dataVersionLabel(r.as_of, versions.get(`${r.as_of}|${r.data_version}`) ?? 1),
    createdAt: r.created_at,
    publishedAt: r.published_at,
    publishedBy: r.published_by_name,
    version: r.version,
    content,
  };
};

const COLUMNS = [
  'id',
  'plan_id',
  'round_id',
  'period_id',
  'round_title',
  'as_of',
  'status',
  'year',
  'issue_number',
  'content',
  'data_version',
  'version',
  'created_at',
  'published_at',
  'published_by_name',
] as const;

export interface NewBulletin {
  id: string;
  planId: string;
  roundId: string | null;
  periodId: string;
  roundTitle: string;
  asOf: string;
  year: number;
  content: BulletinContent;
  facts: BulletinFacts;
  dataVersion: string;
}

export async function insertBulletin(db: Db, b: NewBulletin, by: string | null, now: string): Promise<void> {
  await db
    .insertInto('bulletins')
    .values({
      id: b.id,
      plan_id: b.planId,
      round_id: b.roundId,
      period_id: b.periodId,
      round_title: b.roundTitle,
      as_of: b.asOf,
      status: 'draft',
      year: b.year,
      issue_number: null,
      content: JSON.stringify(b.content),
      facts: JSON.stringify(b.facts),
      data_version: b.dataVersion,
      version: 1,
      created_by: by,
      created_at: now,
      updated_at: now,
      published_at: null,
      published_by: null,
      published_by_name: null,
    })
    .execute();
}

/** The plan's bulletins: drafts first, then published ones by issue, newest first. */
export async function listBulletins(db: Db, planId: string): Promise<BulletinRecord[]> {
  // Ordering by status ('draft' < 'published') keeps NULL issue numbers out of ORDER BY, where the dialects disagree.
  const rows = await db
    .selectFrom('bulletins')
    .select(COLUMNS)
    .where('plan_id', '=', planId)
    .orderBy('status')
    .orderBy('year', 'desc')
    .orderBy('issue_number', 'desc')
    .orderBy('created_at', 'desc')
    .execute();
  const versions = await versionNumbers(db, planId);
  return rows.map((r) => toRecord(r, versions));
}

export async function findBulletin(db: Db, id: string): Promise<BulletinRecord | undefined> {
  const row = await db.selectFrom('bulletins').select(COLUMNS).where('id', '=', id).executeTakeFirst();
  return row ? toRecord(row, await versionNumbers(db, row.plan_id)) : undefined;
}

/** 第N版 of each (as-of date, data version) among the plan's bulletins, oldest first. */
async function versionNumbers(db: Db, planId: string): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('bulletins')
    .select(['as_of', 'data_version'])
    .where('plan_id', '=', planId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return numberDataVersions(rows.map((r) => ({ asOf: r.as_of, dataVersion: r.data_version })));
}

/** Saves a draft's content when the stored version is `version`; false otherwise (saved by someone else, or published). */
export async function updateDraft(
  db: Db,
  id: string,
  version: number,
  content: BulletinContent,
  year: number,
  now: string,
): Promise<boolean> {
  const res = await db
    .updateTable('bulletins')
    .set({ content: JSON.stringify(content), year, version: version + 1, updated_at: now })
    .where('id', '=', id)
    .where('version', '=', version)
    .where('status', '=', 'draft')
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

export async function deleteDraft(db: Db, id: string): Promise<boolean> {
  const res = await db.deleteFrom('bulletins').where('id', '=', id).where('status', '=', 'draft').executeTakeFirst();
  return Number(res.numDeletedRows) === 1;
}

/** The next issue number of the plan and year (1 for the first). */
export async function nextIssueNumber(db: Db, planId: string, year: number): Promise<number> {
  const row = await db
    .selectFrom('bulletins')
    .select((eb) => eb.fn.max('issue_number').as('n'))
    .where('plan_id', '=', planId)
    .where('year', '=', year)
    .executeTakeFirst();
  return Number(row?.n ?? 0) + 1;
}

/** Marks a draft published with its issue number; false when it changed or was published meanwhile. */
export async function markPublished(
  db: Db,
  id: string,
  p: { version: number; year: number; issueNumber: number; byId: string | null; byName: string | null; now: string },
): Promise<boolean> {
  const res = await db
    .updateTable('bulletins')
    .set({
      status: 'published',
      year: p.year,
      issue_number: p.issueNumber,
      published_at: p.now,
      published_by: p.byId,
      published_by_name: p.byName,
      version: p.version + 1,
      updated_at: p.now,
    })
    .where('id', '=', id)
    .where('version', '=', p.version)
    .where('status', '=', 'draft')
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

export interface StoredFile {
  kind: FileKind;
  bytes: Buffer;
  sha256: string;
}

export async function insertFile(db: Db, bulletinId: string, f: StoredFile, now: string): Promise<void> {
  await db
    .insertInto('bulletin_files')
    .values({
      bulletin_id: bulletinId,
      kind: f.kind,
      content: f.bytes.toString('base64'),
      sha256: f.sha256,
      size: f.bytes.length,
      created_at: now,
    })
    .execute();
}

export async function listFiles(
  db: Db,
  bulletinId: string,
): Promise<{ kind: FileKind; size: number; sha256: string }[]> {
  const rows = await db
    .selectFrom('bulletin_files')
    .select(['kind', 'size', 'sha256'])
    .where('bulletin_id', '=', bulletinId)
    .execute();
  return rows.map((r) => ({ kind: r.kind as FileKind, size: Number(r.size), sha256: r.sha256 }));
}

export async function findFile(db: Db, bulletinId: string, kind: FileKind): Promise<StoredFile | undefined> {
  const row = await db
    .selectFrom('bulletin_files')
    .select(['kind', 'content', 'sha256'])
    .where('bulletin_id', '=', bulletinId)
    .where('kind', '=', kind)
    .executeTakeFirst();
  return row
    ? { kind: row.kind as FileKind, bytes: Buffer.from(row.content, 'base64'), sha256: row.sha256 }
    : undefined;
}
