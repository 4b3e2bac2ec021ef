import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  adjustmentInputSchema,
  adjustmentParamsSchema,
  createSchemeSchema,
  liveScoresSchema,
  planAssessmentParamsSchema,
  publicationListSchema,
  publicationParamsSchema,
  publicationSchema,
  publishScoresSchema,
  schemeListSchema,
  schemeParamsSchema,
  schemeSchema,
  scoreInputsSchema,
  scoresQuerySchema,
  updateSchemeSchema,
} from '@innocity/shared/api/assessment';
import type { Db } from '../../db/connection.ts';
import { actorOf, auditContext, planReadWithSession } from '../../http/auth-hook.ts';
import { errorResponses } from '../../http/openapi.ts';
import * as schemes from './assessment-scheme.service.ts';
import * as scores from './assessment-score.service.ts';
import { planFactsSource, type FactsSource } from './plan-facts.ts';
import { createPublicationReader } from './publication-reader.ts';
import { sendVersioned } from '../indicators/response-cache.ts';

const tags = ['assessment'];

export interface AssessmentRouteOptions {
  db: Db;
  timeZone: string;
  demo: boolean;
  /** Where the plan's facts come from; the other modules' services unless a test gives its own. */
  facts?: FactsSource;
}

/** Schemes, bonus/deduction entries, live scores with workings, and frozen score sets. */
export const assessmentRoutes: FastifyPluginAsyncZod<AssessmentRouteOptions> = async (
  app,
  { db, timeZone, demo, facts },
) => {
  const env: scores.AssessmentEnv = { facts: facts ?? planFactsSource({ timeZone, demo }), demo };
  const ok = <T>(schema: T) => ({ 200: schema, ...errorResponses });
  const publications = createPublicationReader(db);

  app.get(
    '/api/plans/:planId/assessment/schemes',
    {
      schema: {
        tags,
        summary: '考核方案列表（所有角色）',
        params: planAssessmentParamsSchema,
        response: ok(schemeListSchema),
      },
    },
    async (req) => ({
      items: await schemes.listSchemes(db, actorOf(req), req.params.planId),
    }),
  );
  app.post(
    '/api/plans/:planId/assessment/schemes',
    {
      schema: {
        tags,
        summary: '新建年度考核方案（科创委办公室）',
        params: planAssessmentParamsSchema,
        body: createSchemeSchema,
        response: ok(schemeSchema),
      },
    },
    async (req) => schemes.createScheme(db, actorOf(req), req.params.planId, req.body, auditContext(req)),
  );
  app.get(
    '/api/assessment/schemes/:schemeId',
    { schema: { tags, summary: '考核方案详情（所有角色）', params: schemeParamsSchema, response: ok(schemeSchema) } },
    async (req) => schemes.getScheme(db, actorOf(req), req.params.schemeId),
  );
  app.put(
    '/api/assessment/schemes/:schemeId',
    {
      schema: {
        tags,
        summary: '修改考核方案（科创委办公室）',
        params: schemeParamsSchema,
        body: updateSchemeSchema,
        response: ok(schemeSchema),
      },
    },
    async (req) => schemes.updateScheme(db, actorOf(req), req.params.schemeId, req.body, auditContext(req)),
  );
  app.post(
    '/api/assessment/schemes/:schemeId/adjustments',
    {
      schema: {
        tags,
        summary: '认定加减分（科创委办公室）',
        params: schemeParamsSchema,
        body: adjustmentInputSchema,
        response: ok(schemeSchema),
      },
    },
    async (req) => schemes.addAdjustment(db, actorOf(req), req.params.schemeId, req.body, auditContext(req)),
  );
  app.put(
    '/api/assessment/adjustments/:adjustmentId',
    {
      schema: {
        tags,
        summary: '修改加减分（科创委办公室）',
        params: adjustmentParamsSchema,
        body: adjustmentInputSchema,
        response: ok(schemeSchema),
      },
    },
    async (req) => schemes.updateAdjustment(db, actorOf(req), req.params.adjustmentId, req.body, auditContext(req)),
  );
  app.delete(
    '/api/assessment/adjustments/:adjustmentId',
    {
      schema: {
        tags,
        summary: '删除加减分（科创委办公室）',
        params: adjustmentParamsSchema,
        response: ok(schemeSchema),
      },
    },
    async (req) => schemes.deleteAdjustment(db, actorOf(req), req.params.adjustmentId, auditContext(req)),
  );
  app.get(
    '/api/assessment/schemes/:schemeId/inputs',
    {
      schema: {
        tags,
        summary: '评分数据（预览用；办公室、领导、督查考核）',
        params: schemeParamsSchema,
        querystring: scoresQuerySchema,
        response: ok(scoreInputsSchema),
      },
    },
    async (req) => scores.getScoreInputs(db, actorOf(req), req.params.schemeId, req.query, env),
  );
  app.get(
    '/api/assessment/schemes/:schemeId/scores',
    {
      schema: {
        tags,
        summary: '实时评分及计算过程（办公室、领导、督查考核）',
        params: schemeParamsSchema,
        querystring: scoresQuerySchema,
        response: ok(liveScoresSchema),
      },
    },
    async (req) => scores.getLiveScores(db, actorOf(req), req.params.schemeId, req.query, env),
  );
  app.post(
    '/api/assessment/schemes/:schemeId/publications',
    {
      schema: {
        tags,
        summary: '发布考核结果（冻结数据版本；科创委办公室）',
        params: schemeParamsSchema,
        body: publishScoresSchema,
        response: ok(publicationSchema),
      },
    },
    async (req) => scores.publishScores(db, actorOf(req), req.params.schemeId, req.body, auditContext(req), env),
  );
  app.get(
    '/api/plans/:planId/assessment/publications',
    {
      config: { memo: true },
      schema: {
        tags,
        summary: '已发布的考核结果（所有角色）',
        params: planAssessmentParamsSchema,
        response: ok(publicationListSchema),
      },
    },
    async (req, reply) =>
      sendVersioned(
        req,
        reply,
        await publications.list(actorOf(req), req.params.planId, planReadWithSession(req, req.params.planId)),
      ),
  );
  app.get(
    '/api/assessment/publications/:publicationId',
    {
      schema: {
        tags,
        summary: '考核结果详情（计算过程：办公室、领导、督查考核及本单位）',
        params: publicationParamsSchema,
        response: ok(publicationSchema),
      },
    },
    async (req) => scores.getPublication(db, actorOf(req), req.params.publicationId),
  );
};
