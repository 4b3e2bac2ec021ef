import { createHash, randomUUID } from 'node:crypto';
import type {
  Publication,
  PublicationSummary,
  PublishScoresInput,
  ScoreInputs,
  ScoresQuery,
} from '@innocity/shared/api/assessment';
import { assessmentInputsSchema, type AssessmentInputs, type PreviousScores } from '@innocity/shared/assessment/inputs';
import { computeScores, type ScoreSet } from '@innocity/shared/assessment/score';
import { todayIn } from '@innocity/shared/indicators/calendar';
import type { Db } from '../../db/connection.ts';
import { forbidden, notFound, validationFailed } from '../../http/errors.ts';
import { recordAudit, type AuditContext } from '../audit/audit.repo.ts';
import { getPlan } from '../plans/plan.service.ts';
import type { Actor } from '../users/user.repo.ts';
import { readableScheme } from './assessment-scheme.service.ts';
import {
  canManageAssessment,
  canReadLiveScores,
  canReadPublishedScores,
  canReadWorkingsOf,
} from './assessment.policy.ts';
import { listAdjustments, type AdjustmentRecord } from './assessment.repo.ts';
import * as repo from './assessment-publication.repo.ts';
import type { FactsSource, PlanFacts } from './plan-facts.ts';

/** What a score call needs besides the database: where the facts come from, and whether this is a demo deployment. */
export interface AssessmentEnv {
  facts: FactsSource;
  demo: boolean;
}

/** A short fingerprint of the inputs: equal data gives the equal version, so a frozen set names what it used. */
export const dataVersionOf = (value: unknown) =>
  createHash('sha256').update(JSON.stringify(value)).digest('hex').slice(0, 16);

/** The scoring inputs of a year from the plan's facts and the scheme's adjustments up to the date. */
export function toAssessmentInputs(f: PlanFacts, year: number, adjustments: AdjustmentRecord[]): AssessmentInputs {
  const counted = adjustments.filter((a) => a.date <= f.asOf);
  const units = [...f.units];
  // A unit with only a bonus or deduction is listed too (unranked without items), so the entry shows.
  for (const a of counted) if (!units.some((u) => u.id === a.unitId)) units.push({ id: a.unitId, name: a.unitName });
  // Parsing strips the extra facts (names, task ids) so the snapshot and its version hold only what scoring reads.
  return assessmentInputsSchema.parse({ ...f, year, units, adjustments: counted });
}

async function resolveAsOf(
  db: Db,
  actor: Actor,
  planId: string,
  q: ScoresQuery,
  env: AssessmentEnv,
): Promise<{ asOf: string; roundId: string | null }> {
  if (!q.roundId) return { asOf: q.asOf ?? todayIn(env.facts.timeZone), roundId: null };
  const round = (await env.facts.listRounds(db, actor, planId)).find((r) => r.id === q.roundId);
  if (!round) throw validationFailed('填报轮次不存在', [{ path: 'roundId', message: '填报轮次不存在' }]);
  return { asOf: q.asOf ?? round.cutoffDate, roundId: round.id };
}

const previousOf = (p: repo.PublicationRecord | undefined): PreviousScores | null =>
  p
    ? { label: p.label, scores: p.results.scores.map((s) => ({ unitId: s.unitId, total: s.total, rank: s.rank })) }
    : null;

async function gather(db: Db, actor: Actor, schemeId: string, q: ScoresQuery, env: AssessmentEnv) {
  const scheme = await readableScheme(db, actor, schemeId);
  const { asOf, roundId } = await resolveAsOf(db, actor, scheme.planId, q, env);
  const facts = await env.facts.load(db, actor, scheme.planId, asOf);
  const inputs = toAssessmentInputs(facts, scheme.year, await listAdjustments(db, scheme.id));
  const previous = previousOf(await repo.findPublicationBefore(db, scheme.planId, scheme.year, asOf));
  return { scheme, inputs, previous, roundId, dataVersion: dataVersionOf(inputs) };
}

/** The inputs of a live score as of a date or round, for the browser's preview of a scheme change. */
export async function getScoreInputs(
  db: Db,
  actor: Actor,
  schemeId: string,
  q: ScoresQuery,
  env: AssessmentEnv,
): Promise<ScoreInputs> {
  if (!canReadLiveScores(actor)) throw forbidden('考核结果发布前，仅科创委办公室、领导和督查考核人员可以查看');
  const { inputs, previous, dataVersion } = await gather(db, actor, schemeId, q, env);
  return { inputs, previous, dataVersion, demo: env.demo };
}

/** Every unit's score as of a date or round under the saved scheme, with workings; nothing is stored. */
export async function getLiveScores(
  db: Db,
  actor: Actor,
  schemeId: string,
  q: ScoresQuery,
  env: AssessmentEnv,
): Promise<ScoreSet & { dataVersion: string; dataVersionLabel: string; demo: boolean }> {
  if (!canReadLiveScores(actor)) throw forbidden('考核结果发布前，仅科创委办公室、领导和督查考核人员可以查看');
  const { scheme, inputs, previous, dataVersion } = await gather(db, actor, schemeId, q, env);
  const versions = await repo.dataVersionNumbers(db, scheme.planId);
  const dataVersionLabel = repo.liveDataVersionLabel(versions, inputs.asOf, dataVersion);
  return { ...computeScores(scheme, inputs, previous), dataVersion, dataVersionLabel, demo: env.demo };
}

/** Freezes a score set: the scheme, the inputs snapshot with its data version, and the results, stored as they are now. */
export async function publishScores(
  db: Db,
  actor: Actor,
  schemeId: string,
  input: PublishScoresInput,
  ctx: AuditContext,
  env: AssessmentEnv,
): Promise<Publication> {
  if (!canManageAssessment(actor)) throw forbidden('只有科创委办公室可以发布考核结果');
  const { scheme, inputs, previous, roundId, dataVersion } = await gather(db, actor, schemeId, input, env);
  const { id: _i, planId, year, version: _v, updatedAt: _u, ...body } = scheme;
  const record: repo.NewPublication = {
    id: randomUUID(),
    planId,
    schemeId,
    year,
    label: input.label,
    roundId,
    asOf: inputs.asOf,
    dataVersion,
    publishedAt: ctx.now,
    publishedByName: ctx.actor?.displayName ?? null,
    scheme: body,
    inputs,
    results: computeScores(body, inputs, previous),
  };
  await db.transaction().execute(async (trx) => {
    await repo.insertPublication(trx, record, ctx.actor?.id ?? null, ctx.now);
    const top = record.results.scores.slice(0, 3).map((s) => ({ unit: s.unitName, total: s.total, rank: s.rank }));
    await recordAudit(trx, ctx, {
      action: 'publish',
      entityType: 'assessment_publication',
      entityId: record.id,
      planId,
      after: { label: input.label, asOf: inputs.asOf, dataVersion, top },
    });
  });
  return getPublication(db, actor, record.id);
}

/** The plan's published score sets. */
export async function listPublications(db: Db, actor: Actor, planId: string): Promise<PublicationSummary[]> {
  if (!canReadPublishedScores(actor)) throw forbidden();
  const plan = await getPlan(db, actor, planId);
  return repo.listPublications(db, plan.id);
}

/** A published score set as frozen; the workings of units the actor may not see are left out. */
export async function getPublication(db: Db, actor: Actor, publicationId: string): Promise<Publication> {
  if (!canReadPublishedScores(actor)) throw forbidden();
  const p = await repo.findPublication(db, publicationId);
  if (!p) throw notFound('考核结果');
  await getPlan(db, actor, p.planId);
  const { inputs: _inputs, ...rest } = p;
  const scores = p.results.scores.map((s) =>
    canReadWorkingsOf(actor, s.unitId) ? s : { ...s, adjustments: [], items: s.items.map((i) => ({ ...i, rows: [] })) },
  );
  return { ...rest, results: { ...p.results, scores } };
}

/** The latest published ranking on or before a date, for a bulletin; null when none is published. */
export async function latestRanking(db: Db, actor: Actor, planId: string, asOf: string) {
  if (!canReadPublishedScores(actor)) throw forbidden();
  const p = await repo.findLatestPublication(db, planId, asOf);
  if (!p) return null;
  return {
    label: p.label,
    scores: p.results.scores.map((s) => ({
      unitName: s.unitName,
      total: s.total,
      rank: s.rank,
      category: s.category ?? null,
    })),
  };
}
