// Test-only helpers for the ledger suites: actors, audit contexts at chosen instants, workbooks.
import ExcelJS from 'exceljs';
import type { Role } from '@innocity/shared/api/auth';
import type { Db } from '../../db/connection.ts';
import { createUser } from '../../test/factories.ts';
import type { AuditContext } from '../audit/audit.repo.ts';
import { findUserById, loadActor, type Actor } from '../users/user.repo.ts';

/** A signed-in actor with the roles and units (by name), as the auth hook would load it. */
export async function actorWith(
  db: Db,
  roles: Role[],
  units: string[] = [],
): Promise<Actor & { username: string; password: string }> {
  const user = await createUser(db, { roles, units });
  const record = await findUserById(db, user.id);
  if (!record) throw new Error('user vanished');
  return { ...(await loadActor(db, record)), password: user.password };
}

/** An audit context whose clock reads `now` (UTC ISO), so a test decides when each write happened. */
export const at = (now: string, actor?: Actor): AuditContext => ({
  actor: actor ? { id: actor.id, displayName: actor.displayName } : null,
  requestId: null,
  ip: null,
  now,
});

/** The plan id of Jurong's plan, loaded on bootstrap. */
export async function jurongPlanId(db: Db): Promise<string> {
  const plan = await db.selectFrom('plans').select('id').where('code', '=', 'jurong-2022-79').executeTakeFirstOrThrow();
  return plan.id;
}

/** A unit's id by its name. */
export async function unitId(db: Db, name: string): Promise<string> {
  return (await db.selectFrom('units').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id;
}

/** An .xlsx in memory: a header row and data rows, written as given (strings, numbers, dates). */
export async function workbookBuffer(header: string[], rows: unknown[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('台账');
  ws.addRow(header);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** A multipart/form-data body carrying one file, for app.inject. */
export function multipartBody(fileName: string, content: Buffer): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----innocity${Math.random().toString(16).slice(2)}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${encodeURIComponent(fileName)}"\r\nContent-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return {
    payload: Buffer.concat([head, content, tail]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

/** Reads a workbook's first sheet back as rows of cell values (index 0 = column A). */
export async function readWorkbook(
  content: Buffer,
): Promise<{ rows: unknown[][]; validations: Record<string, unknown> }> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(content as unknown as ArrayBuffer);
  const ws = wb.worksheets[0]!;
  const rows: unknown[][] = [];
  ws.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  const validations = (ws as unknown as { dataValidations: { model: Record<string, unknown> } }).dataValidations.model;
  return { rows, validations };
}

/** What the authorization matrix needs for the ledger routes: 市科技局's id, a row of it, an importable workbook. */
export async function ledgerMatrixFixtures(
  db: Db,
  admin: { request(opts: { method: 'POST'; url: string; payload: object }): Promise<{ json(): unknown }> },
) {
  const planId = await jurongPlanId(db);
  const kjj = await unitId(db, '市科技局');
  const row = await admin.request({
    method: 'POST',
    url: `/api/plans/${planId}/ledgers/high-tech-enterprises/rows`,
    payload: {
      unitId: kjj,
      values: { certificateNo: 'GR-MATRIX', company: '矩阵科技有限公司', certifiedOn: '2023-05-10' },
    },
  });
  const workbook = await workbookBuffer(
    ['证书编号', '企业名称', '发证日期'],
    [['GR-MATRIX-IMPORT', '矩阵导入有限公司', new Date('2023-06-01T00:00:00Z')]],
  );
  return { unitId: kjj, rowId: (row.json() as { id: string }).id, workbook };
}
