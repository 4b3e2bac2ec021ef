import type { Role } from '@innocity/shared/api/auth';
import type { RoundFact } from '@innocity/shared/assessment/inputs';
import type { Db } from '../../db/connection.ts';
import { createUser } from '../../test/factories.ts';
import type { AuditContext } from '../audit/audit.repo.ts';
import type { Actor } from '../users/user.repo.ts';
import type { FactsSource, PlanFacts } from './plan-facts.ts';

// Test helpers for assessment and bulletins: real actors in the database, and a facts source whose
// data the test changes at will (the other modules' services are tested in their own suites).

/** A user in the database with the roles (and units, by name), as the actor services receive. */
export async function actorIn(db: Db, roles: Role[], units: string[] = []): Promise<Actor> {
  const u = await createUser(db, { roles, units, displayName: `${roles[0]}-测试` });
  const rows = await db
    .selectFrom('units')
    .select(['id', 'name'])
    .where('name', 'in', units.length ? units : [''])
    .execute();
  return {
    id: u.id,
    username: u.username,
    displayName: `${roles[0]}-测试`,
    roles,
    units: rows,
    mustChangePassword: false,
  };
}

/** The audit context of a call made by the actor now. */
export const ctxOf = (actor: Actor): AuditContext => ({
  actor: { id: actor.id, displayName: actor.displayName },
  requestId: null,
  ip: '127.0.0.1',
  now: new Date().toISOString(),
});

/** Unit ids by name, from the bootstrapped org tree. */
export async function unitIds(db: Db, names: string[]): Promise<Record<string, string>> {
  const rows = await db.selectFrom('units').select(['id', 'name']).where('name', 'in', names).execute();
  return Object.fromEntries(rows.map((r) => [r.name, r.id]));
}

/** A facts source that serves whatever `state.facts` holds at the moment of the call, as of the asked date. */
export function fakeFacts(state: { facts: PlanFacts; rounds: RoundFact[] }): FactsSource {
  return {
    timeZone: 'Asia/Shanghai',
    listRounds: async () => structuredClone(state.rounds),
    load: async (_db, _actor, _planId, asOf) => ({ ...structuredClone(state.facts), asOf }),
  };
}

/** Ids for the authorization matrix: a 2025 scheme with one adjustment and one published set, a published bulletin and three drafts. */
export async function assessmentMatrixFixtures(db: Db, unitId: string, planId: string) {
  const { createScheme, addAdjustment } = await import('./assessment-scheme.service.ts');
  const { publishScores } = await import('./assessment-score.service.ts');
  const { generateBulletin, publishBulletin } = await import('../bulletins/bulletin.service.ts');
  const { planFactsSource } = await import('./plan-facts.ts');
  const office = await actorIn(db, ['office']);
  const facts = planFactsSource({ timeZone: 'Asia/Shanghai', demo: false });
  const scheme = await createScheme(db, office, planId, { year: 2025 }, ctxOf(office));
  const withAdjustment = await addAdjustment(
    db,
    office,
    scheme.id,
    { unitId, kind: 'bonus', points: 1, reason: '矩阵', evidence: '矩阵', date: '2025-05-01' },
    ctxOf(office),
  );
  const publication = await publishScores(db, office, scheme.id, { label: '矩阵', asOf: '2025-09-30' }, ctxOf(office), {
    facts,
    demo: false,
  });
  const draft = () =>
    generateBulletin(db, office, planId, { periodId: '2025Q3', asOf: '2025-10-10' }, ctxOf(office), { facts });
  const published = await draft();
  await publishBulletin(db, office, published.id, { version: published.version }, ctxOf(office));
  return {
    schemeId: scheme.id,
    adjustmentId: withAdjustment.adjustments[0]!.id,
    publicationId: publication.id,
    bulletinId: published.id,
    draftToEdit: (await draft()).id,
    draftToPublish: (await draft()).id,
    draftToDelete: (await draft()).id,
  };
}
