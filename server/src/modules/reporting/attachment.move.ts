import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Db } from '../../db/connection.ts';
import type { EvidenceStore } from './attachment.store.ts';

export interface MoveResult {
  moved: number;
  bytes: number;
  /** Files whose bytes no longer match the SHA-256 recorded at upload: left on disk, named for the operator. */
  damaged: string[];
}

async function sha256Of(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of fs.createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/**
 * Moves the evidence files an earlier version left in `filesDir` into the store, one file per
 * transaction, deleting each disk copy only after its bytes are committed. Safe to run again
 * (what is already moved is skipped) and while the server runs: downloads read the disk copy until
 * the store has the file. On several instances each one's own folder is moved from that instance.
 * Kept as a command rather than done at start: moving gigabytes would hold up a start (and the
 * health check) for as long as it takes; the operator chooses the hour.
 */
export async function moveFilesToStore(db: Db, store: EvidenceStore, filesDir: string): Promise<MoveResult> {
  const rows = await db
    .selectFrom('attachments')
    .select(['storage_key', 'sha256', 'size'])
    .orderBy('storage_key')
    .execute();
  const result: MoveResult = { moved: 0, bytes: 0, damaged: [] };
  for (const row of rows) {
    const file = path.join(filesDir, ...row.storage_key.split('/'));
    if (!fs.existsSync(file)) continue;
    if ((await sha256Of(file)) !== row.sha256) {
      result.damaged.push(row.storage_key);
      continue;
    }
    const already = await store.open(db, row.storage_key);
    if (already) already.destroy();
    else await db.transaction().execute((trx) => store.put(trx, row.storage_key, file, row.sha256));
    await fs.promises.rm(file, { force: true });
    if (!already) {
      result.moved += 1;
      result.bytes += row.size;
    }
  }
  return result;
}
