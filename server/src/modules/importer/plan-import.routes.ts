import multipart from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  PLAN_IMPORT_MAX_BYTES,
  planImportConfirmedSchema,
  planImportDraftSchema,
  planImportListSchema,
  planImportParamsSchema,
  planImportReviewSchema,
  planImportTextSchema,
  unitSuggestionsQuerySchema,
  unitSuggestionsSchema,
} from '@innocity/shared/api/plan-imports';
import type { Db } from '../../db/connection.ts';
import { actorOf, auditContext } from '../../http/auth-hook.ts';
import { validationFailed } from '../../http/errors.ts';
import { errorResponses } from '../../http/openapi.ts';
import { confirmPlanImport } from './plan-import-confirm.service.ts';
import {
  createPlanImport,
  getPlanImport,
  listPlanImports,
  savePlanImportReview,
  suggestPlanImportUnits,
  type PlanUpload,
} from './plan-import.service.ts';

const tags = ['importer'];
// A 200-page proposal is a few hundred kilobytes of JSON; pasted text may be up to 2 million characters.
const JSON_LIMIT = 8 * 1024 * 1024;

/** The one uploaded file; the size limit applies while it streams in (413 past it). */
async function readMultipart(request: FastifyRequest): Promise<PlanUpload> {
  const part = await request.file();
  if (!part) throw validationFailed('请选择要导入的方案文件', [{ path: 'file', message: '缺少文件' }]);
  const bytes = new Uint8Array(await part.toBuffer());
  return { kind: 'file', fileName: decodeName(part.filename), bytes };
}

/** Browsers send the file name as UTF-8; some clients percent-encode it. */
function decodeName(name: string): string {
  try {
    return /%[0-9a-f]{2}/i.test(name) ? decodeURIComponent(name) : name;
  } catch {
    return name;
  }
}

/** 方案导入: upload a document, review the proposal, map its units, put the plan in force. */
export const planImportRoutes: FastifyPluginAsyncZod<{ db: Db }> = async (app, { db }) => {
  // Registered in this plugin only: multipart is parsed on the upload route and nowhere else.
  await app.register(multipart, { limits: { fileSize: PLAN_IMPORT_MAX_BYTES, files: 1, fields: 2, parts: 3 } });
  app.post(
    '/api/plan-imports',
    {
      bodyLimit: PLAN_IMPORT_MAX_BYTES + 1024 * 1024,
      schema: {
        tags,
        summary:
          '上传方案文档（.docx、.doc、.wps、.pdf、.md、.txt，10 MB 以内；或 JSON {text}），得到待核对的方案结构（不写入方案）',
        consumes: ['multipart/form-data', 'application/json'],
        body: planImportTextSchema.nullish(),
        response: { 201: planImportDraftSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const body = request.body;
      const read = async (): Promise<PlanUpload> => {
        if (request.isMultipart()) return readMultipart(request);
        if (!body) throw validationFailed('请上传方案文件或粘贴方案文本', [{ path: 'text', message: '缺少方案文本' }]);
        return { kind: 'text', fileName: body.fileName ?? '粘贴的文本', text: body.text };
      };
      return reply.status(201).send(await createPlanImport(db, actorOf(request), read, auditContext(request)));
    },
  );
  app.get(
    '/api/plan-imports',
    { schema: { tags, summary: '导入草稿列表', response: { 200: planImportListSchema, ...errorResponses } } },
    async (request) => ({ items: await listPlanImports(db, actorOf(request)) }),
  );
  app.get(
    '/api/plan-imports/:draftId',
    {
      schema: {
        tags,
        summary: '导入草稿（原文、方案结构、已保存的核对）',
        params: planImportParamsSchema,
        response: { 200: planImportDraftSchema, ...errorResponses },
      },
    },
    async (request) => getPlanImport(db, actorOf(request), request.params.draftId),
  );
  app.put(
    '/api/plan-imports/:draftId',
    {
      bodyLimit: JSON_LIMIT,
      schema: {
        tags,
        summary: '保存核对进度（修改后的方案结构、设置、单位对应）',
        params: planImportParamsSchema,
        body: planImportReviewSchema,
        response: { 200: planImportDraftSchema, ...errorResponses },
      },
    },
    async (request) =>
      savePlanImportReview(db, actorOf(request), request.params.draftId, request.body, auditContext(request)),
  );
  app.get(
    '/api/plan-imports/:draftId/unit-suggestions',
    {
      schema: {
        tags,
        summary: '单位名称匹配建议（名称、别名、全称、前缀、简称、相近）',
        params: planImportParamsSchema,
        querystring: unitSuggestionsQuerySchema,
        response: { 200: unitSuggestionsSchema, ...errorResponses },
      },
    },
    async (request) => {
      const { name } = request.query;
      const names = name === undefined ? undefined : [name].flat();
      return { items: await suggestPlanImportUnits(db, actorOf(request), request.params.draftId, names) };
    },
  );
  app.post(
    '/api/plan-imports/:draftId/confirm',
    {
      bodyLimit: JSON_LIMIT,
      schema: {
        tags,
        summary: '确认生效：建立缺少的单位和方案（一个事务，已确认的草稿不能再确认）',
        params: planImportParamsSchema,
        body: planImportReviewSchema,
        response: { 201: planImportConfirmedSchema, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await confirmPlanImport(db, actorOf(request), request.params.draftId, request.body, auditContext(request)),
        ),
  );
};
