import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import type { FieldIssue } from '@innocity/shared/errors';
import { AppError } from './errors.ts';

const INTERNAL = { error: { code: 'internal', message: '服务器内部错误，请联系管理员' } } as const;
// @fastify/busboy's messages for a malformed multipart body.
const MULTIPART_ERRORS = new Set([
  'Unexpected end of multipart data',
  'Multipart: Boundary not found',
  'Boundary required',
]);
const LOCATION_LABELS: Record<string, string> = {
  body: '请求体',
  querystring: '查询参数',
  params: '路径参数',
  headers: '请求头',
};

/** The one error hook: AppError as is, schema failures as 400 naming each field, anything else a bare 500. */
export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, request, reply) => {
    // A thrown string or number has no fields to inspect; the checks below would themselves throw.
    if (typeof err !== 'object' || err === null) {
      request.log.error({ thrown: String(err) }, 'unexpected non-error thrown');
      return reply.status(500).send(INTERNAL);
    }
    if (err instanceof AppError) {
      return reply.status(err.status).send({ error: { code: err.code, message: err.message, details: err.details } });
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const where = LOCATION_LABELS[err.validationContext ?? 'body'] ?? '请求';
      const issues: FieldIssue[] = err.validation.map((v) => ({
        path: v.instancePath.replace(/^\//, '').replace(/\//g, '.') || '(根)',
        message: v.message ?? '取值无效',
      }));
      const names = issues.map((i) => i.path).join('、');
      return reply
        .status(400)
        .send({ error: { code: 'validation_failed', message: `${where}有误：${names}`, details: { issues } } });
    }
    if (isResponseSerializationError(err)) {
      request.log.error({ err }, 'response did not match its schema');
      return reply.status(500).send(INTERNAL);
    }
    const status = err.statusCode ?? 500;
    if (status === 413) {
      return reply.status(413).send({ error: { code: 'payload_too_large', message: '提交的内容过大' } });
    }
    if (
      status === 415 ||
      (status === 400 &&
        (err.code === 'FST_ERR_CTP_INVALID_JSON_BODY' ||
          err.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' ||
          err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE'))
    ) {
      return reply.status(status).send({ error: { code: 'validation_failed', message: '请求体不是有效的 JSON' } });
    }
    // A cut-off or boundary-less multipart body fails inside the parser as a plain Error (no
    // status): it is the client's malformed upload, not a server fault (found by the fuzz test).
    if (status === 500 && MULTIPART_ERRORS.has(err.message)) {
      return reply.status(400).send({
        error: { code: 'validation_failed', message: '上传的内容不完整或格式有误，请重新选择文件上传' },
      });
    }
    if (status === 429) {
      return reply.status(429).send({ error: { code: 'rate_limited', message: '请求过于频繁，请稍后再试' } });
    }
    if (status >= 400 && status < 500) {
      return reply.status(status).send({ error: { code: 'validation_failed', message: '请求无效' } });
    }
    request.log.error({ err }, 'unexpected error');
    return reply.status(500).send(INTERNAL);
  });
}
