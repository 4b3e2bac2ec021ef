import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  asOfQuerySchema,
  indicatorDetailSchema,
  indicatorListSchema,
  indicatorRowsQuerySchema,
  indicatorRowsSchema,
  planIndicatorParamsSchema,
  setMilestonesInputSchema,
  updateBaselineInputSchema,
  updateTargetInputSchema,
} from '@innocity/shared/api/indicators';
import { planParamsSchema } from '@innocity/shared/api/plans';
import type { Db } from '../../db/connection.ts';
import { actorOf, auditContext, planReadWithSession } from '../../http/auth-hook.ts';
import { errorResponses } from '../../http/openapi.ts';
import type { AuditContext } from '../audit/audit.repo.ts';
import type { Actor } from '../users/user.repo.ts';
import { listIndicatorRows, setMilestones, updateBaseline, type IndicatorServiceOptions } from './indicator.service.ts';
import { updateTarget } from './indicator-target.service.ts';
import { createIndicatorReader } from './indicator-reader.ts';
import { sendVersioned } from './response-cache.ts';

const tags = ['indicators'];

/** The service call behind an office edit: checks the actor, writes and audits in one transaction. */
type OfficeEdit<Input> = (
  db: Db,
  actor: Actor,
  planId: string,
  indicatorId: string,
  input: Input,
  ctx: AuditContext,
) => Promise<void>;
const done = z.object({ ok: z.literal(true) });

/** Indicators evaluated as of a date, and the office's targets, baselines and milestones. */
export const indicatorRoutes: FastifyPluginAsyncZod<{ db: Db } & IndicatorServiceOptions> = async (
  app,
  { db, ...opts },
) => {
  const reader = createIndicatorReader(db, opts);
  app.get(
    '/api/plans/:planId/indicators',
    {
      config: { memo: true },
      schema: {
        tags,
        summary: '指标监测：每个指标的当前值、状态、灯号、计算过程、历年数据与分年度目标（可指定评估日期 asOf）',
        params: planParamsSchema,
        querystring: asOfQuerySchema,
        response: { 200: indicatorListSchema, ...errorResponses },
      },
    },
    async (request, reply) =>
      sendVersioned(
        request,
        reply,
        await reader.list(
          actorOf(request),
          request.params.planId,
          request.query.asOf,
          planReadWithSession(request, request.params.planId),
        ),
      ),
  );
  app.get(
    '/api/plans/:planId/indicators/:indicatorId',
    {
      schema: {
        tags,
        summary: '指标详情：状态、计算过程，以及数据来源（数据元各版本及报送人，或计入的台账记录）',
        params: planIndicatorParamsSchema,
        querystring: asOfQuerySchema,
        response: { 200: indicatorDetailSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { planId, indicatorId } = request.params;
      return sendVersioned(
        request,
        reply,
        await reader.detail(
          actorOf(request),
          planId,
          indicatorId,
          request.query.asOf,
          planReadWithSession(request, planId),
        ),
      );
    },
  );
  app.get(
    '/api/plans/:planId/indicators/:indicatorId/rows',
    {
      schema: {
        tags,
        summary: '指标计入的台账记录：评估日期当天计入的每一条记录（当时的内容），及条数与合计（分页）',
        params: planIndicatorParamsSchema,
        querystring: indicatorRowsQuerySchema,
        response: { 200: indicatorRowsSchema, ...errorResponses },
      },
    },
    async (request) =>
      listIndicatorRows(db, actorOf(request), request.params.planId, request.params.indicatorId, request.query, opts),
  );
  /** One of the office's edits of an indicator: PUT with a body, the service call, `{ ok: true }`. */
  function officeEdit<Body extends z.ZodType>(
    part: string,
    summary: string,
    body: Body,
    edit: OfficeEdit<z.output<Body>>,
  ): void {
    app.put(
      `/api/plans/:planId/indicators/:indicatorId/${part}`,
      {
        schema: { tags, summary, params: planIndicatorParamsSchema, body, response: { 200: done, ...errorResponses } },
      },
      async (request) => {
        const { planId, indicatorId } = request.params;
        await edit(db, actorOf(request), planId, indicatorId, request.body as z.output<Body>, auditContext(request));
        return { ok: true as const };
      },
    );
  }
  officeEdit('baseline', '设置基期值（科创委办公室）', updateBaselineInputSchema, updateBaseline);
  officeEdit(
    'target',
    '调整目标值与目标日期（科创委办公室；比较方式不变，须填写调整说明）',
    updateTargetInputSchema,
    updateTarget,
  );
  officeEdit(
    'milestones',
    '调整分年度目标（科创委办公室；值为 null 恢复插值）',
    setMilestonesInputSchema,
    setMilestones,
  );
};
