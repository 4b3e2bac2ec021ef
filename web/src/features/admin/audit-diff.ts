import { ROLE_LABELS, type Role } from '@innocity/shared/api/auth';
import { UNIT_KIND_LABELS, type UnitKind } from '@innocity/shared/plan-pack';

/** What the diff calls the fields that audit rows carry; unknown keys show as they are. */
export const FIELD_LABELS: Record<string, string> = {
  username: '用户名',
  displayName: '姓名',
  phone: '电话',
  roles: '角色',
  units: '所属单位',
  unitIds: '所属单位',
  disabled: '停用',
  mustChangePassword: '须修改密码',
  passwordChangedAt: '密码修改时间',
  sessionsRevoked: '全部登录失效',
  otherSessionsRevoked: '其他登录失效',
  lockedUntil: '锁定至',
  code: '编码',
  name: '名称',
  fullName: '全称',
  aliases: '别名',
  kind: '类别',
  parentId: '上级单位',
  sortOrder: '排序',
  status: '状态',
  title: '标题',
  comment: '意见',
  version: '版本',
  createdAt: '创建时间',
  updatedAt: '修改时间',
  id: '编号',
};

/** Timestamps and ids that every row carries; they say nothing to a reader of the change. */
const NOISE = new Set(['id', 'updatedAt', 'createdAt']);

export interface DiffRow {
  key: string;
  label: string;
  before: string;
  after: string;
  changed: boolean;
}

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

/** One value in words: yes/no, role and kind names, unit names for unit ids, Beijing time for instants. */
export function formatValue(key: string, v: unknown, unitName: (id: string) => string | undefined): string {
  if (v === undefined || v === null || v === '') return '—';
  if (typeof v === 'boolean') return v ? '是' : '否';
  if (key === 'kind' && typeof v === 'string') return UNIT_KIND_LABELS[v as UnitKind] ?? v;
  if (key === 'parentId' && typeof v === 'string') return unitName(v) ?? v;
  if (Array.isArray(v)) {
    if (v.length === 0) return '—';
    return v
      .map((x) => {
        if (key === 'roles' && typeof x === 'string') return ROLE_LABELS[x as Role] ?? x;
        if (key === 'unitIds' && typeof x === 'string') return unitName(x) ?? x;
        if (x && typeof x === 'object' && 'name' in x) return String((x as { name: unknown }).name);
        return typeof x === 'object' ? JSON.stringify(x) : String(x);
      })
      .join('、');
  }
  if (typeof v === 'string' && ISO.test(v))
    return new Date(v).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

const asRecord = (v: unknown): Record<string, unknown> =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};

/** Before and after side by side, field by field; `changed` marks what differs. */
export function diffRows(before: unknown, after: unknown, unitName: (id: string) => string | undefined): DiffRow[] {
  const b = asRecord(before);
  const a = asRecord(after);
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])];
  return keys.map((key) => {
    const bv = formatValue(key, b[key], unitName);
    const av = formatValue(key, a[key], unitName);
    const changed = before != null && after != null ? bv !== av : true;
    return {
      key,
      label: FIELD_LABELS[key] ?? key,
      before: before == null ? '' : bv,
      after: after == null ? '' : av,
      changed,
    };
  });
}

/** The rows worth showing: what changed, or everything recorded when nothing was compared. */
export function visibleRows(rows: DiffRow[]): DiffRow[] {
  const changed = rows.filter((r) => r.changed && !NOISE.has(r.key));
  return changed.length > 0 ? changed : rows.filter((r) => !NOISE.has(r.key));
}

/** A short line naming the changed fields, for the table column. */
export function summary(rows: DiffRow[]): string {
  const labels = visibleRows(rows).map((r) => r.label);
  return labels.length > 4 ? `${labels.slice(0, 4).join('、')} 等 ${labels.length} 项` : labels.join('、');
}
