import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  createRegionInputSchema,
  regionListSchema,
  regionParamsSchema,
  regionSchema,
  updateRegionInputSchema,
} from '@innocity/shared/api/regions';
import type { Db } from '../../db/connection.ts';
import { actorOf, auditContext } from '../../http/auth-hook.ts';
import { errorResponses } from '../../http/openapi.ts';
import { createRegion, listVisibleRegions, updateRegion } from './region.service.ts';

const tags = ['regions'];

export const regionRoutes: FastifyPluginAsyncZod<{ db: Db }> = async (app, { db }) => {
  app.get(
    '/api/regions',
    {
      schema: {
        tags,
        summary: '地区树（本人角色所及的地区及其上级）',
        response: { 200: regionListSchema, ...errorResponses },
      },
    },
    async (request) => ({ items: await listVisibleRegions(db, actorOf(request)) }),
  );
  app.post(
    '/api/regions',
    {
      schema: {
        tags,
        summary: '新建地区（系统管理员、省级管理员）',
        body: createRegionInputSchema,
        response: { 201: regionSchema, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createRegion(db, actorOf(request), request.body, auditContext(request))),
  );
  app.patch(
    '/api/regions/:regionId',
    {
      schema: {
        tags,
        summary: '修改地区名称或上级（系统管理员、省级管理员）',
        params: regionParamsSchema,
        body: updateRegionInputSchema,
        response: { 200: regionSchema, ...errorResponses },
      },
    },
    async (request) => updateRegion(db, actorOf(request), request.params.regionId, request.body, auditContext(request)),
  );
};
