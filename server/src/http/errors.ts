import type { ErrorCode, FieldIssue } from '@innocity/shared/errors';

/** The one HTTP error type: a status, a code from shared, a Chinese message, optional details. */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

export const notFound = (what: string) => new AppError(404, 'not_found', `${what}不存在`);
export const forbidden = (message = '没有权限执行此操作') => new AppError(403, 'forbidden', message);
export const unauthenticated = (message = '请先登录') => new AppError(401, 'unauthenticated', message);
export const conflict = (message: string, details?: unknown) => new AppError(409, 'conflict', message, details);
export const validationFailed = (message: string, issues: FieldIssue[]) =>
  new AppError(400, 'validation_failed', message, { issues });
