import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { loginInputSchema, sessionInfoSchema, sessionStateSchema } from '@innocity/shared/api/auth';
import type { Db } from '../../db/connection.ts';
import { SESSION_COOKIE, auditContext } from '../../http/auth-hook.ts';
import { nowIso } from '../../time.ts';
import { login, logout, type SessionPolicy } from './auth.service.ts';
import { errorResponses } from '../../http/openapi.ts';

export interface AuthRoutesOptions {
  db: Db;
  policy: SessionPolicy;
  secureCookies: boolean;
}

export const authRoutes: FastifyPluginAsyncZod<AuthRoutesOptions> = async (app, { db, policy, secureCookies }) => {
  app.post(
    '/api/auth/login',
    {
      config: { public: true },
      schema: {
        tags: ['auth'],
        summary: '登录',
        body: loginInputSchema,
        response: { 200: sessionInfoSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const meta = {
        ip: request.ip,
        userAgent: request.headers['user-agent'] ?? null,
        requestId: request.id,
        now: nowIso(),
      };
      const { token, csrfToken, actor } = await login(db, request.body, meta, policy);
      reply.setCookie(SESSION_COOKIE, token, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: secureCookies,
        maxAge: policy.absoluteHours * 3600,
      });
      return { user: actor, csrfToken };
    },
  );

  app.get(
    '/api/auth/me',
    {
      config: { public: true, allowPendingPasswordChange: true, memo: true },
      schema: {
        tags: ['auth'],
        summary: '当前用户（未登录时为空）',
        response: { 200: sessionStateSchema, ...errorResponses },
      },
    },
    async (request) => {
      if (!request.session) return { user: null, csrfToken: null };
      return { user: request.session.actor, csrfToken: request.session.csrfToken };
    },
  );

  app.post(
    '/api/auth/logout',
    {
      config: { allowPendingPasswordChange: true },
      schema: { tags: ['auth'], summary: '退出登录', response: { 204: z.null(), ...errorResponses } },
    },
    async (request, reply) => {
      if (request.session) await logout(db, request.session, auditContext(request));
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send(null);
    },
  );
};
