import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { publicationParamsSchema } from '@innocity/shared/api/assessment';
import { asOfQuerySchema } from '@innocity/shared/api/indicators';
import { roundParamsSchema } from '@innocity/shared/api/reporting';
import { planParamsSchema } from '@innocity/shared/api/plans';
import type { Db } from '../../db/connection.ts';
import { actorOf } from '../../http/auth-hook.ts';
import { errorResponses } from '../../http/openapi.ts';
import { sendXlsx } from '../../http/xlsx-table.ts';
import { exportIndicatorList, exportPublication, exportRoundProgress } from './export.service.ts';

const tags = ['exports'];
const file = { 200: z.unknown().describe('Excel 文件（.xlsx）'), ...errorResponses };

/** Excel exports of a round's progress, the indicator list and published scores (issue 16, item 11). */
export const exportRoutes: FastifyPluginAsyncZod<{ db: Db; timeZone: string; demo: boolean }> = async (
  app,
  { db, timeZone, demo },
) => {
  app.get(
    '/api/rounds/:roundId/units/export',
    { schema: { tags, summary: '导出本轮各单位填报情况（Excel）', params: roundParamsSchema, response: file } },
    async (request, reply) => {
      const f = await exportRoundProgress(db, actorOf(request), request.params.roundId, timeZone);
      return sendXlsx(reply, f.fileName, f.body);
    },
  );
  app.get(
    '/api/plans/:planId/indicators/export',
    {
      schema: {
        tags,
        summary: '导出指标监测表：当前值、目标、进展状态和灯号（Excel，可指定评估日期 asOf）',
        params: planParamsSchema,
        querystring: asOfQuerySchema,
        response: file,
      },
    },
    async (request, reply) => {
      const f = await exportIndicatorList(db, actorOf(request), request.params.planId, request.query.asOf, {
        timeZone,
        demo,
      });
      return sendXlsx(reply, f.fileName, f.body);
    },
  );
  app.get(
    '/api/assessment/publications/:publicationId/export',
    {
      schema: {
        tags,
        summary: '导出已发布的考核结果及计算过程（Excel）',
        params: publicationParamsSchema,
        response: file,
      },
    },
    async (request, reply) => {
      const f = await exportPublication(db, actorOf(request), request.params.publicationId);
      return sendXlsx(reply, f.fileName, f.body);
    },
  );
};
