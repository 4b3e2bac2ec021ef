import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  bulletinFileParamsSchema,
  bulletinListSchema,
  bulletinParamsSchema,
  bulletinSchema,
  generateBulletinSchema,
  planBulletinsParamsSchema,
  publishBulletinSchema,
  updateBulletinSchema,
} from '@innocity/shared/api/bulletins';
import type { Db } from '../../db/connection.ts';
import { actorOf, auditContext, planReadWithSession } from '../../http/auth-hook.ts';
import { errorBodySchema, errorResponses } from '../../http/openapi.ts';
import { planFactsSource, type FactsSource } from '../assessment/plan-facts.ts';
import { MIME, fileName } from './bulletin-render.ts';
import * as service from './bulletin.service.ts';
import { sendVersioned } from '../indicators/response-cache.ts';
import { createPlanReader } from '../plans/plan-reader.ts';
import { createBulletinReader } from './bulletin-reader.ts';

const tags = ['bulletins'];

export interface BulletinRouteOptions {
  db: Db;
  timeZone: string;
  demo: boolean;
  /** Where the plan's facts come from; the other modules' services unless a test gives its own. */
  facts?: FactsSource;
}

/** Bulletins (情况通报): generate a draft, edit, publish as 第X期, download Word, Excel and PDF. */
export const bulletinRoutes: FastifyPluginAsyncZod<BulletinRouteOptions> = async (
  app,
  { db, timeZone, demo, facts },
) => {
  const env: service.BulletinEnv = { facts: facts ?? planFactsSource({ timeZone, demo }) };
  const ok = <T>(schema: T) => ({ 200: schema, ...errorResponses });
  const reader = createBulletinReader(db, createPlanReader(db));

  app.get(
    '/api/plans/:planId/bulletins',
    {
      config: { memo: true },
      schema: {
        tags,
        summary: '情况通报列表（已印发：所有角色；草稿：科创委办公室）',
        params: planBulletinsParamsSchema,
        response: ok(bulletinListSchema),
      },
    },
    async (req, reply) =>
      sendVersioned(
        req,
        reply,
        await reader.list(actorOf(req), req.params.planId, planReadWithSession(req, req.params.planId)),
      ),
  );
  app.post(
    '/api/plans/:planId/bulletins',
    {
      schema: {
        tags,
        summary: '按轮次生成通报草稿（科创委办公室）',
        params: planBulletinsParamsSchema,
        body: generateBulletinSchema,
        response: ok(bulletinSchema),
      },
    },
    async (req) => service.generateBulletin(db, actorOf(req), req.params.planId, req.body, auditContext(req), env),
  );
  app.get(
    '/api/bulletins/:bulletinId',
    { schema: { tags, summary: '情况通报详情', params: bulletinParamsSchema, response: ok(bulletinSchema) } },
    async (req) => service.getBulletin(db, actorOf(req), req.params.bulletinId),
  );
  app.put(
    '/api/bulletins/:bulletinId',
    {
      schema: {
        tags,
        summary: '修改通报草稿（科创委办公室）',
        params: bulletinParamsSchema,
        body: updateBulletinSchema,
        response: ok(bulletinSchema),
      },
    },
    async (req) => service.updateBulletin(db, actorOf(req), req.params.bulletinId, req.body, auditContext(req)),
  );
  app.delete(
    '/api/bulletins/:bulletinId',
    {
      schema: {
        tags,
        summary: '删除通报草稿（科创委办公室）',
        params: bulletinParamsSchema,
        response: { 204: z.null(), ...errorResponses },
      },
    },
    async (req, reply) => {
      await service.deleteBulletin(db, actorOf(req), req.params.bulletinId, auditContext(req));
      return reply.status(204).send(null);
    },
  );
  app.post(
    '/api/bulletins/:bulletinId/publish',
    {
      schema: {
        tags,
        summary: '印发通报：编第X期并冻结内容和文件（科创委办公室）',
        params: bulletinParamsSchema,
        body: publishBulletinSchema,
        response: ok(bulletinSchema),
      },
    },
    async (req) => service.publishBulletin(db, actorOf(req), req.params.bulletinId, req.body, auditContext(req)),
  );
  app.get(
    '/api/bulletins/:bulletinId/files/:kind',
    {
      schema: {
        tags,
        summary: '下载通报：docx（公文格式）、xlsx（附件表格）、pdf（服务器排版）',
        params: bulletinFileParamsSchema,
        response: { 200: z.unknown().describe('文件'), ...errorResponses, 503: errorBodySchema },
      },
    },
    async (req, reply) => {
      const { kind } = req.params;
      const { bytes, record } = await service.getBulletinFile(
        db,
        actorOf(req),
        req.params.bulletinId,
        kind,
        auditContext(req),
      );
      const name = fileName(record, kind);
      return reply
        .type(MIME[kind])
        .header(
          'content-disposition',
          `attachment; filename="bulletin.${kind}"; filename*=UTF-8''${encodeURIComponent(name)}`,
        )
        .header('cache-control', record.status === 'published' ? 'private, max-age=3600' : 'no-store')
        .send(bytes);
    },
  );
};
