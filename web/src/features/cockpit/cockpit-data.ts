import type { BulletinSummary } from '@innocity/shared/api/bulletins';
import type { Publication, PublicationSummary, Scheme } from '@innocity/shared/api/assessment';
import { asOfCutoff } from '@innocity/shared/indicators/calendar';
import type { Role } from '@innocity/shared/api/auth';
import { api } from '../../api/client.ts';
import { useApi } from '../../api/use-api.ts';

/** The plan's zone: what a Beijing reader calls "the as-of day". */
export const ZONE = 'Asia/Shanghai';

/** The latest bulletin published by the end of the as-of day, or null. */
export function latestBulletin(items: BulletinSummary[], asOf: string): BulletinSummary | null {
  const cutoff = asOfCutoff(asOf, ZONE);
  const published = items.filter((b) => b.status === 'published' && b.publishedAt !== null && b.publishedAt < cutoff);
  published.sort((a, b) => b.publishedAt!.localeCompare(a.publishedAt!));
  return published[0] ?? null;
}

/** One unit's score and rank, and where they come from. */
export interface UnitScore {
  unitName: string;
  total: number | null;
  /** Within `category` when the scheme ranks by category (分类考核). */
  rank: number | null;
  category: string | null;
}
export interface ScoreSource {
  /** 已发布：label, or 实时评分. */
  label: string;
  published: boolean;
  byUnit: Map<string, UnitScore>;
}

const scoreMap = (
  scores: { unitId: string; unitName: string; total: number | null; rank: number | null; category?: string | null }[],
) =>
  new Map(
    scores.map((s) => [s.unitId, { unitName: s.unitName, total: s.total, rank: s.rank, category: s.category ?? null }]),
  );

/** Leaders, the inspector, the office and 省级查看 may read live (unpublished) scores; unit people only published ones. */
export const readsLiveScores = (roles: Role[]) =>
  roles.some((r) => r === 'admin' || r === 'office' || r === 'leader' || r === 'inspector' || r === 'province_viewer');

/**
 * The assessment of the as-of year: the latest score set published by the as-of date, else (for
 * those who may read them) the year's scheme scored live as of that date; null when neither exists.
 */
async function loadScores(planId: string, asOf: string, live: boolean): Promise<ScoreSource | null> {
  const year = Number(asOf.slice(0, 4));
  const pubs = await api<{ items: PublicationSummary[] }>('GET', `/api/plans/${planId}/assessment/publications`);
  // A score set counts once it was published by the end of the as-of day, like everything else on the cockpit.
  const cutoff = asOfCutoff(asOf, ZONE);
  const pub = pubs.items
    .filter((p) => p.year === year && p.asOf <= asOf && p.publishedAt < cutoff)
    .sort((a, b) => b.asOf.localeCompare(a.asOf) || b.publishedAt.localeCompare(a.publishedAt))[0];
  if (pub) {
    const full = await api<Publication>('GET', `/api/assessment/publications/${pub.id}`);
    return { label: `已发布：${pub.label}`, published: true, byUnit: scoreMap(full.results.scores) };
  }
  if (!live) return null;
  const schemes = await api<{ items: Scheme[] }>('GET', `/api/plans/${planId}/assessment/schemes`);
  const scheme = schemes.items.find((s) => s.year === year);
  if (!scheme) return null;
  const scores = await api<Publication['results']>('GET', `/api/assessment/schemes/${scheme.id}/scores?asOf=${asOf}`);
  return { label: `${year}年度实时评分`, published: false, byUnit: scoreMap(scores.scores) };
}

/** The bulletins and the assessment scores the cockpit shows as of a date. */
export function useBoardData(planId: string, asOf: string | undefined, roles: Role[]) {
  const id = encodeURIComponent(planId);
  const live = readsLiveScores(roles);
  const bulletins = useApi(() => api<{ items: BulletinSummary[] }>('GET', `/api/plans/${id}/bulletins`), [id]);
  const scores = useApi(() => (asOf ? loadScores(id, asOf, live) : Promise.resolve(null)), [id, asOf, live]);
  return { bulletins, scores, loading: (bulletins.loading && !bulletins.data) || (scores.loading && !scores.data) };
}
