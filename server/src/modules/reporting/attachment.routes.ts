import multipart from '@fastify/multipart';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { attachmentParamsSchema, attachmentSchema, submissionParamsSchema } from '@innocity/shared/api/reporting';
import type { FileStoreConfig } from '../../config.ts';
import type { Db } from '../../db/connection.ts';
import { actorOf, auditContext } from '../../http/auth-hook.ts';
import { validationFailed } from '../../http/errors.ts';
import { errorResponses } from '../../http/openapi.ts';
import { deleteAttachment, filesDirOf, openAttachment, uploadAttachment } from './attachment.service.ts';
import { MAX_ATTACHMENT_BYTES } from './file-type.ts';
import { evidenceStore } from './attachment.store.ts';

const tags = ['reporting'];

/** Evidence attachments: upload to a draft, download for those who may read the report, remove from a draft. */
export const attachmentRoutes: FastifyPluginAsyncZod<{ db: Db; dataDir: string; fileStore: FileStoreConfig }> = async (
  app,
  { db, dataDir, fileStore },
) => {
  // Registered in this plugin only: multipart is parsed on the upload route and nowhere else.
  await app.register(multipart, { limits: { fileSize: MAX_ATTACHMENT_BYTES, files: 1, fields: 4, parts: 5 } });
  const filesDir = filesDirOf(dataDir);
  const store = evidenceStore(fileStore);

  app.post(
    '/api/submissions/:submissionId/attachments',
    {
      schema: {
        tags,
        summary: '上传佐证材料（PDF、图片、Office 文件，20 MB 以内）',
        params: submissionParamsSchema,
        querystring: z.object({ dutyId: z.string().max(64).optional() }),
        consumes: ['multipart/form-data'],
        response: { 201: attachmentSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      if (!request.isMultipart())
        throw validationFailed('请以 multipart/form-data 上传文件', [{ path: 'file', message: '缺少文件' }]);
      const part = await request.file();
      if (!part) throw validationFailed('请选择要上传的文件', [{ path: 'file', message: '缺少文件' }]);
      const file = { fileName: part.filename, stream: part.file, truncated: () => part.file.truncated };
      const saved = await uploadAttachment(
        db,
        actorOf(request),
        request.params.submissionId,
        request.query.dutyId ?? null,
        file,
        auditContext(request),
        store,
      );
      return reply.status(201).send(saved);
    },
  );
  app.get(
    '/api/attachments/:attachmentId',
    { schema: { tags, summary: '下载佐证材料', params: attachmentParamsSchema } },
    async (request, reply) => {
      const { record, stream } = await openAttachment(
        db,
        actorOf(request),
        request.params.attachmentId,
        store,
        filesDir,
      );
      return reply
        .type(record.mime)
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(record.fileName)}`)
        .header('x-content-type-options', 'nosniff')
        .send(stream);
    },
  );
  app.delete(
    '/api/attachments/:attachmentId',
    {
      schema: {
        tags,
        summary: '删除草稿中的佐证材料',
        params: attachmentParamsSchema,
        response: { 204: z.null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      await deleteAttachment(db, actorOf(request), request.params.attachmentId, auditContext(request));
      return reply.status(204).send(null);
    },
  );
};
