import { Tag, Typography } from 'antd';
import { PhoneTable } from '../../components/PhoneTable.tsx';
import type { UnitScore } from '@innocity/shared/assessment/score';

const fmt = (n: number | null) => (n === null ? '—' : String(n));

function Delta({ s }: { s: UnitScore }) {
  if (!s.previous) return <span style={{ color: '#999' }}>—</span>;
  const total = s.deltaTotal ?? 0;
  const rank = s.deltaRank ?? 0;
  const color = total > 0 ? '#389e0d' : total < 0 ? '#cf1322' : undefined;
  return (
    <span style={{ color }}>
      {total > 0 ? '+' : ''}
      {total} 分{rank !== 0 && `（${rank > 0 ? '升' : '降'} ${Math.abs(rank)} 位）`}
    </span>
  );
}

export interface ScoreTableProps {
  scores: UnitScore[];
  /** Rank of each unit under another scheme (the saved one), to show what a change moves. */
  compareRanks?: Map<string, number | null>;
  onOpen?: (s: UnitScore) => void;
  loading?: boolean;
}

/** Units ranked: rank, points per item, base, adjustments, total and the change since the previous set; a row opens its workings. */
export function ScoreTable({ scores, compareRanks, onOpen, loading }: ScoreTableProps) {
  const items = scores[0]?.items ?? [];
  return (
    <PhoneTable<UnitScore>
      rowKey="unitId"
      size="small"
      loading={loading}
      dataSource={scores}
      pagination={false}
      scroll={{ x: true }}
      onRow={(s) => ({ onClick: () => onOpen?.(s), style: onOpen ? { cursor: 'pointer' } : undefined })}
      columns={[
        // 分类考核: the category the rank counts in, when the scheme sets categories.
        ...(scores.some((s) => s.category)
          ? [{ title: '类别', dataIndex: 'category', width: 96, render: (c: string | null) => c ?? '—' }]
          : []),
        {
          title: '排名',
          dataIndex: 'rank',
          width: 64,
          render: (r: number | null, s: UnitScore) =>
            r === null ? <Tag title={s.unranked ?? undefined}>不参与</Tag> : r,
        },
        {
          title: '单位',
          dataIndex: 'unitName',
          render: (name: string, s) =>
            onOpen ? <Typography.Link onClick={() => onOpen(s)}>{name}</Typography.Link> : name,
        },
        ...items.map((item, i) => ({
          title: `${item.name}（${item.weight}）`,
          key: item.itemId,
          render: (_: unknown, s: UnitScore) =>
            s.items[i]?.points === null ? (
              <span style={{ color: '#999' }}>不适用</span>
            ) : (
              fmt(s.items[i]?.points ?? null)
            ),
        })),
        { title: '基础分', dataIndex: 'base', render: fmt },
        {
          title: '加减分',
          key: 'adj',
          render: (_: unknown, s) => (s.bonus || s.deduction ? `+${s.bonus} / −${s.deduction}` : '—'),
        },
        { title: '总分', dataIndex: 'total', render: (t: number | null) => <strong>{fmt(t)}</strong> },
        { title: '较上期', key: 'delta', render: (_: unknown, s) => <Delta s={s} /> },
        ...(compareRanks
          ? [
              {
                title: '较已保存方案',
                key: 'compare',
                render: (_: unknown, s: UnitScore) => {
                  const before = compareRanks.get(s.unitId);
                  if (before == null || s.rank === null || before === s.rank) return '—';
                  return before > s.rank ? (
                    <span style={{ color: '#389e0d' }}>升 {before - s.rank} 位</span>
                  ) : (
                    <span style={{ color: '#cf1322' }}>降 {s.rank - before} 位</span>
                  );
                },
              },
            ]
          : []),
      ]}
    />
  );
}
