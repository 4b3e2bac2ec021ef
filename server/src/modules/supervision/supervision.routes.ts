import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import * as s from '@innocity/shared/api/supervision';
import type { Db } from '../../db/connection.ts';
import { actorOf, auditContext, planReadWithSession } from '../../http/auth-hook.ts';
import { errorResponses } from '../../http/openapi.ts';
import * as items from './work-item.service.ts';
import * as sources from './source.service.ts';
import { exportBoard } from './board-export.service.ts';
import { createWorkItemReader } from './work-item-reader.ts';
import { sendVersioned } from '../indicators/response-cache.ts';
import { nowIso } from '../../time.ts';

const tags = ['supervision'];
const planQuery = z.object({ planId: s.planIdParamsSchema.shape.planId });

/** Work items, meetings, inspections, instructions and the plan's supervision settings. */
export const supervisionRoutes: FastifyPluginAsyncZod<{ db: Db; timeZone: string }> = async (app, { db, timeZone }) => {
  const clock = (ctx: { now: string }) => ({ now: ctx.now, timeZone });
  const run = <T>(
    request: Parameters<typeof auditContext>[0],
    fn: (ctx: ReturnType<typeof auditContext>) => Promise<T>,
  ) => fn(auditContext(request));
  const one = { 200: s.workItemSchema, ...errorResponses };
  const reader = createWorkItemReader(db, timeZone);

  app.get(
    '/api/work-items',
    {
      schema: {
        tags,
        summary: '工作事项列表（可按领域、任务、单位、状态、灯色、时限筛选）',
        querystring: s.workItemQuerySchema,
        response: { 200: s.workItemListSchema, ...errorResponses },
      },
    },
    async (request, reply) =>
      sendVersioned(
        request,
        reply,
        await reader.list(
          actorOf(request),
          request.query,
          nowIso(),
          planReadWithSession(request, request.query.planId),
        ),
      ),
  );
  app.post(
    '/api/work-items',
    {
      schema: {
        tags,
        summary: '分解工作事项（办公室）',
        body: s.createWorkItemSchema,
        response: { 201: s.workItemSchema, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await run(request, (ctx) => items.createWorkItem(db, actorOf(request), request.body, ctx, clock(ctx)))),
  );
  app.get(
    '/api/work-items/:workItemId',
    { schema: { tags, summary: '工作事项详情', params: s.workItemParamsSchema, response: one } },
    async (request) =>
      run(request, (ctx) => items.getWorkItem(db, actorOf(request), request.params.workItemId, clock(ctx))),
  );
  app.patch(
    '/api/work-items/:workItemId',
    {
      schema: {
        tags,
        summary: '修改工作事项（办公室）',
        params: s.workItemParamsSchema,
        body: s.updateWorkItemSchema,
        response: one,
      },
    },
    async (request) =>
      run(request, (ctx) =>
        items.updateWorkItem(db, actorOf(request), request.params.workItemId, request.body, ctx, clock(ctx)),
      ),
  );
  app.post(
    '/api/work-items/:workItemId/cancel',
    {
      schema: {
        tags,
        summary: '销号（办公室）',
        params: s.workItemParamsSchema,
        body: s.cancelWorkItemSchema,
        response: one,
      },
    },
    async (request) =>
      run(request, (ctx) =>
        items.cancelWorkItem(db, actorOf(request), request.params.workItemId, request.body, ctx, clock(ctx)),
      ),
  );
  app.post(
    '/api/work-items/:workItemId/verify',
    {
      schema: {
        tags,
        summary: '核验整改完成（办公室）',
        params: s.workItemParamsSchema,
        body: s.versionedCommentSchema,
        response: one,
      },
    },
    async (request) =>
      run(request, (ctx) =>
        items.verifyWorkItem(db, actorOf(request), request.params.workItemId, request.body, ctx, clock(ctx)),
      ),
  );

  app.get(
    '/api/plans/:planId/supervision-settings',
    {
      schema: {
        tags,
        summary: '督办设置',
        params: s.planIdParamsSchema,
        response: { 200: s.supervisionSettingsSchema, ...errorResponses },
      },
    },
    async (request) => sources.getSettings(db, actorOf(request), request.params.planId),
  );
  app.put(
    '/api/plans/:planId/supervision-settings',
    {
      schema: {
        tags,
        summary: '修改督办设置（办公室）',
        params: s.planIdParamsSchema,
        body: s.supervisionSettingsSchema,
        response: { 200: s.supervisionSettingsSchema, ...errorResponses },
      },
    },
    async (request) =>
      sources.updateSettings(db, actorOf(request), request.params.planId, request.body, auditContext(request)),
  );

  app.get(
    '/api/meetings',
    {
      schema: {
        tags,
        summary: '会议记录',
        querystring: planQuery,
        response: { 200: s.meetingListSchema, ...errorResponses },
      },
    },
    async (request) =>
      run(request, async (ctx) => ({
        items: await sources.listMeetings(db, actorOf(request), request.query.planId, clock(ctx)),
      })),
  );
  app.get(
    '/api/meetings/:id',
    {
      schema: {
        tags,
        summary: '会议详情',
        params: s.sourceParamsSchema,
        response: { 200: s.meetingSchema, ...errorResponses },
      },
    },
    async (request) =>
      run(request, async (ctx) => {
        const planId = await sources.planOfSource(db, 'meetings', request.params.id);
        return (await sources.listMeetings(db, actorOf(request), planId, clock(ctx), request.params.id))[0]!;
      }),
  );
  app.post(
    '/api/meetings',
    {
      schema: {
        tags,
        summary: '记录会议及议定事项（办公室）',
        body: s.meetingInputSchema,
        response: { 201: s.meetingSchema, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await run(request, (ctx) => sources.recordMeeting(db, actorOf(request), request.body, ctx, clock(ctx)))),
  );

  app.get(
    '/api/inspections',
    {
      schema: {
        tags,
        summary: '督察检查与专项评估',
        querystring: planQuery,
        response: { 200: s.inspectionListSchema, ...errorResponses },
      },
    },
    async (request) =>
      run(request, async (ctx) => ({
        items: await sources.listInspections(db, actorOf(request), request.query.planId, clock(ctx)),
      })),
  );
  app.get(
    '/api/inspections/:id',
    {
      schema: {
        tags,
        summary: '督查检查详情',
        params: s.sourceParamsSchema,
        response: { 200: s.inspectionSchema, ...errorResponses },
      },
    },
    async (request) =>
      run(request, async (ctx) => {
        const planId = await sources.planOfSource(db, 'inspections', request.params.id);
        return (await sources.listInspections(db, actorOf(request), planId, clock(ctx), request.params.id))[0]!;
      }),
  );
  app.post(
    '/api/inspections',
    {
      schema: {
        tags,
        summary: '记录督查检查及整改事项（办公室、督查考核）',
        body: s.inspectionInputSchema,
        response: { 201: s.inspectionSchema, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await run(request, (ctx) => sources.recordInspection(db, actorOf(request), request.body, ctx, clock(ctx))),
        ),
  );

  app.get(
    '/api/instructions',
    {
      schema: {
        tags,
        summary: '领导批示',
        querystring: planQuery,
        response: { 200: s.instructionListSchema, ...errorResponses },
      },
    },
    async (request) =>
      run(request, async (ctx) => ({
        items: await sources.listInstructions(db, actorOf(request), request.query.planId, clock(ctx)),
      })),
  );
  app.post(
    '/api/instructions',
    {
      schema: {
        tags,
        summary: '领导批示并交办（领导）',
        body: s.instructionInputSchema,
        response: { 201: s.instructionSchema, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await run(request, (ctx) => sources.giveInstruction(db, actorOf(request), request.body, ctx, clock(ctx))),
        ),
  );

  app.get(
    '/api/supervision/export',
    {
      schema: {
        tags,
        summary: '导出督办台账（Excel）',
        querystring: s.workItemQuerySchema.extend({ roundId: z.string().max(64).optional() }),
      },
    },
    async (request, reply) => {
      const ctx = auditContext(request);
      const body = await exportBoard(db, actorOf(request), request.query, clock(ctx));
      return reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent('督办台账.xlsx')}`)
        .send(body);
    },
  );
};
