import type { FastifyInstance, FastifyRequest } from 'fastify';
import { CSRF_HEADER } from '@innocity/shared/api/auth';
import type { Db } from '../db/connection.ts';
import { resolveSession, type ResolvedSession, type SessionPolicy } from '../modules/auth/auth.service.ts';
import type { AuditContext } from '../modules/audit/audit.repo.ts';
import type { Actor } from '../modules/users/user.repo.ts';
import type { KnownPlan } from '../modules/indicators/data-version.repo.ts';
import { nowIso } from '../time.ts';
import { AppError, unauthenticated } from './errors.ts';

export const SESSION_COOKIE = 'innocity_sid';

declare module 'fastify' {
  interface FastifyRequest {
    session: ResolvedSession | null;
  }
  interface FastifyContextConfig {
    /** Reachable without a session (health, login, the OpenAPI document). */
    public?: boolean;
    /** Reachable while the password must still be changed (me, change password, logout). */
    allowPendingPasswordChange?: boolean;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Resolves the session on every API request; refuses anonymous callers and state changes without the CSRF token. */
export function registerAuthHook(app: FastifyInstance, db: Db, policy: SessionPolicy): void {
  app.decorateRequest('session', null);
  app.addHook('onRequest', async (request) => {
    // Decided on the route the router matched, not the raw URL: /%61pi/units reaches /api/units,
    // and a check on the URL text let it past the hook.
    // Read once: Fastify builds a new routeOptions object on every access.
    const { url: route, config } = request.routeOptions;
    if (route === undefined || !route.startsWith('/api/')) return;
    const token = request.cookies[SESSION_COOKIE];
    if (token) request.session = (await resolveSession(db, token, nowIso(), policy, planRefOf(request))) ?? null;
    if (config.public) return;
    if (!request.session) throw unauthenticated('请先登录');
    if (!SAFE_METHODS.has(request.method) && request.headers[CSRF_HEADER] !== request.session.csrfToken) {
      throw new AppError(403, 'csrf_failed', '请求校验失败，请刷新页面后重试');
    }
    if (request.session.actor.mustChangePassword && !config.allowPendingPasswordChange) {
      throw new AppError(403, 'password_change_required', '首次登录须先修改密码');
    }
  });
}

/**
 * The plan a read names (the path's or the query's `planId`), looked up in the session's query so
 * that a cached cockpit answer costs one round trip. Only a hint, for reads: the route still
 * validates the id, checks the caller's right on the plan found, and reads the plan itself when
 * the hint is absent or names another text. Writes read their plan inside their transaction.
 */
function planRefOf(request: FastifyRequest): string | undefined {
  if (!SAFE_METHODS.has(request.method)) return undefined;
  const ref =
    (request.params as Record<string, unknown> | undefined)?.planId ??
    (request.query as Record<string, unknown> | undefined)?.planId;
  // A NUL is refused with a 400 by the NUL check (preValidation, after this hook); PostgreSQL cannot
  // take one as a parameter, so such a path gets no hint rather than failing the session's query.
  return typeof ref === 'string' && ref.length > 0 && ref.length <= 200 && !ref.includes('\u0000') ? ref : undefined;
}

/** The plan and its data version read with this request's session, when the request named `idOrCode`. */
export function planReadWithSession(request: FastifyRequest, idOrCode: string): KnownPlan | undefined {
  const p = request.session?.plan;
  return p && p.ref === idOrCode ? { found: p.found } : undefined;
}

/** The signed-in actor of a route that is not public. */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.session) throw unauthenticated();
  return request.session.actor;
}

/** Who, from where, when: what every write passes to the audit log. */
export function auditContext(request: FastifyRequest): AuditContext {
  const actor = request.session?.actor;
  return {
    actor: actor ? { id: actor.id, displayName: actor.displayName } : null,
    requestId: request.id,
    ip: request.ip,
    now: nowIso(),
  };
}
