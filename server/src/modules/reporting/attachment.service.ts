import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Readable } from 'node:stream';
import { Transform } from 'node:stream';
import type { Attachment } from '@innocity/shared/api/reporting';
import type { Db } from '../../db/connection.ts';
import { AppError, notFound, validationFailed } from '../../http/errors.ts';
import { recordAudit, type AuditContext } from '../audit/audit.repo.ts';
import type { Actor } from '../users/user.repo.ts';
import * as repo from './attachment.repo.ts';
import type { EvidenceStore } from './attachment.store.ts';
import { listDuties } from './round.repo.ts';
import { ACCEPTED_EXTENSIONS, detectEvidenceType, MAX_ATTACHMENT_BYTES } from './file-type.ts';
import { loadReadable, refuseEdit } from './submission.service.ts';

/**
 * Where earlier versions kept evidence: INNOCITY_DATA_DIR/files. New files go to the configured
 * store (attachment.store.ts); files still here are read as a fallback until move-files-to-db.
 */
export const filesDirOf = (dataDir: string) => path.join(dataDir, 'files');

export interface IncomingFile {
  fileName: string;
  stream: Readable;
  /** True when the upload was cut at the size limit. */
  truncated: () => boolean;
}

/** Streams the upload to a temporary file, hashing it and keeping its first bytes for the type check. */
async function receive(file: IncomingFile, tmp: string): Promise<{ size: number; sha256: string; head: Buffer }> {
  const hash = createHash('sha256');
  let size = 0;
  let head = Buffer.alloc(0);
  const tap = new Transform({
    transform(chunk: Buffer, _enc, done) {
      hash.update(chunk);
      size += chunk.length;
      if (head.length < 16) head = Buffer.concat([head, chunk.subarray(0, 16 - head.length)]);
      done(null, chunk);
    },
  });
  await pipeline(file.stream, tap, fs.createWriteStream(tmp));
  return { size, sha256: hash.digest('hex'), head };
}

/**
 * Stores an evidence file for a submission (optionally one duty of it). Type is checked by
 * extension and magic bytes, size by the limit; only those who may edit the draft may attach.
 */
export async function uploadAttachment(
  db: Db,
  actor: Actor,
  submissionId: string,
  dutyId: string | null,
  file: IncomingFile,
  ctx: AuditContext,
  store: EvidenceStore,
): Promise<Attachment> {
  const s = await loadReadable(db, actor, submissionId);
  refuseEdit(actor, s);
  if (dutyId && !(await listDuties(db, [s.roundId], s.unitId)).some((d) => d.id === dutyId))
    throw validationFailed('不是本单位本轮的填报任务', [{ path: 'dutyId', message: '填报任务无效' }]);
  // Keys keep the month/uuid.bin shape of the disk layout, so files moved from disk keep their key.
  const key = `${ctx.now.slice(0, 7)}/${randomUUID()}.bin`;
  const tmp = path.join(os.tmpdir(), `innocity-upload-${randomUUID()}.part`);
  try {
    const got = await receive(file, tmp);
    if (file.truncated() || got.size > MAX_ATTACHMENT_BYTES)
      throw new AppError(413, 'payload_too_large', `附件不能超过 ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MB`);
    if (got.size === 0) throw validationFailed('附件是空文件', [{ path: 'file', message: '空文件' }]);
    const mime = detectEvidenceType(file.fileName, got.head);
    if (!mime)
      throw validationFailed(`附件类型不支持或与扩展名不符：只接受 ${ACCEPTED_EXTENSIONS.join('、')}`, [
        { path: 'file', message: '文件类型不支持' },
      ]);
    const id = randomUUID();
    await db.transaction().execute(async (trx) => {
      await store.put(trx, key, tmp, got.sha256);
      await repo.insertAttachment(trx, {
        id,
        plan_id: s.planId,
        submission_id: s.id,
        duty_id: dutyId,
        unit_id: s.unitId,
        file_name: file.fileName.slice(0, 200),
        mime,
        size: got.size,
        sha256: got.sha256,
        storage_key: key,
        uploaded_by: actor.id,
        deleted_at: null,
        created_at: ctx.now,
        updated_at: ctx.now,
      });
      await recordAudit(trx, ctx, {
        action: 'attach',
        entityType: 'attachment',
        entityId: id,
        planId: s.planId,
        after: { submissionId: s.id, dutyId, fileName: file.fileName, mime, size: got.size, sha256: got.sha256 },
      });
    });
    return {
      id,
      dutyId,
      fileName: file.fileName.slice(0, 200),
      mime,
      size: got.size,
      uploadedBy: actor.displayName,
      createdAt: ctx.now,
    };
  } finally {
    fs.rmSync(tmp, { force: true });
  }
}

/** An attachment and its bytes, streamed, for someone who may read its submission. */
export async function openAttachment(
  db: Db,
  actor: Actor,
  id: string,
  store: EvidenceStore,
  filesDir: string,
): Promise<{ record: repo.AttachmentRecord; stream: Readable }> {
  const record = await repo.findAttachment(db, id);
  if (!record?.submissionId) throw notFound('附件');
  await loadReadable(db, actor, record.submissionId);
  const stored = await store.open(db, record.storageKey);
  if (stored) return { record, stream: stored };
  // Uploaded before files moved into the store, and not moved yet: still on this instance's disk.
  const file = path.join(filesDir, record.storageKey);
  if (!fs.existsSync(file)) throw notFound('附件文件');
  return { record, stream: fs.createReadStream(file) };
}

/** Removes an attachment from a draft (its file is kept for the audit trail). */
export async function deleteAttachment(db: Db, actor: Actor, id: string, ctx: AuditContext): Promise<void> {
  const record = await repo.findAttachment(db, id);
  if (!record?.submissionId) throw notFound('附件');
  const s = await loadReadable(db, actor, record.submissionId);
  refuseEdit(actor, s);
  await db.transaction().execute(async (trx) => {
    await repo.markDeleted(trx, id, ctx.now);
    await recordAudit(trx, ctx, {
      action: 'delete',
      entityType: 'attachment',
      entityId: id,
      planId: record.planId,
      before: { fileName: record.fileName },
    });
  });
}
