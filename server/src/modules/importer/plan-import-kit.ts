import { readFileSync } from 'node:fs';
import type { Client } from '../../test/test-app.ts';
import type { PlanImportDraft, UnitMapping, UnitSuggestion } from '@innocity/shared/api/plan-imports';
import { preselectMapping } from '@innocity/shared/importer/unit-suggestions';
import type { Db } from '../../db/connection.ts';

/** Test helpers for the importer's route suites. */

/** A multipart body with one file, as a browser sends it (UTF-8 file name). */
export function fileUpload(fileName: string, content: Uint8Array | string, type = 'text/markdown') {
  const boundary = `----innocity${Math.random().toString(16).slice(2)}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: ${type}\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return {
    payload: Buffer.concat([head, Buffer.from(content), tail]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

export async function upload(client: Client, fileName: string, content: Uint8Array | string) {
  return client.request({ method: 'POST', url: '/api/plan-imports', ...fileUpload(fileName, content) });
}

/** The mapping the review screen preselects. */
export const suggestedMapping = (items: UnitSuggestion[]): UnitMapping[] => items.map(preselectMapping);

export async function suggestionsFor(client: Client, draftId: string): Promise<UnitSuggestion[]> {
  const res = await client.request({ method: 'GET', url: `/api/plan-imports/${draftId}/unit-suggestions` });
  if (res.statusCode !== 200) throw new Error(res.body);
  return res.json().items as UnitSuggestion[];
}

/** A review body for a draft: its proposal, a code and the suggested mapping. */
export async function reviewOf(client: Client, draft: PlanImportDraft, code: string) {
  return {
    proposal: draft.proposal,
    settings: { code, baselineYear: draft.defaults.baselineYear },
    units: suggestedMapping(await suggestionsFor(client, draft.id)),
  };
}

/** Row counts of the tables a confirmed import writes, to show that nothing else did. */
export async function planTableCounts(db: Db): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const table of [
    'plans',
    'plan_areas',
    'plan_tasks',
    'task_units',
    'indicators',
    'units',
    'unit_groups',
  ] as const) {
    const row = await db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    out[table] = Number(row.n);
  }
  return out;
}

/** For the authorization matrix: a draft of the made-up county's plan and a review that confirms it. */
export async function planImportMatrixFixtures(admin: Client): Promise<{ draftId: string; review: object }> {
  const text = readFileSync(
    new URL('../../../../shared/test-fixtures/importer/county-plan.md', import.meta.url),
    'utf8',
  );
  const res = await admin.request({ method: 'POST', url: '/api/plan-imports', payload: { text, fileName: '矩阵.md' } });
  if (res.statusCode !== 201) throw new Error(`matrix draft: ${res.statusCode} ${res.body}`);
  const draft = res.json() as PlanImportDraft;
  return { draftId: draft.id, review: await reviewOf(admin, draft, 'matrix-import') };
}
