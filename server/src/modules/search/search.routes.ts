import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { searchQuerySchema, searchResultSchema } from '@innocity/shared/api/search';
import type { Db } from '../../db/connection.ts';
import { actorOf } from '../../http/auth-hook.ts';
import { errorResponses } from '../../http/openapi.ts';
import { search } from './search.service.ts';

/** The search box: units, ledger rows, work items, key tasks and indicators the user may see. */
export const searchRoutes: FastifyPluginAsyncZod<{ db: Db }> = async (app, { db }) => {
  app.get(
    '/api/search',
    {
      schema: {
        tags: ['search'],
        summary: '全局查找：按名称查找单位、台账记录（企业、项目等）、工作事项、重点任务和指标（仅限可查看的内容）',
        querystring: searchQuerySchema,
        response: { 200: searchResultSchema, ...errorResponses },
      },
    },
    async (request) => search(db, actorOf(request), request.query),
  );
};
