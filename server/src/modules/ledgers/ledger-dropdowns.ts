import type ExcelJS from 'exceljs';
import type { LedgerField } from '@innocity/shared/ledger-type';

// The prompts and dropdowns of a ledger workbook's columns. A dropdown's list is written inline
// when it fits Excel's 255-character formula; a longer one (a county's towns, streets and parks
// can run past it) is read from a hidden sheet of lists.

/** The hidden sheet that holds the longer dropdown lists, one list per column. */
export const CHOICES_SHEET = '下拉选项';
/** Excel keeps an inline list as one formula of at most 255 characters, quotes included. */
const INLINE_MAX = 250;

/** What a field's dropdown offers: its fixed values, 是/否, or the names of the plan's units of its kinds. */
export function listOf(f: LedgerField, unitChoices: ReadonlyMap<string, string[]>): string[] | undefined {
  if (f.type === 'enum') return f.values;
  if (f.type === 'boolean') return ['是', '否'];
  const units = unitChoices.get(f.key);
  return units && units.length > 0 ? units : undefined;
}

function promptOf(f: LedgerField, fromUnits: boolean): string {
  const kind = {
    text: fromUnits ? '从下拉列表选择（也可填写列表外的名称）' : '文本',
    integer: '整数',
    decimal: '数字',
    date: '日期，如 2024-03-01',
    enum: '从下拉列表选择',
    boolean: '是 或 否',
  }[f.type];
  return `${f.required ? '必填' : '选填'}；${kind}${f.unit ? `；单位：${f.unit}` : ''}`;
}

/** Quotes a sheet name for a formula: '下拉选项'!$A$1:$A$9. */
const quoted = (name: string) => `'${name.replace(/'/g, "''")}'`;

/** Spreadsheet column letters: 1 → A, 27 → AA. */
function letter(index: number): string {
  let s = '';
  for (let n = index; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/**
 * The validation of each field's column, in field order. Long lists are appended as columns of
 * `lists` (written later to the hidden sheet) and referenced by range.
 */
export function validationsOf(
  fields: LedgerField[],
  unitChoices: ReadonlyMap<string, string[]>,
): { validations: ExcelJS.DataValidation[]; lists: string[][] } {
  const lists: string[][] = [];
  const validations = fields.map((f) => {
    const list = listOf(f, unitChoices);
    const fromUnits = f.type === 'text' && list !== undefined;
    const prompt = { showInputMessage: true, promptTitle: f.label, prompt: promptOf(f, fromUnits) };
    if (!list) return { type: 'any', ...prompt } as unknown as ExcelJS.DataValidation;
    let formula = `"${list.join(',')}"`;
    if (formula.length > INLINE_MAX || list.some((v) => /[,"]/.test(v))) {
      lists.push(list);
      const col = letter(lists.length);
      formula = `${quoted(CHOICES_SHEET)}!$${col}$1:$${col}$${list.length}`;
    }
    const shown = list.length > 12 ? `${list.slice(0, 12).join('、')}等` : list.join('、');
    return {
      type: 'list',
      allowBlank: !f.required,
      formulae: [formula],
      showErrorMessage: true,
      // A unit list warns rather than stops: a place the tree lacks can still be typed in.
      errorStyle: fromUnits ? 'warning' : 'stop',
      errorTitle: f.label,
      error: fromUnits ? `不在本地单位名单中（${shown}），确定要填写吗？` : `请从下拉列表中选择：${shown}`,
      ...prompt,
    } as ExcelJS.DataValidation;
  });
  return { validations, lists };
}
