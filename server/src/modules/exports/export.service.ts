import type { AnnexTable } from '@innocity/shared/api/bulletins';
import type { Db } from '../../db/connection.ts';
import { tablesWorkbook } from '../../http/xlsx-table.ts';
import { getPublication } from '../assessment/assessment-score.service.ts';
import { listIndicatorStatuses, type IndicatorServiceOptions } from '../indicators/indicator.service.ts';
import { listRoundUnits } from '../reporting/standing.service.ts';
import type { Actor } from '../users/user.repo.ts';
import { indicatorListTable, publicationTables, roundProgressTable } from './export-tables.ts';

/**
 * The Excel exports of the screens people print and forward: each reads through the same service
 * as its screen, so it shows what that user may see there and refuses whom the screen refuses.
 */
export interface ExportFile {
  fileName: string;
  body: Buffer;
}

const CREATOR = 'InnoCity 创新型示范市建设管理平台';
const book = async (fileName: string, tables: AnnexTable[]): Promise<ExportFile> => ({
  fileName,
  body: await tablesWorkbook(tables, { creator: CREATOR, title: tables[0]!.title }),
});

export async function exportRoundProgress(
  db: Db,
  actor: Actor,
  roundId: string,
  timeZone: string,
): Promise<ExportFile> {
  const rows = await listRoundUnits(db, actor, roundId);
  const table = roundProgressTable(rows, timeZone);
  return book(`${table.title}.xlsx`, [table]);
}

export async function exportIndicatorList(
  db: Db,
  actor: Actor,
  planId: string,
  asOf: string | undefined,
  opts: IndicatorServiceOptions,
): Promise<ExportFile> {
  const list = await listIndicatorStatuses(db, actor, planId, { asOf }, opts);
  return book(`指标监测（截至${list.asOf}）.xlsx`, [indicatorListTable(list)]);
}

export async function exportPublication(db: Db, actor: Actor, publicationId: string): Promise<ExportFile> {
  const p = await getPublication(db, actor, publicationId);
  return book(`${p.label}考核结果.xlsx`, publicationTables(p));
}
