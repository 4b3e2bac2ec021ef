import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  carryOverInputSchema,
  carryOverPreviewSchema,
  carryOverQuerySchema,
  carryOverResultSchema,
} from '@innocity/shared/api/plan-carry-over';
import { planParamsSchema } from '@innocity/shared/api/plans';
import type { Db } from '../../db/connection.ts';
import { actorOf, auditContext } from '../../http/auth-hook.ts';
import { errorResponses } from '../../http/openapi.ts';
import { carryOver, previewCarryOver } from './carry-over.service.ts';

/** 沿用上一轮方案: what an earlier plan of the county offers, and carrying it into this plan. */
export const carryOverRoutes: FastifyPluginAsyncZod<{ db: Db }> = async (app, { db }) => {
  app.get(
    '/api/plans/:planId/carry-over',
    {
      schema: {
        tags: ['plans'],
        summary: '沿用上一轮方案：可沿用的单位组、台账及记录数，和本方案已有的（冲突）',
        params: planParamsSchema,
        querystring: carryOverQuerySchema,
        response: { 200: carryOverPreviewSchema, ...errorResponses },
      },
    },
    async (request) => previewCarryOver(db, actorOf(request), request.params.planId, request.query.sourcePlanId),
  );
  app.post(
    '/api/plans/:planId/carry-over',
    {
      schema: {
        tags: ['plans'],
        summary: '沿用上一轮方案（单位组、台账及记录、发文设置；全部成功或全部不写入）',
        params: planParamsSchema,
        body: carryOverInputSchema,
        response: { 200: carryOverResultSchema, ...errorResponses },
      },
    },
    async (request) => carryOver(db, actorOf(request), request.params.planId, request.body, auditContext(request)),
  );
};
