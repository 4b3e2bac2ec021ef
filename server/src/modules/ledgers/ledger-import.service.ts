import type { LedgerImportResult } from '@innocity/shared/api/ledgers';
import type { Db } from '../../db/connection.ts';
import { forbidden, validationFailed } from '../../http/errors.ts';
import { recordAudit, type AuditContext } from '../audit/audit.repo.ts';
import type { Actor } from '../users/user.repo.ts';
import { canWriteLedgerRow } from './ledger.policy.ts';
import { readSheetRows } from './ledger-excel.ts';
import { ImportRun } from './ledger-import-run.ts';
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
 * Imports a ledger workbook for one unit, all or nothing: every row is validated and every bad
 * row reported (row, column, reason); rows are upserted on the natural key, unchanged rows are
 * left alone, and each created or changed row is audited. The sheet is streamed and written in
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
  return db.transaction().execute(async (trx) => {
    const run = new ImportRun(trx, type, unitId, actor, ctx);
    for await (const row of readSheetRows(args.file)) await run.take(row);
    const result = await run.finish();
    // A re-import that changes nothing leaves no trace either; each row written has its own audit entry.
    if (result.created + result.updated === 0) return result;
    await recordAudit(trx, ctx, {
      action: 'import',
      entityType: 'ledger_type',
      entityId: type.id,
      planId: type.planId,
      after: { typeCode: type.code, unitId, fileName: args.fileName, ...result },
    });
    return result;
  });
}
