import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import * as r from '@innocity/shared/api/reporting';
import type { Db } from '../../db/connection.ts';
import { actorOf, auditContext, planReadWithSession } from '../../http/auth-hook.ts';
import { errorResponses } from '../../http/openapi.ts';
import * as rounds from './round.service.ts';
import * as standing from './standing.service.ts';
import { getSubmission, getSubmissionOf, saveDraft } from './submission.service.ts';
import { transition } from './submission-flow.service.ts';
import { urgeUnits } from './urge.service.ts';
import { createTimelinessReader } from './timeliness-reader.ts';
import { sendVersioned } from '../indicators/response-cache.ts';
import { nowIso } from '../../time.ts';

const tags = ['reporting'];
const planQuery = z.object({ planId: r.myDutiesQuerySchema.shape.planId });

/** Rounds, duties, submissions and their flow, timeliness, urging. */
export const reportingRoutes: FastifyPluginAsyncZod<{ db: Db; timeZone: string }> = async (app, { db, timeZone }) => {
  const round = { 200: r.roundSchema, ...errorResponses };
  const submission = { 200: r.submissionSchema, ...errorResponses };
  const timeliness = createTimelinessReader(db, timeZone);

  app.get(
    '/api/rounds',
    {
      schema: {
        tags,
        summary: '填报轮次列表',
        querystring: planQuery,
        response: { 200: r.roundListSchema, ...errorResponses },
      },
    },
    async (request) => ({
      items: await rounds.listRounds(db, actorOf(request), request.query.planId, timeZone),
    }),
  );
  app.post(
    '/api/rounds',
    {
      schema: {
        tags,
        summary: '开启填报轮次并生成各单位任务（办公室）',
        body: r.openRoundInputSchema,
        response: { 201: r.roundSchema, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await rounds.openRound(db, actorOf(request), request.body, auditContext(request), timeZone)),
  );
  app.get(
    '/api/rounds/:roundId',
    { schema: { tags, summary: '填报轮次', params: r.roundParamsSchema, response: round } },
    async (request) => rounds.getRound(db, actorOf(request), request.params.roundId, timeZone),
  );
  app.post(
    '/api/rounds/:roundId/close',
    { schema: { tags, summary: '关闭填报轮次（办公室）', params: r.roundParamsSchema, response: round } },
    async (request) => rounds.closeRound(db, actorOf(request), request.params.roundId, auditContext(request), timeZone),
  );
  app.get(
    '/api/rounds/:roundId/units',
    {
      schema: {
        tags,
        summary: '各单位填报情况（按时、迟报、未报，完整率）',
        params: r.roundParamsSchema,
        response: { 200: r.roundUnitListSchema, ...errorResponses },
      },
    },
    async (request) => ({
      items: await standing.listRoundUnits(db, actorOf(request), request.params.roundId),
    }),
  );
  app.get(
    '/api/rounds/:roundId/units/:unitId/submission',
    { schema: { tags, summary: '某单位本轮报送', params: r.roundUnitParamsSchema, response: submission } },
    async (request) => getSubmissionOf(db, actorOf(request), request.params.roundId, request.params.unitId, timeZone),
  );
  app.get(
    '/api/my-duties',
    {
      schema: {
        tags,
        summary: '本单位本轮填报任务',
        querystring: r.myDutiesQuerySchema,
        response: { 200: r.myDutiesSchema, ...errorResponses },
      },
    },
    async (request) =>
      standing.getMyDuties(db, actorOf(request), request.query.planId, request.query.roundId, timeZone),
  );

  app.get(
    '/api/submissions/:submissionId',
    { schema: { tags, summary: '报送详情', params: r.submissionParamsSchema, response: submission } },
    async (request) => getSubmission(db, actorOf(request), request.params.submissionId, timeZone),
  );
  app.put(
    '/api/submissions/:submissionId',
    {
      schema: {
        tags,
        summary: '保存草稿（版本不符返回 409）',
        params: r.submissionParamsSchema,
        body: r.saveDraftInputSchema,
        response: submission,
      },
    },
    async (request) =>
      saveDraft(db, actorOf(request), request.params.submissionId, request.body, auditContext(request), timeZone),
  );
  app.post(
    '/api/submissions/:submissionId/:action',
    {
      schema: {
        tags,
        summary: '报送流转：提交审核、单位退回、单位审核通过、报送、审核通过、退回、发起更正',
        params: r.transitionParamsSchema,
        body: r.transitionInputSchema,
        response: submission,
      },
    },
    async (request) =>
      transition(
        db,
        actorOf(request),
        request.params.submissionId,
        request.params.action,
        request.body,
        auditContext(request),
        timeZone,
      ),
  );

  app.get(
    '/api/timeliness',
    {
      schema: {
        tags,
        summary: '及时性与完整率',
        querystring: r.timelinessQuerySchema,
        response: { 200: r.timelinessListSchema, ...errorResponses },
      },
    },
    async (request, reply) =>
      sendVersioned(
        request,
        reply,
        await timeliness.list(
          actorOf(request),
          request.query,
          nowIso(),
          planReadWithSession(request, request.query.planId),
        ),
      ),
  );
  app.post(
    '/api/urgings',
    {
      schema: {
        tags,
        summary: '催办一个、多个或全部未报单位（办公室）',
        body: r.urgeInputSchema,
        response: { 201: r.urgingListSchema, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send({ items: await urgeUnits(db, actorOf(request), request.body, auditContext(request), timeZone) }),
  );
  app.get(
    '/api/urgings',
    {
      schema: {
        tags,
        summary: '催办记录',
        querystring: r.urgingQuerySchema,
        response: { 200: r.urgingListSchema, ...errorResponses },
      },
    },
    async (request) => ({
      items: await standing.listUrgingsFor(db, actorOf(request), request.query),
    }),
  );
  app.get(
    '/api/reporting/units/:unitId',
    {
      schema: {
        tags,
        summary: '单位填报页：历次及时性、催办记录',
        params: r.unitPageParamsSchema,
        querystring: planQuery,
        response: { 200: r.unitPageSchema, ...errorResponses },
      },
    },
    async (request) => standing.getUnitPage(db, actorOf(request), request.query.planId, request.params.unitId),
  );
};
