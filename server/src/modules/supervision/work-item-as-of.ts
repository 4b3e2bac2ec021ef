import type { Db } from '../../db/connection.ts';
import type { WorkItemRecord } from './work-item.repo.ts';

/** The progress a work item had by a cut-off: the latest accepted report's percent and text. */
interface ProgressThen {
  percent: number;
  text: string;
  at: string;
}

/**
 * Progress accepted by `cutoff` (an instant), per work item: each accepted submission keeps a
 * snapshot of its entries, and a progress entry names its work item through its duty.
 */
export async function progressAsOf(db: Db, planId: string, cutoff: string): Promise<Map<string, ProgressThen>> {
  const [snapshots, duties] = await Promise.all([
    db
      .selectFrom('submission_snapshots as ss')
      .innerJoin('submissions as s', 's.id', 'ss.submission_id')
      .select(['ss.entries', 'ss.accepted_at'])
      .where('s.plan_id', '=', planId)
      .where('ss.accepted_at', '<', cutoff)
      .orderBy('ss.accepted_at')
      .execute(),
    db
      .selectFrom('round_duties as d')
      .innerJoin('reporting_rounds as r', 'r.id', 'd.round_id')
      .select(['d.id', 'd.ref_id'])
      .where('r.plan_id', '=', planId)
      .where('d.kind', '=', 'progress')
      .execute(),
  ]);
  const itemOf = new Map(duties.map((d) => [d.id, d.ref_id]));
  const map = new Map<string, ProgressThen>();
  for (const s of snapshots) {
    const entries = JSON.parse(s.entries) as { dutyId: string; filled: boolean; payload: Record<string, unknown> }[];
    for (const e of entries) {
      const item = itemOf.get(e.dutyId);
      if (!item || !e.filled || typeof e.payload.percent !== 'number') continue;
      // Later snapshots overwrite earlier ones: the rows come oldest first.
      map.set(item, { percent: e.payload.percent, text: String(e.payload.text ?? ''), at: s.accepted_at });
    }
  }
  return map;
}

/**
 * A work item as it stood at `cutoff`: absent if not yet decomposed; done or struck off only if
 * that had happened by then; the progress last accepted by then. Null when it did not exist yet.
 */
export function recordAsOf(
  r: WorkItemRecord,
  cutoff: string,
  progress: ReadonlyMap<string, ProgressThen>,
): WorkItemRecord | null {
  if (r.createdAt >= cutoff) return null;
  const doneAt = r.verifiedAt ?? r.latestProgressAt ?? r.updatedAt;
  const closedThen = (r.status === 'done' && doneAt < cutoff) || (r.status === 'cancelled' && r.updatedAt < cutoff);
  const reportedSince = r.latestProgressAt !== null && r.latestProgressAt >= cutoff;
  const then = progress.get(r.id);
  // Progress set by hand (no accepted report) has no history: it is taken as it stands.
  const known = reportedSince ? then : { percent: r.progress, text: r.latestProgress ?? '', at: r.latestProgressAt };
  return {
    ...r,
    status: closedThen ? r.status : 'open',
    progress: closedThen ? r.progress : (known?.percent ?? 0),
    latestProgress: known?.text || null,
    latestProgressAt: known?.at ?? null,
    awaitingVerification: closedThen ? r.awaitingVerification : false,
    verifiedAt: r.verifiedAt && r.verifiedAt < cutoff ? r.verifiedAt : null,
  };
}
