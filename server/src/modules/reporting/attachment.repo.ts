import type { Insertable } from 'kysely';
import type { Attachment } from '@innocity/shared/api/reporting';
import type { Db } from '../../db/connection.ts';
import type { AttachmentsTable } from './reporting.table.ts';

export interface AttachmentRecord extends Attachment {
  planId: string;
  submissionId: string | null;
  unitId: string;
  storageKey: string;
}

export async function insertAttachment(db: Db, row: Insertable<AttachmentsTable>): Promise<void> {
  await db.insertInto('attachments').values(row).execute();
}

function base(db: Db) {
  return db
    .selectFrom('attachments as a')
    .leftJoin('users', 'users.id', 'a.uploaded_by')
    .selectAll('a')
    .select('users.display_name as uploader')
    .where('a.deleted_at', 'is', null);
}
type Row = Awaited<ReturnType<ReturnType<typeof base>['execute']>>[number];
const toRecord = (r: Row): AttachmentRecord => ({
  id: r.id,
  planId: r.plan_id,
  submissionId: r.submission_id,
  unitId: r.unit_id,
  dutyId: r.duty_id,
  fileName: r.file_name,
  mime: r.mime,
  size: r.size,
  uploadedBy: r.uploader,
  createdAt: r.created_at,
  storageKey: r.storage_key,
});

export async function findAttachment(db: Db, id: string): Promise<AttachmentRecord | undefined> {
  const r = await base(db).where('a.id', '=', id).executeTakeFirst();
  return r ? toRecord(r) : undefined;
}

export async function listAttachments(db: Db, submissionIds: string[]): Promise<AttachmentRecord[]> {
  if (submissionIds.length === 0) return [];
  return (await base(db).where('a.submission_id', 'in', submissionIds).orderBy('a.created_at').execute()).map(toRecord);
}

/** Hides an attachment from the submission; the file stays on disk for the audit trail. */
export async function markDeleted(db: Db, id: string, now: string): Promise<void> {
  await db.updateTable('attachments').set({ deleted_at: now, updated_at: now }).where('id', '=', id).execute();
}
