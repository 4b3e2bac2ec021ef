import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { PassThrough } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import multipart from '@fastify/multipart';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  LEDGER_IMPORT_MAX_BYTES,
  ledgerImportQuerySchema,
  ledgerImportResultSchema,
  ledgerParamsSchema,
  ledgerUnitQuerySchema,
} from '@innocity/shared/api/ledgers';
import type { Db } from '../../db/connection.ts';
import { actorOf, auditContext } from '../../http/auth-hook.ts';
import { AppError, validationFailed } from '../../http/errors.ts';
import { errorResponses } from '../../http/openapi.ts';
import { prepareLedgerWorkbook, type PreparedWorkbook } from './ledger-export.service.ts';
import { importLedgerRows } from './ledger-import.service.ts';

const tags = ['ledgers'];
const BASE = '/api/plans/:planId/ledgers/:typeCode';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function sendWorkbook(reply: FastifyReply, book: PreparedWorkbook) {
  const out = new PassThrough();
  book.write(out).catch((err: Error) => out.destroy(err));
  const ascii = book.fileName.replace(/[^\x20-\x7e]/g, '_');
  return reply
    .type(XLSX)
    .header(
      'content-disposition',
      `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(book.fileName)}`,
    )
    .send(out);
}

/** A broken multipart body (busboy's plain Error) is the client's fault; file-system errors and Fastify's own stay as they are. */
function uploadError(err: Error & { statusCode?: number; syscall?: string }): Error {
  if (err instanceof AppError || err.statusCode !== undefined || err.syscall !== undefined) return err;
  return validationFailed('上传内容不完整或格式有误，请重新选择文件上传', [
    { path: 'file', message: err.message.slice(0, 200) },
  ]);
}

/** Saves the one uploaded .xlsx to a temporary file (the size limit applies while it streams in). */
async function saveUpload(request: FastifyRequest): Promise<{ file: string; fileName: string }> {
  if (!request.isMultipart())
    throw validationFailed('请以 multipart/form-data 上传 .xlsx 文件', [{ path: 'file', message: '缺少文件' }]);
  const part = await request.file().catch((err: Error) => {
    throw uploadError(err);
  });
  if (!part) throw validationFailed('请选择要导入的 .xlsx 文件', [{ path: 'file', message: '缺少文件' }]);
  if (!/\.xlsx$/i.test(part.filename)) {
    part.file.resume();
    throw validationFailed('只接受 .xlsx 文件（Excel 2007 及以后的格式；.xls 请先另存为 .xlsx）', [
      { path: 'file', message: part.filename },
    ]);
  }
  const file = path.join(os.tmpdir(), `innocity-ledger-${randomUUID()}.xlsx`);
  try {
    await pipeline(part.file, fs.createWriteStream(file));
  } catch (err) {
    await fs.promises.rm(file, { force: true });
    throw uploadError(err as Error);
  }
  if (part.file.truncated) {
    await fs.promises.rm(file, { force: true });
    throw new AppError(
      413,
      'payload_too_large',
      `文件超过 ${LEDGER_IMPORT_MAX_BYTES / 1024 / 1024} MB，请分成几个文件导入`,
    );
  }
  return { file, fileName: part.filename };
}

/** The Excel side of ledgers: template, export, import. Multipart and its larger limit live only in this plugin. */
export const ledgerFileRoutes: FastifyPluginAsyncZod<{ db: Db; demo: boolean }> = async (app, { db, demo }) => {
  await app.register(multipart, { limits: { fileSize: LEDGER_IMPORT_MAX_BYTES, files: 1, fields: 5, parts: 6 } });
  app.get(
    `${BASE}/template.xlsx`,
    {
      schema: {
        tags,
        summary: '下载导入模板（中文表头、下拉选项）',
        params: ledgerParamsSchema,
        response: errorResponses,
      },
    },
    async (request, reply) => {
      const { planId, typeCode } = request.params;
      return sendWorkbook(
        reply,
        await prepareLedgerWorkbook(db, actorOf(request), planId, typeCode, { template: true, demo }),
      );
    },
  );
  app.get(
    `${BASE}/export.xlsx`,
    {
      schema: {
        tags,
        summary: '导出台账（可按单位）',
        params: ledgerParamsSchema,
        querystring: ledgerUnitQuerySchema,
        response: errorResponses,
      },
    },
    async (request, reply) => {
      const { planId, typeCode } = request.params;
      return sendWorkbook(
        reply,
        await prepareLedgerWorkbook(db, actorOf(request), planId, typeCode, {
          template: false,
          unitId: request.query.unitId,
          demo,
        }),
      );
    },
  );
  app.post(
    `${BASE}/import`,
    {
      bodyLimit: LEDGER_IMPORT_MAX_BYTES + 1024 * 1024,
      schema: {
        tags,
        summary: '导入 .xlsx（默认全部校验通过才写入；mode=valid 只导入有效行并返回未导入行；按业务主键更新）',
        params: ledgerParamsSchema,
        querystring: ledgerImportQuerySchema,
        consumes: ['multipart/form-data'],
        response: { 200: ledgerImportResultSchema, ...errorResponses },
      },
    },
    async (request) => {
      const upload = await saveUpload(request);
      try {
        const { planId, typeCode } = request.params;
        return await importLedgerRows(
          db,
          actorOf(request),
          { planId, typeCode, unitId: request.query.unitId, mode: request.query.mode, ...upload },
          auditContext(request),
        );
      } finally {
        await fs.promises.rm(upload.file, { force: true });
      }
    },
  );
};
