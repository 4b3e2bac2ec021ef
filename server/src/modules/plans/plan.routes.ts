import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { planDetailSchema, planListSchema, planParamsSchema, planSummarySchema } from '@innocity/shared/api/plans';
import type { Db } from '../../db/connection.ts';
import { actorOf, auditContext, planReadWithSession } from '../../http/auth-hook.ts';
import { errorResponses } from '../../http/openapi.ts';
import { sendVersioned } from '../indicators/response-cache.ts';
import { createPlanReader } from './plan-reader.ts';
import { archivePlan, listPlans, withdrawPlan } from './plan.service.ts';
import { carryOverRoutes } from './carry-over.routes.ts';

export const planRoutes: FastifyPluginAsyncZod<{ db: Db }> = async (app, { db }) => {
  await app.register(carryOverRoutes, { db });
  const reader = createPlanReader(db);
  app.get(
    '/api/plans',
    { schema: { tags: ['plans'], summary: '方案列表', response: { 200: planListSchema, ...errorResponses } } },
    async (request) => ({ items: await listPlans(db, actorOf(request)) }),
  );
  app.get(
    '/api/plans/:planId',
    {
      config: { memo: true },
      schema: {
        tags: ['plans'],
        summary: '方案详情（领域、任务、责任单位、指标、阶段、保障措施）',
        params: planParamsSchema,
        response: { 200: planDetailSchema, ...errorResponses },
      },
    },
    async (request, reply) =>
      sendVersioned(
        request,
        reply,
        await reader.detail(
          actorOf(request),
          request.params.planId,
          planReadWithSession(request, request.params.planId),
        ),
      ),
  );
  app.post(
    '/api/plans/:planId/withdraw',
    {
      schema: {
        tags: ['plans'],
        summary: '撤回导入的方案（尚无台账、填报、轮次、考核、通报或工作事项时）',
        params: planParamsSchema,
        response: { 200: planSummarySchema, ...errorResponses },
      },
    },
    async (request) => withdrawPlan(db, actorOf(request), request.params.planId, auditContext(request)),
  );
  app.post(
    '/api/plans/:planId/archive',
    {
      schema: {
        tags: ['plans'],
        summary: '归档已到期的方案',
        params: planParamsSchema,
        response: { 200: planSummarySchema, ...errorResponses },
      },
    },
    async (request) => archivePlan(db, actorOf(request), request.params.planId, auditContext(request)),
  );
};
