import { z } from 'zod';
import { dateField, optionalText, pagingFields } from './fields.ts';

/** What the log calls each action, in the words users know. Unknown codes show as they are. */
export const AUDIT_ACTION_LABELS: Record<string, string> = {
  create: '新建',
  update: '修改',
  move: '移动',
  disable: '停用',
  enable: '启用',
  login: '登录',
  login_failed: '登录失败',
  logout: '退出登录',
  reset_password: '重置密码',
  change_password: '修改密码',
  export: '导出',
  import: '导入',
  delete: '删除',
  // Written by the plan, reporting, supervision, indicator, ledger and bulletin modules.
  load_pack: '载入方案',
  open: '开启',
  close: '关闭',
  save: '保存草稿',
  attach: '上传佐证',
  correct: '更正',
  record: '录入',
  urge: '催办',
  publish: '发布',
  render: '生成文件',
  confirm: '确认',
  import_create: '导入新增',
  import_update: '导入更新',
  fill_from_pack: '从方案补全',
  set_milestones: '设置分年度目标',
  update_baseline: '修改基期值',
  update_target: '调整目标值',
  seed_demo: '生成演示数据',
};

/** What the log calls each kind of entity. */
export const AUDIT_ENTITY_LABELS: Record<string, string> = {
  user: '用户',
  unit: '单位',
  session: '登录会话',
  plan: '方案',
  audit_log: '审计日志',
  // Entities of the other modules.
  plan_import: '方案导入',
  indicator: '指标',
  data_element: '数据项',
  data_element_value: '数据项取值',
  ledger_row: '台账记录',
  reporting_round: '填报轮次',
  submission: '报送',
  attachment: '佐证材料',
  work_item: '工作事项',
  meeting: '会议',
  inspection: '督查检查',
  instruction: '领导批示',
  bulletin: '情况通报',
  assessment_scheme: '考核方案',
  assessment_adjustment: '考核加减分',
  assessment_publication: '考核结果发布',
  channel_settings: '通知渠道设置',
  supervision_settings: '督办设置',
  unit_contact: '单位联系人',
  ledger_type: '台账类型',
  region: '地区',
  plan_settings: '发文设置',
  indicator_catalogue_code: '指标目录编码',
  notification: '通知',
  system: '系统',
};

/** The export's column headers, in order. */
export const AUDIT_EXPORT_HEADERS = [
  '时间',
  '操作人',
  '操作',
  '对象类型',
  '对象',
  '变更前',
  '变更后',
  '请求编号',
  '地址',
] as const;

const filterFields = {
  entityType: optionalText('对象类型', 40).optional(),
  entityId: optionalText('对象编号', 64).optional(),
  actor: optionalText('操作人', 64).optional().describe('操作人的用户编号，或其姓名中包含的文字'),
  action: optionalText('操作', 40).optional(),
  from: dateField('开始日期').optional().describe('北京时间日期，含当天'),
  to: dateField('结束日期').optional().describe('北京时间日期，含当天'),
};

const checkRange = (v: { from?: string; to?: string }, ctx: z.RefinementCtx) => {
  if (v.from && v.to && v.from > v.to)
    ctx.addIssue({ code: 'custom', path: ['to'], message: '结束日期不能早于开始日期' });
};

export const auditFilterSchema = z.object(filterFields).superRefine(checkRange);
export type AuditFilter = z.infer<typeof auditFilterSchema>;

export const auditQuerySchema = z.object({ ...filterFields, ...pagingFields(200) }).superRefine(checkRange);
export type AuditQuery = z.infer<typeof auditQuerySchema>;

/** One audit row; before and after are the entity's state without secrets. */
export const auditEntrySchema = z.object({
  id: z.number().int(),
  at: z.string(),
  actorId: z.string().nullable(),
  actorName: z.string().nullable(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string().nullable(),
  planId: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
  requestId: z.string().nullable(),
  ip: z.string().nullable(),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

export const auditPageSchema = z.object({
  items: z.array(auditEntrySchema),
  /** Names of the ids the page mentions (objects, planId, unitId …), so nobody reads a hash. */
  names: z.record(z.string(), z.string()),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export type AuditPage = z.infer<typeof auditPageSchema>;
