import type { FormInstance } from 'antd';
import { ApiError } from './client.ts';

/**
 * Puts the server's field issues (ApiError.issues) on the form fields they name, and a conflict on
 * `conflictField` when given. Returns the message to show above the form, or undefined when every
 * problem already sits on a field.
 */
export function showApiError(
  form: FormInstance,
  err: unknown,
  fields: readonly string[],
  conflictField?: string,
): string | undefined {
  const e = err instanceof ApiError ? err : new ApiError(0, 'internal', String(err));
  const byField = new Map<string, string[]>();
  let unplaced = e.issues.length === 0;
  for (const issue of e.issues) {
    const name = issue.path.split('.')[0] ?? '';
    if (!fields.includes(name)) {
      unplaced = true;
      continue;
    }
    byField.set(name, [...(byField.get(name) ?? []), issue.message]);
  }
  if (e.code === 'conflict' && conflictField) {
    byField.set(conflictField, [e.message]);
    unplaced = false;
  }
  form.setFields([...byField].map(([name, errors]) => ({ name, errors })));
  return unplaced ? e.message : undefined;
}
