import type { Writable } from 'node:stream';
import type { Db } from '../../db/connection.ts';
import type { Actor } from '../users/user.repo.ts';
import { unitChoicesOf } from './ledger-choices.repo.ts';
import { writeLedgerWorkbook, type WorkbookRows } from './ledger-excel.ts';
import { iterateLiveRows } from './ledger-row.repo.ts';
import { getLedgerType } from './ledger-type.service.ts';

export interface PreparedWorkbook {
  fileName: string;
  /** Streams the workbook into `out`; rows are read from the database a batch at a time. */
  write(out: Writable): Promise<void>;
}

/** How many of the ledger's rows the demo's template shows as samples. */
const SAMPLES = 3;

/**
 * A ledger as a workbook: the template (headers, dropdowns, no rows — in the demo, a few of the
 * ledger's rows on a 示例数据 sheet) or the current rows, of one unit or all. Every signed-in role
 * may export what they may read.
 */
export async function prepareLedgerWorkbook(
  db: Db,
  actor: Actor,
  planId: string,
  typeCode: string,
  opts: { unitId?: string; template: boolean; demo: boolean },
): Promise<PreparedWorkbook> {
  const type = await getLedgerType(db, actor, planId, typeCode);
  const unitName = opts.unitId ? type.owners.find((o) => o.id === opts.unitId)?.name : undefined;
  const parts = [opts.demo ? '示例数据' : '', type.name, opts.template ? '导入模板' : '台账', unitName ?? ''].filter(
    (p) => p !== '',
  );
  async function* rows() {
    for await (const batch of iterateLiveRows(db, type.id, opts.unitId))
      yield batch.map((r) => ({ values: r.values, unitName: r.unitName }));
  }
  const unitChoices = await unitChoicesOf(db, type);
  let samples: WorkbookRows[] = [];
  if (opts.template && opts.demo)
    for await (const batch of iterateLiveRows(db, type.id, opts.unitId, SAMPLES)) {
      samples = batch.slice(0, SAMPLES).map((r) => ({ values: r.values, unitName: r.unitName }));
      break;
    }
  return {
    fileName: `${parts.join('-')}.xlsx`,
    write: (out) =>
      writeLedgerWorkbook(out, type, opts.template ? null : rows(), { demo: opts.demo, unitChoices, samples }),
  };
}
