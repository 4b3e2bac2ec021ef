import type { FastifyInstance } from 'fastify';
import { validationFailed } from './errors.ts';

const LOCATIONS = { params: '路径参数', query: '查询参数', body: '请求体' } as const;
const LOCATION_ENTRIES = Object.entries(LOCATIONS) as [keyof typeof LOCATIONS, string][];

/** The dotted path of the first string holding a NUL character, or null. */
function findNul(value: unknown, path: string, depth = 0): string | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path || '(根)' : null;
  if (value === null || typeof value !== 'object' || depth > 5000) return null;
  for (const [k, v] of Object.entries(value)) {
    if (k.includes('\u0000')) return path ? `${path}.${k.replaceAll('\u0000', '\\0')}` : k.replaceAll('\u0000', '\\0');
    const found = findNul(v, path ? `${path}.${k}` : k, depth + 1);
    if (found) return found;
  }
  return null;
}

/**
 * Refuses text holding NUL characters before any handler runs: PostgreSQL cannot store them in
 * text columns and failed with a 500 (found by the fuzz test), and no field of the platform
 * means to hold one. One check here instead of one per schema.
 */
export function registerNulRefusal(app: FastifyInstance): void {
  // Callback style: a check with nothing to wait for need not cost every request a promise.
  app.addHook('preValidation', (request, _reply, done) => {
    for (const [where, label] of LOCATION_ENTRIES) {
      const path = findNul(request[where], '');
      if (path) {
        return done(
          validationFailed(`${label}有误：${path} 含有无效的空字符`, [{ path, message: '含有无效的空字符' }]),
        );
      }
    }
    done();
  });
}
