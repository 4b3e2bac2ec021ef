import type { LedgerImportResult } from '@innocity/shared/api/ledgers';
import type { Db } from '../../db/connection.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import { conflict, forbidden, validationFailed } from '../../http/errors.ts';
import { recordAudit, type AuditContext } from '../audit/audit.repo.ts';
import type { Actor } from '../users/user.repo.ts';
import { canWriteLedgerRow } from './ledger.policy.ts';
import { readSheetRows } from './ledger-excel.ts';
import { withPlanVersionHeld } from './ledger-bulk.repo.ts';
import { ImportRun } from './ledger-import-run.ts';
import { reasonHeaderOf, refusedWorkbook } from './ledger-refused.ts';
import type { LedgerTypeRecord } from './ledger-type.repo.ts';
import { getLedgerType } from './ledger-type.service.ts';

export interface ImportArgs {
  planId: string;
  typeCode: string;
  /** The unit the rows belong to; may be left out when the actor keeps the ledger for exactly one unit. */
  unitId?: string;
  /** Path of the uploaded .xlsx. */
  file: string;
  fileName: string;
  /** `valid`: 只导入有效行 — write the valid rows, hand the refused ones back. Default `all`: all or nothing. */
  mode?: 'all' | 'valid';
}

/** The unit an import writes for: the one asked for, or the actor's only unit that keeps this ledger. */
function chooseUnit(actor: Actor, type: LedgerTypeRecord, unitId: string | undefined): string {
  if (unitId) return unitId;
  const mine = type.owners.filter((o) => actor.units.some((u) => u.id === o.id));
  if (mine.length === 1) return mine[0]!.id;
  throw validationFailed('请选择导入到哪个单位的台账', [
    { path: 'unitId', message: `可选：${type.owners.map((o) => o.name).join('、')}` },
  ]);
}

/**
 * Imports a ledger workbook for one unit, all or nothing (or, mode `valid`, the valid rows in one
 * transaction and the refused rows back as a workbook with a 原因 column): every row is validated and every bad
 * row reported (row, column, reason); rows are upserted on the natural key, unchanged rows are
 * left alone. The import is audited once (who, which file, when, how many rows), each changed row
 * on its own; a created row's origin is the import entry whose instant and person its first
 * version carries. The sheet is streamed and written in
 * batches inside one transaction, so memory stays flat however long the file.
 */
export async function importLedgerRows(
  db: Db,
  actor: Actor,
  args: ImportArgs,
  ctx: AuditContext,
): Promise<LedgerImportResult> {
  const type = await getLedgerType(db, actor, args.planId, args.typeCode);
  const unitId = chooseUnit(actor, type, args.unitId);
  if (!canWriteLedgerRow(actor, type, unitId)) throw forbidden('只能导入本单位负责的台账');
  const partial = args.mode === 'valid';
  const done = await db
    .transaction()
    .execute(async (trx) => {
      const run = new ImportRun(trx, type, unitId, actor, ctx, partial);
      // The plan's data version moves once for the whole import, in this transaction (zero lag).
      const result = await withPlanVersionHeld(
        trx,
        type.planId,
        async () => {
          for await (const row of readSheetRows(args.file)) await run.take(row);
          return run.finish();
        },
        (r) => r.created + r.updated > 0,
      );
      // A re-import that changes nothing leaves no trace either.
      if (result.created + result.updated + (result.refused ?? 0) === 0) return { run, result };
      await recordAudit(trx, ctx, {
        action: 'import',
        entityType: 'ledger_type',
        entityId: type.id,
        planId: type.planId,
        after: { typeCode: type.code, unitId, fileName: args.fileName, mode: partial ? 'valid' : 'all', ...result },
      });
      return { run, result };
    })
    .catch((err: unknown) => {
      // The live-key index settles a race with another import or clerk registering the same row.
      if (isUniqueViolation(err)) throw conflict('导入期间他人登记了文件中的相同记录，未写入任何数据，请重新导入');
      throw err;
    });
  if (!partial) return done.result;
  const refusedFile =
    done.run.refused.size === 0
      ? null
      : {
          fileName: `${type.name}-未导入行.xlsx`,
          base64: (
            await refusedWorkbook(type.name, done.run.header, done.run.refused.values(), reasonHeaderOf(type.fields))
          ).toString('base64'),
        };
  return { ...done.result, refusedWorkbook: refusedFile };
}
