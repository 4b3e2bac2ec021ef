import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { planSettingsSchema, updatePlanSettingsInputSchema } from '@innocity/shared/api/plan-settings';
import { planParamsSchema } from '@innocity/shared/api/plans';
import type { Db } from '../../db/connection.ts';
import { actorOf, auditContext } from '../../http/auth-hook.ts';
import { errorResponses } from '../../http/openapi.ts';
import { getPlanSettings, updatePlanSettings } from './plan-settings.service.ts';

const tags = ['plans'];

export const planSettingsRoutes: FastifyPluginAsyncZod<{ db: Db }> = async (app, { db }) => {
  app.get(
    '/api/plans/:planId/settings',
    {
      schema: {
        tags,
        summary: '方案发文设置：发文机关、层级用字、建设称谓、主送、抄送、印发（科创委办公室）',
        params: planParamsSchema,
        response: { 200: planSettingsSchema, ...errorResponses },
      },
    },
    async (request) => getPlanSettings(db, actorOf(request), request.params.planId),
  );
  app.put(
    '/api/plans/:planId/settings',
    {
      schema: {
        tags,
        summary: '修改方案发文设置（科创委办公室；通报和导出使用）',
        params: planParamsSchema,
        body: updatePlanSettingsInputSchema,
        response: { 200: planSettingsSchema, ...errorResponses },
      },
    },
    async (request) =>
      updatePlanSettings(db, actorOf(request), request.params.planId, request.body, auditContext(request)),
  );
};
