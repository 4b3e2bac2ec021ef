import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { indicatorCatalogueSchema, setCatalogueCodeInputSchema } from '@innocity/shared/api/indicator-catalogue';
import { planIndicatorParamsSchema } from '@innocity/shared/api/indicators';
import { planParamsSchema } from '@innocity/shared/api/plans';
import type { Db } from '../../db/connection.ts';
import { actorOf, auditContext } from '../../http/auth-hook.ts';
import { errorResponses } from '../../http/openapi.ts';
import { getIndicatorCatalogue, setCatalogueCode } from './indicator-catalogue.service.ts';

const tags = ['indicators'];

/** Mapping a plan's indicators to the shared catalogue of standard indicator codes, so counties compare like with like. */
export const indicatorCatalogueRoutes: FastifyPluginAsyncZod<{ db: Db }> = async (app, { db }) => {
  app.get(
    '/api/plans/:planId/indicator-catalogue',
    {
      schema: {
        tags,
        summary: '指标目录及本方案指标的目录编码与建议',
        params: planParamsSchema,
        response: { 200: indicatorCatalogueSchema, ...errorResponses },
      },
    },
    async (request) => getIndicatorCatalogue(db, actorOf(request), request.params.planId),
  );
  app.put(
    '/api/plans/:planId/indicators/:indicatorId/catalogue-code',
    {
      schema: {
        tags,
        summary: '确认指标对应的目录指标（科创委办公室；null 表示不对应任何目录指标）',
        params: planIndicatorParamsSchema,
        body: setCatalogueCodeInputSchema,
        response: { 200: z.object({ ok: z.literal(true) }), ...errorResponses },
      },
    },
    async (request) => {
      const { planId, indicatorId } = request.params;
      await setCatalogueCode(db, actorOf(request), planId, indicatorId, request.body, auditContext(request));
      return { ok: true as const };
    },
  );
};
