import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AUDIT_FIELD_LABELS } from '@innocity/shared/api/audit-fields';
import type { Db } from '../../db/connection.ts';
import { conflict, forbidden } from '../../http/errors.ts';
import { canReachRegion } from '../users/scope.policy.ts';
import type { Actor } from '../users/user.repo.ts';
import { ID_PARAM_OF, OWN_SCOPING, PLACE_OF } from './region-scope.ids.ts';

export const ARCHIVED_READ_ONLY = '方案已归档，只读：不能再修改其目标、任务、填报、台账、通报、考核或设置';

/**
 * The county fence, in one place for every module: a request that names a plan, a unit, an account
 * or a row bound to a plan is refused (403, naming the field) unless the actor's roles reach that
 * region; a write naming anything of an archived plan is refused (409). Module policies still
 * decide what a role may do; this decides where and when. Runs after validation (ids are the parsed
 * fields); an unknown id is left to the route's own 404.
 */
export function registerRegionScopeHook(app: FastifyInstance, db: Db): void {
  app.addHook('preHandler', async (request) => {
    const actor = request.session?.actor;
    // The matched route, not the raw URL: /%61pi/… reaches the same handler (see http/auth-hook.ts).
    const route = request.routeOptions.url ?? '';
    if (!actor || !route.startsWith('/api/') || OWN_SCOPING.some((p) => route.startsWith(p))) return;
    const write = !['GET', 'HEAD'].includes(request.method);
    if (actor.regionIds == null && !write) return;
    await checkNamedIds(db, actor, namedIds(request), write);
  });
}

/** Refuses the first id outside the actor's regions (403) or, on a write, of an archived plan (409). */
export async function checkNamedIds(db: Db, actor: Actor, ids: [string, string][], write: boolean): Promise<void> {
  let archived = false;
  for (const [key, id] of ids) {
    const rows = (await PLACE_OF[key]!(id).execute(db)).rows;
    if (rows.length > 0 && !rows.every((r) => canReachRegion(actor, r.region_id)))
      throw forbidden(
        `${AUDIT_FIELD_LABELS[key] ?? key}（${key}）不属于您所在的地区：不能访问其他地区的方案、单位或数据`,
      );
    archived ||= rows.some((r) => r.plan_status === 'archived');
  }
  // Checked after the region, so that another county learns nothing of this county's plans.
  if (write && archived) throw conflict(ARCHIVED_READ_ONLY);
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
