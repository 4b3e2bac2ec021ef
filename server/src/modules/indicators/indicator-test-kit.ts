// Test-only helpers for the indicator suites: values and ledger rows recorded at chosen instants.
import type { IndicatorList, IndicatorStatus, RecordValuesInput } from '@innocity/shared/api/indicators';
import { recordValuesInputSchema } from '@innocity/shared/api/indicators';
import type { Db } from '../../db/connection.ts';
import type { Client } from '../../test/test-app.ts';
import { at, unitId } from '../ledgers/ledger-test-kit.ts';
import { createLedgerRow } from '../ledgers/ledger-row.service.ts';
import type { Actor } from '../users/user.repo.ts';
import { recordElementValues } from './element-entry.service.ts';

/** Records element values as if entered at `recordedAt` (UTC ISO). */
export async function recordAt(
  db: Db,
  actor: Actor,
  planId: string,
  recordedAt: string,
  items: RecordValuesInput['items'],
) {
  return recordElementValues(db, actor, planId, recordValuesInputSchema.parse({ items }), at(recordedAt, actor));
}

/** Adds a ledger row for a unit (by name) as if recorded at `recordedAt`. */
export async function ledgerRowAt(
  db: Db,
  actor: Actor,
  planId: string,
  typeCode: string,
  unitName: string,
  recordedAt: string,
  values: Record<string, unknown>,
) {
  return createLedgerRow(
    db,
    actor,
    planId,
    typeCode,
    { unitId: await unitId(db, unitName), values },
    at(recordedAt, actor),
  );
}

/** The values of a maker space (众创空间) in the built-in plan's incubators ledger: one more for the maker-spaces indicator. */
export const makerSpace = (name: string) => ({
  name,
  kind: '众创空间',
  level: '国家级',
  corridor: 'G312',
  recognisedOn: '2024-05-01',
  area: 12,
});

/** The plan's indicators as of a date, through the API, by code. */
export async function indicatorsAsOf(
  client: Client,
  planId: string,
  asOf: string,
): Promise<Map<string, IndicatorStatus>> {
  const res = await client.request({ method: 'GET', url: `/api/plans/${planId}/indicators?asOf=${asOf}` });
  if (res.statusCode !== 200) throw new Error(`indicators: ${res.statusCode} ${res.body}`);
  return new Map((res.json() as IndicatorList).items.map((i) => [i.code, i]));
}
