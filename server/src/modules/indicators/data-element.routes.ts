import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  asOfQuerySchema,
  dataElementListSchema,
  elementVersionsSchema,
  planElementParamsSchema,
  recordValuesInputSchema,
  recordValuesResultSchema,
} from '@innocity/shared/api/indicators';
import { planParamsSchema } from '@innocity/shared/api/plans';
import type { Db } from '../../db/connection.ts';
import { actorOf, auditContext } from '../../http/auth-hook.ts';
import { errorResponses } from '../../http/openapi.ts';
import { listDataElements, listElementVersions } from './data-element.service.ts';
import { recordElementValues } from './element-entry.service.ts';

const tags = ['data-elements'];

/** Data elements: their values as of a date, every version, and entry by units. */
export const dataElementRoutes: FastifyPluginAsyncZod<{ db: Db; timeZone: string }> = async (app, { db, timeZone }) => {
  app.get(
    '/api/plans/:planId/data-elements',
    {
      schema: {
        tags,
        summary: '数据元及截至评估日期有效的数值',
        params: planParamsSchema,
        querystring: asOfQuerySchema,
        response: { 200: dataElementListSchema, ...errorResponses },
      },
    },
    async (request) =>
      listDataElements(db, actorOf(request), request.params.planId, { asOf: request.query.asOf, timeZone }),
  );
  app.get(
    '/api/plans/:planId/data-elements/:elementId/versions',
    {
      schema: {
        tags,
        summary: '数据元全部历史版本（含更正）',
        params: planElementParamsSchema,
        response: { 200: elementVersionsSchema, ...errorResponses },
      },
    },
    async (request) => listElementVersions(db, actorOf(request), request.params.planId, request.params.elementId),
  );
  app.post(
    '/api/plans/:planId/data-element-values',
    {
      schema: {
        tags,
        summary: '填报数据元数值（本单位填报员或科创委办公室；更正即新版本，历史保留）',
        params: planParamsSchema,
        body: recordValuesInputSchema,
        response: { 201: recordValuesResultSchema, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.status(201).send({
        items: await recordElementValues(
          db,
          actorOf(request),
          request.params.planId,
          request.body,
          auditContext(request),
        ),
      }),
  );
};
