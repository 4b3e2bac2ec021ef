import ExcelJS from 'exceljs';
import { SUBMISSION_STATUS_LABELS, TIMELINESS_LABELS, type RoundUnitRow } from '@innocity/shared/api/reporting';
import type { WorkItem, WorkItemQuery } from '@innocity/shared/api/supervision';
import { LIGHT_LABELS, SOURCE_KIND_LABELS, WORK_ITEM_STATE_LABELS } from '@innocity/shared/supervision/work-item-state';
import type { Db } from '../../db/connection.ts';
import { forbidden } from '../../http/errors.ts';
import { listRoundUnits } from '../reporting/standing.service.ts';
import type { Actor } from '../users/user.repo.ts';
import { canReadBoard } from './supervision.policy.ts';
import { listWorkItems, type Clock } from './work-item.service.ts';

type Cell = string | number | Date;
/** A column: header, width, the cell, and a number format for cells that are numbers or dates. */
type Column<T> = [string, number, (x: T) => Cell, string?];
// Dates are Excel dates (they sort and filter) shown as people write them: 2025年10月31日.
const DATE_FORMAT = 'yyyy"年"m"月"d"日"';
const excelDate = (iso: string | null) => (iso ? new Date(`${iso}T00:00:00Z`) : '');

const ITEM_COLUMNS: Column<WorkItem>[] = [
  ['领域', 22, (w) => (w.area ? `${w.area.number}. ${w.area.title}` : '')],
  ['重点任务', 28, (w) => (w.task ? `${w.task.number}. ${w.task.title}` : '')],
  ['工作事项', 40, (w) => w.title],
  ['来源', 10, (w) => SOURCE_KIND_LABELS[w.sourceKind]],
  ['牵头单位', 16, (w) => w.leadUnit.name],
  ['配合单位', 24, (w) => w.coUnits.map((u) => u.name).join('、')],
  ['完成时限', 14, (w) => excelDate(w.dueDate), DATE_FORMAT],
  ['状态', 8, (w) => WORK_ITEM_STATE_LABELS[w.state] + (w.awaitingVerification ? '（待核验）' : '')],
  ['灯色', 8, (w) => (w.light ? LIGHT_LABELS[w.light] : '')],
  ['进度（%）', 10, (w) => w.progress],
  ['最新进展', 50, (w) => w.latestProgress ?? ''],
];

const DUTY_COLUMNS: Column<RoundUnitRow>[] = [
  ['单位', 20, (r) => r.unit.name],
  ['报送状态', 12, (r) => SUBMISSION_STATUS_LABELS[r.status]],
  ['及时性', 10, (r) => TIMELINESS_LABELS[r.timeliness]],
  ['迟报（小时）', 12, (r) => (r.lateMinutes === null ? '' : Math.round((r.lateMinutes / 60) * 10) / 10)],
  ['应报项', 8, (r) => r.expected],
  ['已填项', 8, (r) => r.filled],
  ['完整率', 10, (r) => (r.expected ? r.filled / r.expected : 1), '0%'],
  ['催办次数', 10, (r) => r.urgings],
];

function addSheet<T>(book: ExcelJS.Workbook, name: string, columns: Column<T>[], rows: T[]): void {
  const sheet = book.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map(([header, width, , numFmt]) => ({ header, width, style: numFmt ? { numFmt } : {} }));
  sheet.getRow(1).font = { bold: true, name: '黑体' };
  for (const row of rows) sheet.addRow(columns.map(([, , get]) => get(row)));
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
}

/** The board as an Excel workbook with Chinese headers: the filtered work items, and each unit's standing in the round. */
export async function exportBoard(
  db: Db,
  actor: Actor,
  q: WorkItemQuery & { roundId?: string },
  clock: Clock,
): Promise<Buffer> {
  if (!canReadBoard(actor)) throw forbidden('只有办公室、领导和督查考核人员可以导出督办台账');
  const book = new ExcelJS.Workbook();
  book.creator = 'InnoCity 创新型示范市建设管理平台';
  addSheet(book, '工作事项', ITEM_COLUMNS, await listWorkItems(db, actor, q, clock));
  if (q.roundId) addSheet(book, '填报情况', DUTY_COLUMNS, await listRoundUnits(db, actor, q.roundId));
  return Buffer.from(await book.xlsx.writeBuffer());
}
