import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import Fastify, { type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, serializerCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { healthSchema } from '@innocity/shared/api/auth';
import type { Config } from './config.ts';
import type { DbHandle } from './db/connection.ts';
import { registerErrorHandler } from './http/error-handler.ts';
import { registerAuthHook } from './http/auth-hook.ts';
import { registerRegionScopeHook } from './modules/regions/region-scope.hook.ts';
import { regionRoutes } from './modules/regions/region.routes.ts';
import { registerRateLimit } from './http/rate-limit.ts';
import { registerNulRefusal } from './http/null-bytes.ts';
import { registerSecurityHeaders } from './http/security-headers.ts';
import { AnswerMemo } from './http/answer-memo.ts';
import { sqliteHandleOf } from './db/connection.ts';
import { validatorCompiler } from './http/validator.ts';
import { authRoutes } from './modules/auth/auth.routes.ts';
import { planRoutes } from './modules/plans/plan.routes.ts';
import { planSettingsRoutes } from './modules/plans/plan-settings.routes.ts';
import { indicatorCatalogueRoutes } from './modules/indicators/indicator-catalogue.routes.ts';
import { unitRoutes } from './modules/units/unit.routes.ts';
import { userRoutes } from './modules/users/user.routes.ts';
import { auditRoutes } from './modules/audit/audit.routes.ts';
import { ledgerRoutes } from './modules/ledgers/ledger.routes.ts';
import { indicatorRoutes } from './modules/indicators/indicator.routes.ts';
import { dataElementRoutes } from './modules/indicators/data-element.routes.ts';
import { systemRoutes } from './modules/system/system.routes.ts';
import { supervisionRoutes } from './modules/supervision/supervision.routes.ts';
import { reportingRoutes } from './modules/reporting/reporting.routes.ts';
import { attachmentRoutes } from './modules/reporting/attachment.routes.ts';
import { notificationRoutes } from './modules/notifications/notification.routes.ts';
import { assessmentRoutes } from './modules/assessment/assessment.routes.ts';
import { bulletinRoutes } from './modules/bulletins/bulletin.routes.ts';
import { planImportRoutes } from './modules/importer/plan-import.routes.ts';
import { exportRoutes } from './modules/exports/export.routes.ts';
import { searchRoutes } from './modules/search/search.routes.ts';
import { provinceRoutes } from './modules/province/province.routes.ts';
import { VERSION } from './version.ts';
import { configureSecretKey } from './modules/notifications/secret-box.ts';

export interface AppOptions {
  config: Config;
  database: DbHandle;
  /** Pino options, or false to stay quiet (tests). */
  logger?: boolean | object;
  /** Called for each route as it is registered (the authorization matrix lists the routes this way). */
  onRoute?: (route: { method: string | string[]; url: string }) => void;
}

export const BODY_LIMIT = 1024 * 1024;

/** The request id: the caller's X-Request-Id when it is a plain token (a proxy's), else a new one. */
function requestIdOf(req: IncomingMessage): string {
  const given = req.headers['x-request-id'];
  return typeof given === 'string' && /^[\w-]{8,64}$/.test(given) ? given : randomUUID();
}

/** Builds the HTTP app: plugins, hooks, every module's routes, the web app and its SPA fallback. */
export async function buildApp({ config, database, logger, onRoute }: AppOptions): Promise<FastifyInstance> {
  const memo = new AnswerMemo(sqliteHandleOf(database.db), config.timeZone, requestIdOf);
  const app = Fastify({
    serverFactory: memo.serverFactory,
    logger: logger ?? {
      level: config.logLevel,
      redact: ['req.headers.cookie', 'req.headers["x-csrf-token"]', 'res.headers["set-cookie"]'],
    },
    genReqId: requestIdOf,
    bodyLimit: BODY_LIMIT,
    // Only the configured proxies' X-Forwarded-For is believed; secure cookies no longer imply any.
    trustProxy: typeof config.trustProxy === 'number' ? trustHops(config.trustProxy) : config.trustProxy,
  }).withTypeProvider<ZodTypeProvider>();
  if (onRoute) app.addHook('onRoute', onRoute);
  // The delivery worker and the settings routes read channel secrets through this key.
  configureSecretKey(config.secretKey);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  // Also sets x-request-id on every answer (one hook as the answer leaves).
  registerSecurityHeaders(app, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // Ant Design injects its CSS-in-JS as <style> elements.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: config.secureCookies ? [] : null,
      },
    },
    hsts: config.secureCookies,
  });
  await app.register(cookie);
  await app.register(swagger, {
    openapi: {
      info: { title: 'InnoCity 创新型示范市建设管理平台 API', version: VERSION },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'innocity_sid' } } },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/docs', staticCSP: true });

  registerErrorHandler(app);
  // Before the auth hook: the memo's epoch is read before the session is.
  memo.register(app);
  registerAuthHook(app, database.db, {
    idleMinutes: config.sessionIdleMinutes,
    absoluteHours: config.sessionAbsoluteHours,
    timeZone: config.timeZone,
  });
  memo.countReplaysWith(registerRateLimit(app, database.db, config.rateLimits));
  registerNulRefusal(app);

  app.get(
    '/api/health',
    { config: { public: true }, schema: { tags: ['system'], summary: '健康检查', response: { 200: healthSchema } } },
    async () => ({
      status: 'ok' as const,
      database: database.dialect,
      version: VERSION,
    }),
  );
  app.get('/api/openapi.json', { config: { public: true }, schema: { hide: true } }, async () => app.swagger());

  const db = database.db;
  await app.register(authRoutes, {
    db,
    policy: {
      idleMinutes: config.sessionIdleMinutes,
      absoluteHours: config.sessionAbsoluteHours,
      timeZone: config.timeZone,
    },
    secureCookies: config.secureCookies,
  });
  registerRegionScopeHook(app, db);
  await app.register(regionRoutes, { db });
  await app.register(planRoutes, { db });
  await app.register(planSettingsRoutes, { db });
  await app.register(indicatorCatalogueRoutes, { db });
  await app.register(unitRoutes, { db });
  await app.register(userRoutes, { db, timeZone: config.timeZone });
  await app.register(auditRoutes, { db, timeZone: config.timeZone });
  await app.register(ledgerRoutes, { db, demo: config.demo });
  await app.register(indicatorRoutes, { db, timeZone: config.timeZone, demo: config.demo });
  await app.register(dataElementRoutes, { db, timeZone: config.timeZone });
  await app.register(systemRoutes, { demo: config.demo, timeZone: config.timeZone });

  await app.register(supervisionRoutes, { db, timeZone: config.timeZone });
  await app.register(reportingRoutes, { db, timeZone: config.timeZone });
  await app.register(attachmentRoutes, { db, dataDir: config.dataDir, fileStore: config.fileStore });
  await app.register(notificationRoutes, { db });
  await app.register(assessmentRoutes, { db, timeZone: config.timeZone, demo: config.demo });
  await app.register(bulletinRoutes, { db, timeZone: config.timeZone, demo: config.demo });
  await app.register(planImportRoutes, { db });
  await app.register(exportRoutes, { db, timeZone: config.timeZone, demo: config.demo });
  await app.register(searchRoutes, { db });
  await app.register(provinceRoutes, { db, timeZone: config.timeZone, demo: config.demo });

  await registerWebApp(app, config.webDist);
  return app;
}

/** Believes the nearest n hops (what proxy-addr does with a number, which Fastify's types do not admit). */
const trustHops = (n: number) => (_address: string, hop: number) => hop < n;

/** Serves the built web app; unknown non-API GETs get index.html so client routes survive a reload. */
async function registerWebApp(app: FastifyInstance, webDist: string): Promise<void> {
  const hasWeb = fs.existsSync(path.join(webDist, 'index.html'));
  if (hasWeb) await app.register(fastifyStatic, { root: webDist, wildcard: false, index: false });
  app.setNotFoundHandler((request, reply) => {
    const url = request.url.split('?')[0] ?? '';
    if (url.startsWith('/api/') || url === '/api' || request.method !== 'GET') {
      return reply.status(404).send({ error: { code: 'not_found', message: `接口不存在：${request.method} ${url}` } });
    }
    if (!hasWeb)
      return reply.status(503).type('text/plain; charset=utf-8').send('网页尚未构建：请先运行 npm run build');
    return reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').sendFile('index.html');
  });
}
