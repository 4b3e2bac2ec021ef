import { Typography } from 'antd';
import { PhoneTable } from '../../components/PhoneTable.tsx';
import type { AuditEntry } from '@innocity/shared/api/audit';
import { diffRows, visibleRows, type DiffRow } from './audit-diff.ts';

/** One audit row's change as a readable table: field, before, after (changes highlighted). */
export function AuditDiff({ entry, unitName }: { entry: AuditEntry; unitName: (id: string) => string | undefined }) {
  const rows = visibleRows(diffRows(entry.before, entry.after, unitName));
  const hasBefore = entry.before != null;
  const hasAfter = entry.after != null;
  if (rows.length === 0) return <Typography.Text type="secondary">此操作没有记录变更内容。</Typography.Text>;
  return (
    <PhoneTable<DiffRow>
      className="audit-diff"
      rowKey="key"
      size="small"
      pagination={false}
      scroll={{ x: 'max-content' }}
      dataSource={rows}
      columns={[
        { title: '字段', dataIndex: 'label', width: 120 },
        ...(hasBefore
          ? [
              {
                title: '变更前',
                dataIndex: 'before',
                render: (v: string, r: DiffRow) => (
                  <span className={r.changed && hasAfter ? 'diff-old' : undefined}>{v}</span>
                ),
              },
            ]
          : []),
        ...(hasAfter
          ? [
              {
                title: hasBefore ? '变更后' : '记录内容',
                dataIndex: 'after',
                render: (v: string, r: DiffRow) => (
                  <span className={r.changed && hasBefore ? 'diff-new' : undefined}>{v}</span>
                ),
              },
            ]
          : []),
      ]}
    />
  );
}
