import { z } from 'zod';

/** Chinese messages for a missing or mistyped field, so every schema failure reads in Chinese. */
const typed = (label: string, kind: string) => ({
  error: (issue: { input?: unknown }) =>
    issue.input === undefined || issue.input === null ? `请填写${label}` : `${label}须为${kind}`,
});

/** A required text field: trimmed, not empty, at most `max` characters. */
export const requiredText = (label: string, max: number) =>
  z.string(typed(label, '文本')).trim().min(1, `请填写${label}`).max(max, `${label}不能超过 ${max} 个字符`);

/** An optional text field; an empty string means none (null). */
export const optionalText = (label: string, max: number) =>
  z
    .string(typed(label, '文本'))
    .trim()
    .max(max, `${label}不能超过 ${max} 个字符`)
    .nullish()
    .transform((v) => (v ? v : null));

/** An id taken from a path or a body. */
export const idField = (label: string) =>
  z.string(typed(label, '文本')).min(1, `请填写${label}`).max(64, `${label}无效`);

/** A boolean field. */
export const booleanField = (label: string) => z.boolean(typed(label, '是或否'));

/** A calendar date as YYYY-MM-DD (a local date, in the platform's time zone). */
export const dateField = (label: string) =>
  z
    .string(typed(label, '日期'))
    .regex(/^\d{4}-\d{2}-\d{2}$/, `${label}须为 YYYY-MM-DD 格式的日期`)
    .refine(
      (v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v),
      `${label}不是有效日期`,
    );

/** Page number and size of a paged list, from a query string. */
export const pagingFields = (maxPageSize = 200) => ({
  page: z.coerce.number(typed('页码', '数字')).int('页码须为整数').min(1, '页码从 1 开始').default(1),
  pageSize: z.coerce
    .number(typed('每页条数', '数字'))
    .int('每页条数须为整数')
    .min(1, '每页至少 1 条')
    .max(maxPageSize, `每页最多 ${maxPageSize} 条`)
    .default(50),
});
