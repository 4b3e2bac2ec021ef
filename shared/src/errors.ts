/** Error codes shared by server and web; every error body is { error: { code, message, details? } }. */
export const ERROR_CODES = [
  'validation_failed',
  'unauthenticated',
  'forbidden',
  'not_found',
  'conflict',
  'rate_limited',
  'locked',
  'password_change_required',
  'csrf_failed',
  'payload_too_large',
  'period_closed',
  'internal',
  /** A server-side tool the request needs is not installed (e.g. LibreOffice for PDFs). */
  'unavailable',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** One field-level problem: where (path, or row/column for files) and what, in Chinese. */
export interface FieldIssue {
  path: string;
  message: string;
  row?: number;
  column?: string;
  /** The column's header text in the file, when the issue is about a spreadsheet cell. */
  header?: string;
}

export interface ErrorBody {
  error: { code: ErrorCode; message: string; details?: unknown };
}
