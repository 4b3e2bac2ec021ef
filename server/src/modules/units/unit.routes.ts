import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { unitTreeSchema } from '@innocity/shared/api/plans';
import type { Db } from '../../db/connection.ts';
import { actorOf } from '../../http/auth-hook.ts';
import { errorResponses } from '../../http/openapi.ts';
import { getUnitTree } from './unit.service.ts';

export const unitRoutes: FastifyPluginAsyncZod<{ db: Db }> = async (app, { db }) => {
  app.get(
    '/api/units',
    { schema: { tags: ['units'], summary: '单位树', response: { 200: unitTreeSchema, ...errorResponses } } },
    async (request) => ({ items: await getUnitTree(db, actorOf(request)) }),
  );
};
