import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  createLedgerRowSchema,
  ledgerParamsSchema,
  ledgerRowListQuerySchema,
  ledgerRowListSchema,
  ledgerRowParamsSchema,
  ledgerRowSchema,
  ledgerTypeListSchema,
  updateLedgerRowSchema,
} from '@innocity/shared/api/ledgers';
import { planParamsSchema } from '@innocity/shared/api/plans';
import type { Db } from '../../db/connection.ts';
import { actorOf, auditContext } from '../../http/auth-hook.ts';
import { errorResponses } from '../../http/openapi.ts';
import { ledgerFileRoutes } from './ledger-file.routes.ts';
import {
  createLedgerRow,
  deleteLedgerRow,
  getLedgerRow,
  listLedgerRows,
  updateLedgerRow,
} from './ledger-row.service.ts';
import { listLedgerTypes } from './ledger-type.service.ts';

const tags = ['ledgers'];
const ROWS = '/api/plans/:planId/ledgers/:typeCode/rows';

/** Ledger types and rows (台账); the Excel template, export and import are in ledger-file.routes.ts. */
export const ledgerRoutes: FastifyPluginAsyncZod<{ db: Db; demo?: boolean }> = async (app, { db, demo }) => {
  app.get(
    '/api/plans/:planId/ledgers',
    {
      schema: {
        tags,
        summary: '台账类型（字段、责任单位、业务主键、有效期）',
        params: planParamsSchema,
        response: { 200: ledgerTypeListSchema, ...errorResponses },
      },
    },
    async (request) => ({ items: await listLedgerTypes(db, actorOf(request), request.params.planId) }),
  );
  app.get(
    ROWS,
    {
      schema: {
        tags,
        summary: '台账记录列表（筛选、分页）',
        params: ledgerParamsSchema,
        querystring: ledgerRowListQuerySchema,
        response: { 200: ledgerRowListSchema, ...errorResponses },
      },
    },
    async (request) =>
      listLedgerRows(db, actorOf(request), request.params.planId, request.params.typeCode, request.query),
  );
  app.post(
    ROWS,
    {
      schema: {
        tags,
        summary: '新增台账记录（本单位填报员、科创委办公室）',
        params: ledgerParamsSchema,
        body: createLedgerRowSchema,
        response: { 201: ledgerRowSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const { planId, typeCode } = request.params;
      return reply
        .status(201)
        .send(await createLedgerRow(db, actorOf(request), planId, typeCode, request.body, auditContext(request)));
    },
  );
  app.get(
    `${ROWS}/:rowId`,
    {
      schema: {
        tags,
        summary: '台账记录',
        params: ledgerRowParamsSchema,
        response: { 200: ledgerRowSchema, ...errorResponses },
      },
    },
    async (request) =>
      getLedgerRow(db, actorOf(request), request.params.planId, request.params.typeCode, request.params.rowId),
  );
  app.put(
    `${ROWS}/:rowId`,
    {
      schema: {
        tags,
        summary: '修改台账记录（整条替换）',
        params: ledgerRowParamsSchema,
        body: updateLedgerRowSchema,
        response: { 200: ledgerRowSchema, ...errorResponses },
      },
    },
    async (request) => {
      const { planId, typeCode, rowId } = request.params;
      return updateLedgerRow(db, actorOf(request), planId, typeCode, rowId, request.body, auditContext(request));
    },
  );
  app.delete(
    `${ROWS}/:rowId`,
    {
      schema: {
        tags,
        summary: '删除台账记录（此前日期的统计仍计入）',
        params: ledgerRowParamsSchema,
        response: { 204: z.null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      const { planId, typeCode, rowId } = request.params;
      await deleteLedgerRow(db, actorOf(request), planId, typeCode, rowId, auditContext(request));
      return reply.status(204).send(null);
    },
  );
  await app.register(ledgerFileRoutes, { db, demo: demo ?? false });
};
