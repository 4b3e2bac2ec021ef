import { Link } from 'react-router';
import { Card, Empty, List, Space, Tag, Typography } from 'antd';
import type { UnitTimeliness } from '@innocity/shared/api/reporting';
import { formatNumber } from '@innocity/shared/format';
import type { Loaded } from '../../api/use-api.ts';
import { mayOpen } from '../../routes.tsx';
import { useAuth } from '../auth/AuthContext.tsx';
import type { ScoreSource, UnitScore } from './cockpit-data.ts';

interface UnitRank {
  id: string;
  name: string;
  due: number;
  onTime: number;
  score: UnitScore | null;
}

/** Reports due and filed on time per unit, over every round whose cut-off has passed. */
function timelinessByUnit(rows: UnitTimeliness[]): Map<string, UnitRank> {
  const map = new Map<string, UnitRank>();
  for (const r of rows) {
    if (r.timeliness === 'pending') continue;
    const u = map.get(r.unit.id) ?? { id: r.unit.id, name: r.unit.name, due: 0, onTime: 0, score: null };
    u.due += 1;
    u.onTime += r.timeliness === 'on_time' ? 1 : 0;
    map.set(u.id, u);
  }
  return map;
}

const share = (u: UnitRank) => (u.due ? u.onTime / u.due : -1);

/**
 * Units by their assessment rank when the year is scored, else by the share of reports filed on
 * time; each with both numbers, each number linking to where it is worked out.
 */
export function rankUnits(rows: UnitTimeliness[], scores: ScoreSource | null): UnitRank[] {
  const map = timelinessByUnit(rows);
  for (const [unitId, score] of scores?.byUnit ?? []) {
    const u = map.get(unitId) ?? { id: unitId, name: score.unitName, due: 0, onTime: 0, score: null };
    map.set(unitId, { ...u, score });
  }
  // Categories (分类考核) in the order the scores list them, each ranked on its own.
  const categories = [...new Set([...(scores?.byUnit.values() ?? [])].map((s) => s.category))];
  const cat = (u: UnitRank) => (u.score ? categories.indexOf(u.score.category) : categories.length);
  const byRank = (a: UnitRank, b: UnitRank) =>
    cat(a) - cat(b) || (a.score?.rank ?? Infinity) - (b.score?.rank ?? Infinity);
  return [...map.values()].sort(
    (a, b) => (scores ? byRank(a, b) : 0) || share(b) - share(a) || a.name.localeCompare(b.name, 'zh'),
  );
}

/**
 * The number before a unit: its assessment rank when scored (ties share it: 1, 1, 3), else its
 * competition rank on the share filed on time; none for a scored unit that is not ranked.
 */
export function positionOf(u: UnitRank, all: UnitRank[], scored: boolean): number | null {
  if (scored) return u.score?.rank ?? null;
  return all.filter((o) => share(o) > share(u)).length + 1;
}

/** The rank in words: "第1名", "部门第1名", or why there is none. */
export const rankWords = (s: UnitScore) => (s.rank === null ? '不参与排名' : `${s.category ?? ''}第${s.rank}名`);

/**
 * Whether this user may open a unit's page: the office's side any unit, a unit's clerks only
 * their own (the server refuses the others), so the ranking links only where it leads somewhere.
 */
function useUnitLinks(): (unitId: string) => boolean {
  const user = useAuth().user;
  const roles = user?.roles ?? [];
  const anyUnit = mayOpen('/rounds', roles);
  const own = new Set(user?.units.map((u) => u.id));
  return (unitId) => mayOpen(`/units/${unitId}`, roles) && (anyUnit || own.has(unitId));
}

function TimelinessTag({ u, link }: { u: UnitRank; link: boolean }) {
  if (!u.due) return <Tag>暂无截止轮次</Tag>;
  const color = u.onTime === u.due ? 'green' : u.onTime / u.due >= 0.6 ? 'gold' : 'red';
  const tag = (
    <Tag color={color}>
      按时 {u.onTime}/{u.due}
    </Tag>
  );
  if (!link) return tag;
  return (
    <Link to={`/units/${u.id}`} aria-label={`${u.name}按时报送 ${u.onTime}/${u.due}`}>
      {tag}
    </Link>
  );
}

export function UnitRanking({
  timeliness,
  scores,
}: {
  timeliness: Loaded<{ items: UnitTimeliness[] }>;
  scores: ScoreSource | null;
}) {
  const ranks = rankUnits(timeliness.data?.items ?? [], scores);
  const numbered = (u: UnitRank) => {
    const n = positionOf(u, ranks, scores !== null);
    return n === null ? u.name : `${n}. ${u.name}`;
  };
  const mayOpenUnit = useUnitLinks();
  const roles = useAuth().user?.roles ?? [];
  const more = scores ? { to: '/assessment', label: '考核评分' } : { to: '/rounds', label: '填报轮次' };
  const title = scores ? '单位排名：考核得分与报送及时率' : '单位报送及时率';
  return (
    <Card
      title={title}
      size="small"
      className="cockpit-card"
      data-testid="unit-ranking"
      extra={mayOpen(more.to, roles) && <Link to={more.to}>{more.label}</Link>}
    >
      {scores && (
        <Typography.Paragraph type="secondary" className="ranking-source">
          得分来源：{scores.label}
        </Typography.Paragraph>
      )}
      {ranks.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="还没有截止的填报轮次。办公室在“填报轮次”中发起。" />
      ) : (
        <List
          size="small"
          dataSource={ranks.slice(0, 10)}
          renderItem={(u) => (
            <List.Item className="unit-rank">
              {mayOpenUnit(u.id) ? (
                <Link to={`/units/${u.id}`} className="unit-rank-name">
                  {numbered(u)}
                </Link>
              ) : (
                <span className="unit-rank-name">{numbered(u)}</span>
              )}
              <Space size={4} wrap className="unit-rank-numbers">
                {u.score && u.score.total !== null && (
                  <Link to="/assessment" aria-label={`${u.name}考核得分`}>
                    <Tag color="blue">
                      {formatNumber(u.score.total)} 分 · {rankWords(u.score)}
                    </Tag>
                  </Link>
                )}
                <TimelinessTag u={u} link={mayOpenUnit(u.id)} />
              </Space>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}
