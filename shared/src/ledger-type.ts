import { z } from 'zod';
import { unitKindSchema } from './unit-kind.ts';
import { usccProblem } from './uscc.ts';

/** Kinds of value a ledger field holds; each has its own parsing and Excel column format. */
export const LEDGER_FIELD_TYPES = ['text', 'integer', 'decimal', 'date', 'enum', 'boolean'] as const;
export const ledgerFieldTypeSchema = z.enum(LEDGER_FIELD_TYPES);
export type LedgerFieldType = z.infer<typeof ledgerFieldTypeSchema>;

const fieldKey = z.string().regex(/^[a-z][a-zA-Z0-9]{0,39}$/, '字段键只能是小写字母开头的字母和数字（最长 40 位）');

/** One column of a ledger: machine key, Chinese header, type, whether required, allowed values, unit of measure. */
export const ledgerFieldSchema = z
  .object({
    key: fieldKey,
    label: z.string().min(1).max(40),
    type: ledgerFieldTypeSchema,
    required: z.boolean().default(false),
    /** Allowed values of an enum field, shown as the Excel dropdown. */
    values: z.array(z.string().min(1).max(60)).optional(),
    /** Unit of measure (万元, 万平方米, 家…), shown in the header. */
    unit: z.string().min(1).max(10).optional(),
    /** A text field's checked format: uscc is the 统一社会信用代码 with its GB 32100 check character. */
    format: z.enum(['uscc']).optional(),
    /**
     * A text field naming a unit of the plan's own tree (所在镇 → street, town, park…): the template
     * offers those units' names as a dropdown. Not enforced on import: a clerk may name a place the
     * tree lacks after Excel's warning.
     */
    unitKinds: z.array(unitKindSchema).min(1).optional(),
  })
  .refine((f) => !f.unitKinds || f.type === 'text', { message: '只有文本字段可以取单位名称', path: ['unitKinds'] })
  .refine((f) => (f.type === 'enum') === (f.values !== undefined && f.values.length > 0), {
    message: '枚举字段必须列出可选值，其他字段不能有可选值',
    path: ['values'],
  })
  // Excel keeps an inline dropdown list as one comma-separated formula of at most 255 characters.
  .refine((f) => !f.values || (f.values.join(',').length <= 250 && f.values.every((v) => !/[,"]/.test(v))), {
    message: '可选值不能含逗号或引号，合计不超过 250 个字符',
    path: ['values'],
  });
export type LedgerField = z.infer<typeof ledgerFieldSchema>;

/**
 * When a row counts. `validFrom` (+ optional `validTo` field, or `validYears` from validFrom when
 * validTo is blank): a stock such as a certificate. `date`: a dated flow (a project, a payment),
 * counted from its date on. `year`: an annual registration valid through that calendar year.
 */
export const ledgerValiditySchema = z
  .object({
    validFrom: fieldKey.optional(),
    validTo: fieldKey.optional(),
    validYears: z.number().int().min(1).max(50).optional(),
    date: fieldKey.optional(),
    year: fieldKey.optional(),
  })
  .refine((v) => [v.validFrom, v.date, v.year].filter((x) => x !== undefined).length === 1, {
    message: '有效期须且只能指定 validFrom、date、year 之一',
  })
  .refine((v) => v.validFrom !== undefined || (v.validTo === undefined && v.validYears === undefined), {
    message: 'validTo 与 validYears 只能与 validFrom 一起使用',
  });
export type LedgerValidity = z.infer<typeof ledgerValiditySchema>;

export const ledgerTypeSchema = z
  .object({
    code: z.string().regex(/^[a-z0-9-]+$/, '编码只能包含小写字母、数字和连字符'),
    name: z.string().min(1).max(30),
    /** Units (names or aliases in the pack's unit tree) that keep this ledger. */
    owners: z.array(z.string().min(1)).min(1),
    fields: z.array(ledgerFieldSchema).min(1).max(60),
    /** Field keys that identify a row; an import upserts on them. */
    naturalKey: z.array(fieldKey).min(1),
    validity: ledgerValiditySchema,
  })
  .superRefine((t, ctx) => checkLedgerType(t, ctx));
export type LedgerType = z.infer<typeof ledgerTypeSchema>;

/** Keys are unique, and every key the natural key or validity names is a field of the right type. */
function checkLedgerType(t: Omit<LedgerType, never>, ctx: z.RefinementCtx): void {
  const byKey = new Map<string, LedgerField>();
  t.fields.forEach((f, i) => {
    if (byKey.has(f.key)) ctx.addIssue({ code: 'custom', message: `字段键重复：${f.key}`, path: ['fields', i, 'key'] });
    byKey.set(f.key, f);
  });
  t.naturalKey.forEach((k, i) => {
    const f = byKey.get(k);
    if (!f?.required) ctx.addIssue({ code: 'custom', message: `业务主键须是必填字段：${k}`, path: ['naturalKey', i] });
  });
  const want = (key: string | undefined, types: LedgerFieldType[], required: boolean, name: string) => {
    if (key === undefined) return;
    const f = byKey.get(key);
    if (!f || !types.includes(f.type) || (required && !f.required)) {
      ctx.addIssue({
        code: 'custom',
        message: `有效期字段 ${name} 须是${required ? '必填的' : ''}${types.join('/')} 字段：${key}`,
        path: ['validity', name],
      });
    }
  };
  want(t.validity.validFrom, ['date'], true, 'validFrom');
  want(t.validity.validTo, ['date'], false, 'validTo');
  want(t.validity.date, ['date'], true, 'date');
  want(t.validity.year, ['integer'], true, 'year');
}

/** A value as stored in a row's JSON: text, enum and date as strings, numbers, booleans. */
export type LedgerValue = string | number | boolean;
export type LedgerValues = Record<string, LedgerValue>;

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

const DATE_PATTERNS = [
  /^(\d{4})-(\d{1,2})-(\d{1,2})$/,
  /^(\d{4})\/(\d{1,2})\/(\d{1,2})$/,
  /^(\d{4})\.(\d{1,2})\.(\d{1,2})$/,
  /^(\d{4})年(\d{1,2})月(\d{1,2})日$/,
];
const TRUE_WORDS = new Set(['是', 'true', 'TRUE', 'True', '1', 'Y', 'y', '有']);
const FALSE_WORDS = new Set(['否', 'false', 'FALSE', 'False', '0', 'N', 'n', '无']);

/** A calendar date as YYYY-MM-DD, or undefined when it is not a real date. */
export function parseIsoDate(text: string): string | undefined {
  for (const re of DATE_PATTERNS) {
    const m = re.exec(text);
    if (!m) continue;
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const date = new Date(Date.UTC(y, mo - 1, d));
    if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return undefined;
    return date.toISOString().slice(0, 10);
  }
  return undefined;
}

function parseNumber(raw: string | number, integer: boolean): Parsed<number> {
  const n = typeof raw === 'number' ? raw : Number(raw.replace(/[,，\s]/g, ''));
  const what = integer ? '整数' : '数字';
  if (typeof raw === 'string' && !/^[-+]?[\d,，\s]*\.?\d+$/.test(raw.trim()))
    return { ok: false, message: `「${raw}」不是${what}` };
  if (!Number.isFinite(n)) return { ok: false, message: `「${raw}」不是${what}` };
  if (integer && !Number.isInteger(n)) return { ok: false, message: `「${raw}」不是整数` };
  return { ok: true, value: n };
}

/**
 * Parses one field's raw input (JSON value, or an Excel cell flattened to text/number/boolean/Date)
 * into its stored form; blank gives undefined. Messages are Chinese and name the offending value.
 */
export function parseLedgerValue(field: LedgerField, raw: unknown): Parsed<LedgerValue | undefined> {
  if (raw === null || raw === undefined || (typeof raw === 'string' && raw.trim() === ''))
    return { ok: true, value: undefined };
  if (raw instanceof Date) {
    if (field.type !== 'date') return parseLedgerValue(field, raw.toISOString().slice(0, 10));
    return Number.isNaN(raw.getTime())
      ? { ok: false, message: '日期无效' }
      : { ok: true, value: raw.toISOString().slice(0, 10) };
  }
  if (typeof raw !== 'string' && typeof raw !== 'number' && typeof raw !== 'boolean')
    return { ok: false, message: '取值类型无效' };
  const text = typeof raw === 'string' ? raw.trim() : String(raw);
  switch (field.type) {
    case 'text':
      if (isCreditCodeField(field)) {
        const problem = usccProblem(text);
        return problem ? { ok: false, message: problem } : { ok: true, value: text.toUpperCase() };
      }
      // Excel keeps only 15 significant digits of a number: a long code typed into a number cell is already damaged.
      if (typeof raw === 'number' && Math.abs(raw) >= 1e15)
        return { ok: false, message: `「${text}」位数过长，已被 Excel 当作数字截断，请把该列设为文本后重新填写` };
      return text.length > 500 ? { ok: false, message: '文本超过 500 字' } : { ok: true, value: text };
    case 'integer':
    case 'decimal':
      if (typeof raw === 'boolean') return { ok: false, message: `「${text}」不是数字` };
      return parseNumber(typeof raw === 'number' ? raw : text, field.type === 'integer');
    case 'date': {
      const iso = parseIsoDate(text);
      return iso ? { ok: true, value: iso } : { ok: false, message: `「${text}」不是有效日期（应为 YYYY-MM-DD）` };
    }
    case 'enum':
      return field.values?.includes(text)
        ? { ok: true, value: text }
        : { ok: false, message: `「${text}」不在可选值中（可选：${(field.values ?? []).join('、')}）` };
    case 'boolean':
      if (typeof raw === 'boolean') return { ok: true, value: raw };
      if (TRUE_WORDS.has(text)) return { ok: true, value: true };
      if (FALSE_WORDS.has(text)) return { ok: true, value: false };
      return { ok: false, message: `「${text}」应填“是”或“否”` };
  }
}

/**
 * A parser of one field's cells for reading many rows: the value itself (undefined when blank)
 * rather than a result object per cell, which a 100,000-row import made 1.2 million of. Takes the
 * common valid cells directly and hands every other cell to parseLedgerValue, whose failure it
 * returns as it is: the same values accepted and the same messages, by construction.
 */
export function ledgerCellParser(field: LedgerField): (raw: unknown) => LedgerValue | undefined | { message: string } {
  const slow = (raw: unknown) => {
    const parsed = parseLedgerValue(field, raw);
    return parsed.ok ? parsed.value : parsed;
  };
  const trimmed = (raw: unknown, take: (text: string) => LedgerValue | undefined) => {
    if (raw === undefined || raw === null) return undefined;
    if (typeof raw !== 'string') return slow(raw);
    const text = raw.trim();
    if (text === '') return undefined;
    const value = take(text);
    return value === undefined ? slow(raw) : value;
  };
  switch (field.type) {
    case 'text':
      if (isCreditCodeField(field)) return slow;
      return (raw) => trimmed(raw, (text) => (text.length > 500 ? undefined : text));
    case 'enum': {
      const allowed = new Set(field.values ?? []);
      return (raw) => trimmed(raw, (text) => (allowed.has(text) ? text : undefined));
    }
    case 'boolean':
      return (raw) =>
        typeof raw === 'boolean'
          ? raw
          : trimmed(raw, (text) => (TRUE_WORDS.has(text) ? true : FALSE_WORDS.has(text) ? false : undefined));
    case 'integer':
    case 'decimal': {
      const integer = field.type === 'integer';
      return (raw) =>
        typeof raw === 'number' && Number.isFinite(raw) && (!integer || Number.isInteger(raw))
          ? raw
          : raw === undefined || raw === null
            ? undefined
            : slow(raw);
    }
    case 'date':
      return (raw) =>
        raw instanceof Date && !Number.isNaN(raw.getTime())
          ? raw.toISOString().slice(0, 10)
          : raw === undefined || raw === null
            ? undefined
            : slow(raw);
  }
}

/**
 * Whether a field holds 统一社会信用代码: said by its format, or by the national name of the code
 * as its header (ledger types loaded before the format existed carry only the header).
 */
export function isCreditCodeField(field: Pick<LedgerField, 'type' | 'label'> & { format?: 'uscc' }): boolean {
  return field.type === 'text' && (field.format === 'uscc' || field.label.trim() === '统一社会信用代码');
}

export interface ValueIssue {
  key: string;
  message: string;
}

/** Parses every field of a row: required fields present, each value of its type. Unknown keys are refused. */
export function parseLedgerValues(
  type: Pick<LedgerType, 'fields'>,
  raw: Record<string, unknown>,
): { values: LedgerValues; issues: ValueIssue[] } {
  const values: LedgerValues = {};
  const issues: ValueIssue[] = [];
  const known = new Set(type.fields.map((f) => f.key));
  for (const key of Object.keys(raw)) if (!known.has(key)) issues.push({ key, message: `未知字段：${key}` });
  for (const field of type.fields) {
    const parsed = parseLedgerValue(field, raw[field.key]);
    if (!parsed.ok) issues.push({ key: field.key, message: `${field.label}：${parsed.message}` });
    else if (parsed.value === undefined) {
      if (field.required) issues.push({ key: field.key, message: `${field.label}：必填项为空` });
    } else values[field.key] = parsed.value;
  }
  return { values, issues };
}

/** The text that identifies a row among its type's rows: the natural-key values in order. */
export function naturalKeyOf(type: Pick<LedgerType, 'naturalKey'>, values: LedgerValues): string {
  return JSON.stringify(type.naturalKey.map((k) => values[k] ?? null));
}

/** Adds whole years to a date and steps back a day: a 3-year certificate of 2023-05-10 runs to 2026-05-09. */
export function addYearsInclusive(isoDate: string, years: number): string {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  const end = new Date(Date.UTC(y + years, m - 1, d));
  // 29 Feb plus whole years lands on 1 Mar when the target year is not a leap year; JS rolls over for us.
  if (end.getUTCDate() !== d) end.setUTCDate(0);
  else end.setUTCDate(end.getUTCDate() - 1);
  return end.toISOString().slice(0, 10);
}

/** The span of dates over which a row counts; null ends are open. For a dated flow, validFrom is its date. */
export function validityOf(
  validity: LedgerValidity,
  values: LedgerValues,
): { validFrom: string | null; validTo: string | null } {
  if (validity.year !== undefined) {
    const y = values[validity.year];
    return typeof y === 'number'
      ? { validFrom: `${y}-01-01`, validTo: `${y}-12-31` }
      : { validFrom: null, validTo: null };
  }
  if (validity.date !== undefined) return { validFrom: asDate(values[validity.date]), validTo: null };
  const from = asDate(values[validity.validFrom ?? '']);
  let to = validity.validTo !== undefined ? asDate(values[validity.validTo]) : null;
  if (to === null && from !== null && validity.validYears !== undefined)
    to = addYearsInclusive(from, validity.validYears);
  return { validFrom: from, validTo: to };
}

const asDate = (v: LedgerValue | undefined) => (typeof v === 'string' ? v : null);

/** The Excel header of a field: its label, and its unit in Chinese brackets when it has one. */
export const headerOf = (f: Pick<LedgerField, 'label' | 'unit'>) => (f.unit ? `${f.label}（${f.unit}）` : f.label);
