import { ROLE_LABELS, type Role } from '@innocity/shared/api/auth';
import { UNIT_KIND_LABELS, type UnitKind } from '@innocity/shared/plan-pack';
import { AUDIT_FIELD_LABELS } from '@innocity/shared/api/audit-fields';
import { formatDateTimeZh } from '@innocity/shared/format';

/** What the diff calls the fields that audit rows carry; unknown keys show as they are. */
export const FIELD_LABELS: Record<string, string> = AUDIT_FIELD_LABELS;

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

/** One value in words: yes/no, role and kind names, names for ids (units, plans, work items …), Beijing time for instants. */
export function formatValue(key: string, v: unknown, unitName: (id: string) => string | undefined): string {
  if (v === undefined || v === null || v === '') return '—';
  if (typeof v === 'boolean') return v ? '是' : '否';
  if (key === 'kind' && typeof v === 'string') return UNIT_KIND_LABELS[v as UnitKind] ?? v;
  // planId, unitId, parentId, workItemId …: the name the server or the unit tree knows for the id.
  if (/Id$/.test(key) && typeof v === 'string') return unitName(v) ?? v;
  if (Array.isArray(v)) {
    if (v.length === 0) return '—';
    return v
      .map((x) => {
        if (key === 'roles' && typeof x === 'string') return ROLE_LABELS[x as Role] ?? x;
        if (/Ids$/.test(key) && typeof x === 'string') return unitName(x) ?? x;
        if (x && typeof x === 'object' && 'name' in x) return String((x as { name: unknown }).name);
        return typeof x === 'object' ? JSON.stringify(x) : String(x);
      })
      .join('、');
  }
  if (typeof v === 'string' && ISO.test(v)) return formatDateTimeZh(v, 'Asia/Shanghai');
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
