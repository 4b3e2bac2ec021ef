import { headerOf, ledgerCellParser, type LedgerField, type LedgerValues } from '@innocity/shared/ledger-type';
import { LEDGER_IMPORT_MAX_ISSUES, type LedgerImportResult } from '@innocity/shared/api/ledgers';
import type { FieldIssue } from '@innocity/shared/errors';
import type { Db } from '../../db/connection.ts';
import { conflict, validationFailed } from '../../http/errors.ts';
import { recordAudits, type AuditContext, type AuditEntry } from '../audit/audit.repo.ts';
import type { Actor } from '../users/user.repo.ts';
import { MARK_ERROR, isBlank, isCellError, mapHeader, type CellValue, type Column } from './ledger-excel.ts';
import type { RefusedRow } from './ledger-refused.ts';
import * as bulk from './ledger-bulk.repo.ts';
import { timeOrderedId } from './ledger-ids.ts';
import * as repo from './ledger-row.repo.ts';
import type { LedgerTypeRecord } from './ledger-type.repo.ts';
import { deriveChecked, describeKey, sameValues, type CheckedValues } from './ledger-values.ts';

/**
 * Rows looked up and written together: one lookup and one insert per batch on PostgreSQL, two
 * inserts on SQLite. Large enough that statements are few, small enough that the rows held stay small.
 */
const BATCH = 2000;

interface Pending {
  rowNumber: number;
  cells: CellValue[];
  checked: CheckedValues;
}

interface Update {
  current: repo.LedgerRowVersion;
  next: repo.LedgerRowVersion;
}

/** One import in progress: header, then rows validated one by one and written in batches while the file is clean. */
export class ImportRun {
  private columns: Map<number, Column> | null = null;
  private byKey = new Map<string, Column>();
  /** The header's columns as parallel arrays: read per row, where a Map's entries cost an array each. */
  private cellIndexes: number[] = [];
  private cellColumns: Column[] = [];
  /** Every field of the type in its order: its cell parser, and its cell's index when the sheet has its column. */
  private fieldCells: {
    field: LedgerField;
    index: number | undefined;
    parse: ReturnType<typeof ledgerCellParser>;
  }[] = [];
  private fatal = false;
  private issues: FieldIssue[] = [];
  private issueCount = 0;
  private badRows = new Set<number>();
  private seen = new Map<string, number>();
  private batch: Pending[] = [];
  /** The batch being written while the next is parsed (the database works while JavaScript reads on). */
  private inFlight: Promise<void> = Promise.resolve();
  /**
   * Whether the ledger had current rows when the import began; asked once. If it had none, no key
   * of the file can match a stored row: the file's own keys are unique (checked as rows are read),
   * so rows this import writes never match a later batch, and a row another user saves meanwhile
   * with one of the file's keys fails the insert on the live-key index (a conflict, nothing kept),
   * as it does between a batch's lookup and its insert. A first import of a large ledger then
   * spends no query on lookups.
   */
  private hadRows: Promise<boolean> | null = null;
  private result: LedgerImportResult = { total: 0, created: 0, updated: 0, unchanged: 0 };
  /** The header row as typed, and (importing only valid rows) each refused row as typed with its reasons. */
  header: CellValue[] = [];
  readonly refused = new Map<number, RefusedRow>();

  constructor(
    private readonly db: Db,
    private readonly type: LedgerTypeRecord,
    private readonly unitId: string,
    private readonly actor: Actor,
    private readonly ctx: AuditContext,
    /** 只导入有效行: bad rows are set aside instead of failing the file (a bad header still fails it). */
    private readonly partial = false,
  ) {}

  /** Takes the next row of the sheet; the first row is the header. */
  async take(row: { number: number; cells: CellValue[] }): Promise<void> {
    if (this.fatal) return;
    if (!this.columns) return this.readHeader(row);
    const pending = this.readRow(row);
    if (pending) this.batch.push(pending);
    if (this.batch.length < BATCH) return;
    await this.inFlight;
    const flushing = this.flush(this.batch);
    this.batch = [];
    // Awaited before the next batch and in finish(); the no-op catch only keeps it from being reported as unhandled meanwhile.
    flushing.catch(() => undefined);
    this.inFlight = flushing;
  }

  /**
   * Writes the last batch; throws validation_failed with every problem if there was any — except,
   * importing only valid rows, problems of rows, which leave those rows out.
   */
  async finish(): Promise<LedgerImportResult> {
    if (!this.columns)
      throw validationFailed('文件是空的：第一行应为表头', [
        { path: 'file', row: 1, message: '文件是空的：第一行应为表头' },
      ]);
    await this.inFlight;
    await this.flush(this.batch);
    this.batch = [];
    if (this.result.total === 0 && !this.fatal)
      throw validationFailed('文件中没有数据行', [{ path: 'file', row: 2, message: '文件中没有数据行' }]);
    if (this.partial && !this.fatal) return { ...this.result, refused: this.refused.size };
    if (this.issueCount > 0) {
      const shown = this.issues
        .slice(0, 3)
        .map((i) => i.message)
        .join('；');
      const more = this.issueCount > this.issues.length ? `（仅列出前 ${this.issues.length} 处）` : '';
      const rows = this.badRows.size > 0 ? `${this.badRows.size} 行有误，` : '';
      throw validationFailed(
        `导入失败，未写入任何数据：${rows}共 ${this.issueCount} 处问题${more}。${shown}`,
        this.issues,
      );
    }
    return this.result;
  }

  private addIssue(
    row: number,
    column: Column | undefined,
    message: string,
    header?: string,
    cells?: CellValue[],
  ): void {
    this.issueCount += 1;
    if (row > 1) this.badRows.add(row);
    if (this.partial && row > 1 && cells) {
      const refused = this.refused.get(row) ?? { number: row, cells, reasons: [] };
      refused.reasons.push(column ? `${column.letter} 列：${message}` : message);
      this.refused.set(row, refused);
    }
    if (this.issues.length >= LEDGER_IMPORT_MAX_ISSUES) return;
    const where = column ? `第 ${row} 行 ${column.letter} 列` : `第 ${row} 行`;
    this.issues.push({
      path: column?.field.key ?? 'header',
      row,
      ...(column ? { column: column.letter } : {}),
      ...(column || header ? { header: column ? headerOf(column.field) : header } : {}),
      message: `${where}：${message}`,
    });
  }

  private readHeader(row: { number: number; cells: CellValue[] }): void {
    this.header = row.cells;
    const header = mapHeader(this.type.fields, row.cells);
    for (const p of header.problems) this.addIssue(row.number, p.column, p.message, p.header);
    this.columns = header.columns;
    this.cellIndexes = [...header.columns.keys()];
    this.cellColumns = [...header.columns.values()];
    for (const column of header.columns.values()) this.byKey.set(column.field.key, column);
    const indexOf = new Map([...header.columns].map(([index, column]) => [column.field.key, index]));
    this.fieldCells = this.type.fields.map((field) => ({
      field,
      index: indexOf.get(field.key),
      parse: ledgerCellParser(field),
    }));
    // Without a sound header no cell can be placed; the header problems are the whole report.
    if (this.issueCount > 0) this.fatal = true;
  }

  /**
   * Validates one row. Parses each field straight from its cell, in the type's field order (the
   * order of the messages), with the same rules and messages as parseLedgerValues: no object of
   * raw values per row, which 100,000 rows made a good part of the import's garbage.
   */
  private readRow(row: { number: number; cells: CellValue[] }): Pending | undefined {
    const cells = row.cells;
    let broken: Set<string> | undefined;
    let blank = true;
    for (let i = 0; i < this.cellIndexes.length; i += 1) {
      const column = this.cellColumns[i]!;
      const cell = cells[this.cellIndexes[i]!];
      if (blank && !isBlank(cell)) blank = false;
      if (isCellError(cell)) {
        (broken ??= new Set()).add(column.field.key);
        this.addIssue(row.number, column, `单元格是错误值 ${cell[MARK_ERROR]}`, undefined, cells);
      }
    }
    if (blank) return undefined;
    this.result.total += 1;
    const values: LedgerValues = {};
    let bad = false;
    for (const { field, index, parse } of this.fieldCells) {
      // An error cell is reported above and not parsed (it would only add 必填项为空).
      if (broken?.has(field.key)) continue;
      const value = parse(index === undefined ? undefined : cells[index]);
      if (typeof value === 'object' || (value === undefined && field.required)) {
        bad = true;
        const problem = typeof value === 'object' ? value.message : '必填项为空';
        this.addIssue(row.number, this.byKey.get(field.key), `${field.label}：${problem}`, undefined, cells);
      } else if (value !== undefined) values[field.key] = value;
    }
    if (bad) return undefined;
    const checked = deriveChecked(this.type, values);
    if (!checked.ok) {
      for (const i of checked.issues)
        if (!broken?.has(i.key)) this.addIssue(row.number, this.byKey.get(i.key), i.message, undefined, cells);
      return undefined;
    }
    if (broken) return undefined;
    const first = this.seen.get(checked.row.naturalKey);
    if (first !== undefined) {
      this.addIssue(
        row.number,
        this.byKey.get(this.type.naturalKey[0]!),
        `与第 ${first} 行重复（${describeKey(this.type, checked.row.values)}）`,
        undefined,
        row.cells,
      );
      return undefined;
    }
    this.seen.set(checked.row.naturalKey, row.number);
    return { rowNumber: row.number, cells: row.cells, checked: checked.row };
  }

  private async flush(batch: Pending[]): Promise<void> {
    if (batch.length === 0) return;
    this.hadRows ??= bulk.hasLiveRows(this.db, this.type.id);
    const found = (await this.hadRows)
      ? await bulk.findLiveByKeys(
          this.db,
          this.type.id,
          batch.map((b) => b.checked.naturalKey),
        )
      : [];
    const existing = new Map(found.map((v) => [v.naturalKey, v]));
    const { creates, updates } = await this.classify(batch, existing);
    this.result.created += creates.length;
    this.result.updated += updates.length;
    // Once the file is known to be bad nothing will be kept; keep validating without writing.
    if (this.issueCount > 0 && !this.partial) return;
    await this.write(creates, updates);
  }

  /** New rows, changed rows and unchanged ones (counted); a key another unit keeps is a problem of the row. */
  private async classify(
    batch: Pending[],
    existing: Map<string, repo.LedgerRowVersion>,
  ): Promise<{ creates: repo.LedgerRowVersion[]; updates: Update[] }> {
    const otherUnits = [...existing.values()].map((v) => v.unitId).filter((u) => u !== this.unitId);
    const names = await repo.unitNames(this.db, [...new Set(otherUnits)]);
    const creates: repo.LedgerRowVersion[] = [];
    const updates: Update[] = [];
    for (const { rowNumber, cells, checked } of batch) {
      const current = existing.get(checked.naturalKey);
      if (!current) creates.push(this.newVersion(checked));
      else if (current.unitId !== this.unitId) {
        const who = names.get(current.unitId) ?? '其他单位';
        this.addIssue(
          rowNumber,
          this.byKey.get(this.type.naturalKey[0]!),
          `该记录（${describeKey(this.type, checked.values)}）已由${who}登记`,
          undefined,
          cells,
        );
      } else if (sameValues(current.values, checked.values)) this.result.unchanged += 1;
      else
        updates.push({
          current,
          next: {
            ...current,
            ...checked,
            id: timeOrderedId(),
            version: current.version + 1,
            updatedAt: this.ctx.now,
            updatedBy: this.actor.id,
          },
        });
    }
    return { creates, updates };
  }

  private newVersion(checked: CheckedValues): repo.LedgerRowVersion {
    const { ctx, actor, type } = this;
    return {
      id: timeOrderedId(),
      rowId: timeOrderedId(),
      version: 1,
      planId: type.planId,
      typeId: type.id,
      unitId: this.unitId,
      ...checked,
      createdAt: ctx.now,
      createdBy: actor.id,
      updatedAt: ctx.now,
      updatedBy: actor.id,
    };
  }

  private async write(creates: repo.LedgerRowVersion[], updates: Update[]): Promise<void> {
    const shape = (v: repo.LedgerRowVersion) => ({ unitId: v.unitId, version: v.version, values: v.values });
    const ended = await repo.endVersions(
      this.db,
      updates.map((u) => u.current.id),
      this.ctx.now,
      false,
    );
    if (ended !== updates.length) throw conflict('导入期间台账记录已被他人修改，请重新导入');
    await bulk.insertVersions(this.db, [...creates, ...updates.map((u) => u.next)]);
    // A created row needs no entry of its own: the import's entry says who imported which file into
    // which ledger and when, and the row's first version (never overwritten; created by that person
    // at that very instant) is its state after. 100,000 entries cost the import as much as its rows.
    // An updated row keeps its entry, so the log shows what an import changed, field by field.
    const audits: AuditEntry[] = updates.map((u) => ({
      entityType: 'ledger_row',
      planId: this.type.planId,
      action: 'import_update',
      entityId: u.current.rowId,
      before: shape(u.current),
      after: shape(u.next),
    }));
    if (audits.length > 0) await recordAudits(this.db, this.ctx, audits);
  }
}
