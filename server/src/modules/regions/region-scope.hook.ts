import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AUDIT_FIELD_LABELS } from '@innocity/shared/api/audit-fields';
import type { Db } from '../../db/connection.ts';
import { forbidden } from '../../http/errors.ts';
import { canReachRegion } from '../users/scope.policy.ts';
import type { Actor } from '../users/user.repo.ts';
import { ID_PARAM_OF, OWN_SCOPING, PLACE_OF, type IdPlace } from './region-scope.ids.ts';
import { CLOSED_STATUSES, closedPlanError, writingToPlans } from './plan-write-guard.ts';

/**
 * Routes that change a plan's status. They take the plan row FOR UPDATE themselves (plan.service.ts)
 * and check its status under that lock; the write guard (a KEY SHARE on the same row) would make
 * two of them wait on each other.
 */
const LIFECYCLE_ROUTES = new Set(['/api/plans/:planId/archive', '/api/plans/:planId/withdraw']);

/**
 * The county fence, in one place for every module: a request that names a plan, a unit, an account
 * or a row bound to a plan is refused (403, naming the field) unless the actor's roles reach that
 * region; a write naming anything of an archived or withdrawn plan is refused (409). Module
 * policies still decide what a role may do; this decides where and when. Runs after validation
 * (ids are the parsed fields); an unknown id is left to the route's own 404.
 *
 * The 409 here answers early; it cannot close the plan for good on its own, since the plan may be
 * archived between this check and the handler's write. So the handler of a write runs under the
 * plan write guard (plan-write-guard.ts): every transaction it opens, and every write it makes
 * outside one, first re-reads the plans' status under a lock that archiving waits for.
 */
export function registerRegionScopeHook(app: FastifyInstance, db: Db): void {
  // Callback style: the handler must run inside the guard's async context, which an async hook
  // cannot open around what follows it.
  app.addHook('preHandler', (request, _reply, done) => {
    // Most requests name nothing to fence (a county-wide office's reads): answered without a promise.
    if (!scopeApplies(request)) return done();
    scopeRequest(db, request).then(
      (planIds) => (planIds.length > 0 ? writingToPlans(planIds, () => done()) : done()),
      (err: Error) => done(err),
    );
  });
}

const isWrite = (request: FastifyRequest) => request.method !== 'GET' && request.method !== 'HEAD';

/** Whether the fence has anything to check: a signed-in API request outside the modules that scope themselves, a write or an actor bound to regions. */
function scopeApplies(request: FastifyRequest): boolean {
  const actor = request.session?.actor;
  // The matched route, not the raw URL: /%61pi/… reaches the same handler (see http/auth-hook.ts).
  const route = request.routeOptions.url ?? '';
  if (!actor || !route.startsWith('/api/') || OWN_SCOPING.some((p) => route.startsWith(p))) return false;
  return actor.regionIds != null || isWrite(request);
}

/** Checks the request's ids; returns the plans a write names (to guard), or none. */
async function scopeRequest(db: Db, request: FastifyRequest): Promise<string[]> {
  const actor = request.session!.actor;
  const write = isWrite(request);
  const planIds = await checkNamedIds(db, actor, namedIds(request), write);
  return write && !LIFECYCLE_ROUTES.has(request.routeOptions.url ?? '') ? planIds : [];
}

/**
 * Refuses the first id outside the actor's regions (403) or, on a write, of an archived or
 * withdrawn plan (409); returns the plans behind the ids.
 */
export async function checkNamedIds(db: Db, actor: Actor, ids: [string, string][], write: boolean): Promise<string[]> {
  const plans = new Map<string, IdPlace>();
  for (const [key, id] of ids) {
    const rows = (await PLACE_OF[key]!(id).execute(db)).rows;
    if (rows.length > 0 && !rows.every((r) => canReachRegion(actor, r.region_id)))
      throw forbidden(
        `${AUDIT_FIELD_LABELS[key] ?? key}（${key}）不属于您所在的地区：不能访问其他地区的方案、单位或数据`,
      );
    for (const r of rows) if (r.plan_id) plans.set(r.plan_id, r);
  }
  // Checked after the region, so that another county learns nothing of this county's plans.
  const closed = [...plans.values()].find((p) => p.plan_status != null && p.plan_status in CLOSED_STATUSES);
  if (write && closed) {
    const plan = await db.selectFrom('plans').select('title').where('id', '=', closed.plan_id!).executeTakeFirst();
    throw closedPlanError(closed.plan_status!, plan?.title);
  }
  return [...plans.keys()];
}

/**
 * Every (field, id) the request names, once each: path, query and the JSON body at any depth (an
 * import review maps its units in a nested list), single ids and lists of ids. Uploads (buffers)
 * carry their ids as form fields.
 */
export function namedIds(request: FastifyRequest): [string, string][] {
  const out = new Map<string, [string, string]>();
  const add = (key: string, value: unknown) => {
    if (!(key in PLACE_OF)) return;
    for (const v of Array.isArray(value) ? value : [value])
      if (typeof v === 'string' && v.length > 0) out.set(`${key}:${v}`, [key, v]);
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
