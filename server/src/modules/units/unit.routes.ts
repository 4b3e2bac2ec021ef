import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { unitTreeSchema } from '@innocity/shared/api/plans';
import {
  createUnitInputSchema,
  moveUnitInputSchema,
  unitParamsSchema,
  unitSchema,
  updateUnitInputSchema,
} from '@innocity/shared/api/units';
import type { Db } from '../../db/connection.ts';
import { actorOf, auditContext } from '../../http/auth-hook.ts';
import { errorResponses } from '../../http/openapi.ts';
import { createUnit, getUnitTree, moveUnit, setUnitDisabled, updateUnit } from './unit.service.ts';

const tags = ['units'];

export const unitRoutes: FastifyPluginAsyncZod<{ db: Db }> = async (app, { db }) => {
  app.get(
    '/api/units',
    { schema: { tags, summary: '单位树（含已停用单位）', response: { 200: unitTreeSchema, ...errorResponses } } },
    async (request) => ({ items: await getUnitTree(db, actorOf(request)) }),
  );
  app.post(
    '/api/units',
    {
      schema: {
        tags,
        summary: '新建单位（系统管理员）',
        body: createUnitInputSchema,
        response: { 201: unitSchema, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createUnit(db, actorOf(request), request.body, auditContext(request))),
  );
  app.patch(
    '/api/units/:unitId',
    {
      schema: {
        tags,
        summary: '修改单位（系统管理员）',
        params: unitParamsSchema,
        body: updateUnitInputSchema,
        response: { 200: unitSchema, ...errorResponses },
      },
    },
    async (request) => updateUnit(db, actorOf(request), request.params.unitId, request.body, auditContext(request)),
  );
  app.post(
    '/api/units/:unitId/move',
    {
      schema: {
        tags,
        summary: '调整上级单位（系统管理员）',
        params: unitParamsSchema,
        body: moveUnitInputSchema,
        response: { 200: unitSchema, ...errorResponses },
      },
    },
    async (request) => moveUnit(db, actorOf(request), request.params.unitId, request.body, auditContext(request)),
  );
  app.post(
    '/api/units/:unitId/disable',
    {
      schema: {
        tags,
        summary: '停用单位（系统管理员）',
        params: unitParamsSchema,
        response: { 200: unitSchema, ...errorResponses },
      },
    },
    async (request) => setUnitDisabled(db, actorOf(request), request.params.unitId, true, auditContext(request)),
  );
  app.post(
    '/api/units/:unitId/enable',
    {
      schema: {
        tags,
        summary: '启用单位（系统管理员）',
        params: unitParamsSchema,
        response: { 200: unitSchema, ...errorResponses },
      },
    },
    async (request) => setUnitDisabled(db, actorOf(request), request.params.unitId, false, auditContext(request)),
  );
};
