import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { auditFilterSchema, auditPageSchema, auditQuerySchema } from '@innocity/shared/api/audit';
import type { Db } from '../../db/connection.ts';
import { actorOf, auditContext } from '../../http/auth-hook.ts';
import { errorResponses } from '../../http/openapi.ts';
import { exportAuditEntries, listAuditEntries } from './audit.service.ts';

const tags = ['audit'];
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Reading the audit log. There is deliberately no route that changes or deletes audit rows. */
export const auditRoutes: FastifyPluginAsyncZod<{ db: Db; timeZone: string }> = async (app, { db, timeZone }) => {
  app.get(
    '/api/audit',
    {
      schema: {
        tags,
        summary: '审计日志查询（系统管理员、督查考核）',
        querystring: auditQuerySchema,
        response: { 200: auditPageSchema, ...errorResponses },
      },
    },
    async (request) => listAuditEntries(db, actorOf(request), request.query, timeZone),
  );
  app.get(
    '/api/audit/export',
    {
      schema: {
        tags,
        summary: '导出审计日志为 Excel（系统管理员、督查考核）',
        querystring: auditFilterSchema,
        response: { 200: z.unknown().describe('Excel 文件（.xlsx）'), ...errorResponses },
      },
    },
    async (request, reply) => {
      const { file, filename } = await exportAuditEntries(
        db,
        actorOf(request),
        request.query,
        auditContext(request),
        timeZone,
      );
      return reply
        .type(XLSX)
        .header(
          'content-disposition',
          `attachment; filename="audit.xlsx"; filename*=UTF-8''${encodeURIComponent(filename)}`,
        )
        .header('cache-control', 'no-store')
        .send(file);
    },
  );
};
