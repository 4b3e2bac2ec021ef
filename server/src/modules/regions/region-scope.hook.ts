import type { FastifyInstance, FastifyRequest } from 'fastify';
import { sql } from 'kysely';
import type { Db } from '../../db/connection.ts';
import { forbidden } from '../../http/errors.ts';
import { canReachRegion } from '../users/scope.policy.ts';

/**
 * How a named id leads to a region: the SQL that selects the region_id of the plan (or unit) the
 * row belongs to. Keys are the field names the routes use, in the path, the query or a JSON body.
 * A route acting on a new kind of plan-bound row adds its id here; authz-matrix.test.ts calls every
 * route as the office of another county and fails for a route this fence lets through.
 */
const REGION_OF: Record<string, (id: string) => ReturnType<typeof sql<{ region_id: string | null }>>> = {
  planId: (id) => sql`select region_id from plans where id = ${id}`,
  unitId: (id) => sql`select region_id from units where id = ${id}`,
  indicatorId: (id) => sql`select p.region_id from indicators x join plans p on p.id = x.plan_id where x.id = ${id}`,
  elementId: (id) => sql`select p.region_id from data_elements x join plans p on p.id = x.plan_id where x.id = ${id}`,
  rowId: (id) => sql`select p.region_id from ledger_rows x join plans p on p.id = x.plan_id where x.id = ${id}`,
  roundId: (id) => sql`select p.region_id from reporting_rounds x join plans p on p.id = x.plan_id where x.id = ${id}`,
  bulletinId: (id) => sql`select p.region_id from bulletins x join plans p on p.id = x.plan_id where x.id = ${id}`,
  schemeId: (id) =>
    sql`select p.region_id from assessment_schemes x join plans p on p.id = x.plan_id where x.id = ${id}`,
  adjustmentId: (id) =>
    sql`select p.region_id from assessment_adjustments a join assessment_schemes x on x.id = a.scheme_id
        join plans p on p.id = x.plan_id where a.id = ${id}`,
  publicationId: (id) =>
    sql`select p.region_id from assessment_publications a join assessment_schemes x on x.id = a.scheme_id
        join plans p on p.id = x.plan_id where a.id = ${id}`,
  submissionId: (id) =>
    sql`select p.region_id from submissions s join reporting_rounds x on x.id = s.round_id
        join plans p on p.id = x.plan_id where s.id = ${id}`,
  attachmentId: (id) => sql`select region_id from units u join attachments a on a.unit_id = u.id where a.id = ${id}`,
  meetingId: (id) => sql`select p.region_id from meetings x join plans p on p.id = x.plan_id where x.id = ${id}`,
  inspectionId: (id) => sql`select p.region_id from inspections x join plans p on p.id = x.plan_id where x.id = ${id}`,
  workItemId: (id) => sql`select region_id from units u join work_items w on w.lead_unit_id = u.id where w.id = ${id}`,
};

/**
 * The county fence, in one place for every module: a request that names a plan, a unit or a row
 * bound to a plan is refused unless the actor's roles reach that region. Module policies still
 * decide what a role may do; this decides where. Runs after validation (ids are the parsed fields);
 * an unknown id is left to the route's own 404.
 */
export function registerRegionScopeHook(app: FastifyInstance, db: Db): void {
  app.addHook('preHandler', async (request) => {
    const actor = request.session?.actor;
    // The matched route, not the raw URL: /%61pi/… reaches the same handler (see http/auth-hook.ts).
    if (!actor || actor.regionIds == null || !request.routeOptions.url?.startsWith('/api/')) return;
    for (const [key, id] of namedIds(request)) {
      const rows = (await REGION_OF[key]!(id).execute(db)).rows;
      if (rows.length > 0 && !rows.every((r) => canReachRegion(actor, r.region_id)))
        throw forbidden('不能访问其他地区的方案、单位或数据');
    }
  });
}

/** Routes whose path names a row as `:id`: what kind of row it is. */
const ID_PARAM_OF: Record<string, string> = {
  '/api/meetings/:id': 'meetingId',
  '/api/inspections/:id': 'inspectionId',
};

/**
 * Every (field, id) the request names, once each: path, query and the JSON body at any depth (an
 * import review maps its units in a nested list). Uploads (buffers) carry their ids as form fields.
 */
function namedIds(request: FastifyRequest): [string, string][] {
  const out = new Map<string, [string, string]>();
  const add = (key: string, value: unknown) => {
    if (key in REGION_OF && typeof value === 'string' && value.length > 0) out.set(`${key}:${value}`, [key, value]);
  };
  const walk = (v: unknown, depth: number): void => {
    if (!v || typeof v !== 'object' || Buffer.isBuffer(v) || depth > 6) return;
    for (const [key, value] of Object.entries(v as Record<string, unknown>)) {
      add(key, value);
      if (typeof value === 'object') walk(value, depth + 1);
    }
  };
  const params = request.params as Record<string, unknown> | undefined;
  const idKind = ID_PARAM_OF[request.routeOptions.url ?? ''];
  if (idKind && params) add(idKind, params.id);
  walk(params, 0);
  walk(request.query, 0);
  walk(request.body, 0);
  return [...out.values()];
}
