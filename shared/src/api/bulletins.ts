import { z } from 'zod';
import { dateField, idField, optionalText } from './fields.ts';

/** A body block: first-level heading (numbered 一、), second-level heading (numbered （一）), or a paragraph. */
export const BLOCK_KINDS = ['heading1', 'heading2', 'paragraph'] as const;
export const BLOCK_KIND_LABELS: Record<(typeof BLOCK_KINDS)[number], string> = {
  heading1: '一级标题',
  heading2: '二级标题',
  paragraph: '正文段落',
};

export const bulletinBlockSchema = z.object({
  kind: z.enum(BLOCK_KINDS, { error: '请选择段落类型' }),
  /** Headings without their number: 一、 and （一） are added when the document is laid out. */
  text: z.string({ error: '段落内容须为文本' }).trim().min(1, '段落内容不能为空').max(5000, '每段不能超过 5000 字'),
});
export type BulletinBlock = z.infer<typeof bulletinBlockSchema>;

/** A table printed as an annex (附件) in the Word file and as a sheet of the Excel workbook. */
export const annexTableSchema = z.object({
  title: z.string().max(100),
  /** The Excel sheet name: at most 31 characters, none of []:*?/\ . */
  sheet: z.string().max(31),
  columns: z.array(z.string()),
  /** Relative column widths. */
  widths: z.array(z.number()),
  rows: z.array(z.array(z.string())),
  /**
   * Cells that are figures, for Excel: the number itself and a number format showing the same text
   * as `rows` (44.5 with 0.0"%" reads 44.5%). Keyed "row,column", both from 0.
   */
  numbers: z.record(z.string(), z.object({ value: z.number(), numFmt: z.string() })).optional(),
  note: z.string().nullable(),
});
export type AnnexTable = z.infer<typeof annexTableSchema>;

const line = (label: string, max: number) =>
  z
    .string({ error: `${label}须为文本` })
    .trim()
    .min(1, `请填写${label}`)
    .max(max, `${label}不能超过 ${max} 个字符`);

/** What the office edits: everything the document says except the annex tables, which come from the data. */
export const bulletinTextSchema = z.object({
  /** The 发文机关标志 of the 版头, printed red. */
  issuer: line('发文机关标志', 30),
  title: line('标题', 100),
  /** 主送机关. */
  recipients: line('主送机关', 200),
  blocks: z.array(bulletinBlockSchema).min(1, '正文至少需要一段').max(300, '正文最多 300 段'),
  /** 发文机关署名. */
  signature: line('署名', 50),
  /** 成文日期, printed in Arabic numerals. */
  date: dateField('成文日期'),
  /** 抄送机关 of the 版记; none leaves the line out. */
  cc: optionalText('抄送机关', 300),
  /** 印发机关 of the 版记. */
  printer: line('印发机关', 50),
});
export type BulletinText = z.infer<typeof bulletinTextSchema>;

/** The stored content as the API returns it: the same fields as plain values (a response schema may not transform). */
export const bulletinContentSchema = z.object({
  issuer: z.string(),
  title: z.string(),
  recipients: z.string(),
  blocks: z.array(z.object({ kind: z.enum(BLOCK_KINDS), text: z.string() })),
  signature: z.string(),
  date: z.string(),
  cc: z.string().nullable(),
  printer: z.string(),
  annexes: z.array(annexTableSchema),
  /** Made from demo data: every page says 示例数据. */
  demo: z.boolean(),
});
export type BulletinContent = z.infer<typeof bulletinContentSchema>;

export const BULLETIN_STATUSES = ['draft', 'published'] as const;
export const BULLETIN_STATUS_LABELS: Record<(typeof BULLETIN_STATUSES)[number], string> = {
  draft: '草稿',
  published: '已印发',
};
export const FILE_KINDS = ['docx', 'xlsx', 'pdf'] as const;
export type FileKind = (typeof FILE_KINDS)[number];

export const bulletinSummarySchema = z.object({
  id: z.string(),
  planId: z.string(),
  roundId: z.string().nullable(),
  periodId: z.string(),
  roundTitle: z.string(),
  asOf: z.string(),
  status: z.enum(BULLETIN_STATUSES),
  year: z.number().int(),
  issueNumber: z.number().int().nullable(),
  /** 2025年第3期, or 草稿. */
  issueLabel: z.string(),
  title: z.string(),
  dataVersion: z.string(),
  /** The data version as people read it: 2025年10月20日的数据（第2版）. */
  dataVersionLabel: z.string(),
  createdAt: z.string(),
  publishedAt: z.string().nullable(),
  publishedBy: z.string().nullable(),
  version: z.number().int(),
});
export type BulletinSummary = z.infer<typeof bulletinSummarySchema>;
export const bulletinListSchema = z.object({ items: z.array(bulletinSummarySchema) });

export const bulletinSchema = bulletinSummarySchema.extend({
  content: bulletinContentSchema,
  /** Which files are stored (published) or can be made now (draft). */
  files: z.array(
    z.object({ kind: z.enum(FILE_KINDS), size: z.number().int().nullable(), sha256: z.string().nullable() }),
  ),
  pdfAvailable: z.boolean(),
});
export type Bulletin = z.infer<typeof bulletinSchema>;

export const generateBulletinSchema = z
  .object({
    roundId: idField('填报轮次').optional(),
    /** Without a round: the period the bulletin covers and the date its data stands at. */
    periodId: z
      .string()
      .regex(/^\d{4}(Q[1-4]|\d{2})?$/, '统计期格式应为 2025、2025Q3 或 202509')
      .optional(),
    asOf: dateField('数据截止日期').optional(),
  })
  .refine((v) => v.roundId || (v.periodId && v.asOf), {
    message: '请选择填报轮次，或填写统计期和数据截止日期',
    path: ['roundId'],
  });
export type GenerateBulletinInput = z.infer<typeof generateBulletinSchema>;

export const updateBulletinSchema = z.object({
  version: z.number({ error: '缺少版本号' }).int(),
  text: bulletinTextSchema,
});
export type UpdateBulletinInput = z.infer<typeof updateBulletinSchema>;
export const publishBulletinSchema = z.object({ version: z.number({ error: '缺少版本号' }).int() });

export const bulletinParamsSchema = z.object({ bulletinId: idField('情况通报') });
export const bulletinFileParamsSchema = bulletinParamsSchema.extend({
  kind: z.enum(FILE_KINDS, { error: '文件类型须为 docx、xlsx 或 pdf' }),
});
export const planBulletinsParamsSchema = z.object({ planId: idField('方案') });

/** 第3期 for a published bulletin; the issue line of a draft shows 第  期 for the office to see where it goes. */
export const issueLine = (issueNumber: number | null) => (issueNumber === null ? '第  期' : `第${issueNumber}期`);

const CN_DIGITS = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
/** Chinese numerals for heading numbers: 1 → 一, 10 → 十, 12 → 十二, 21 → 二十一 (up to 99). */
export function chineseNumber(n: number): string {
  if (n < 10) return CN_DIGITS[n]!;
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens === 1 ? '' : CN_DIGITS[tens]}十${ones ? CN_DIGITS[ones] : ''}`;
}

/** Heading numbers as laid out: 一、 for first level, （一） for second, restarting under each first-level heading. */
export function numberBlocks(blocks: readonly BulletinBlock[]): { block: BulletinBlock; label: string }[] {
  let h1 = 0;
  let h2 = 0;
  return blocks.map((block) => {
    if (block.kind === 'heading1') {
      h1 += 1;
      h2 = 0;
      return { block, label: `${chineseNumber(h1)}、` };
    }
    if (block.kind === 'heading2') {
      h2 += 1;
      return { block, label: `（${chineseNumber(h2)}）` };
    }
    return { block, label: '' };
  });
}
