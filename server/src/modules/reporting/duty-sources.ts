import type { DutyKind, EntryPayload } from '@innocity/shared/api/reporting';
import {
  periodContaining,
  periodEndDate,
  periodLabel,
  previousPeriod,
  mustParsePeriod,
  type Periodicity,
} from '@innocity/shared/indicators/period';
import type { Db } from '../../db/connection.ts';
import { listDataElements } from '../indicators/data-element.service.ts';
import { listLedgerTypes } from '../ledgers/ledger-type.service.ts';
import { listOpenItemsOfYear } from '../supervision/work-item.service.ts';
import type { Actor } from '../users/user.repo.ts';

/** One duty a round will ask of a unit, with an entry already filled when the value is known. */
export interface DutySpec {
  unitId: string;
  kind: DutyKind;
  refId: string;
  title: string;
  detail: Record<string, string>;
  prefill?: EntryPayload;
}

/** The latest period of the element's periodicity that has ended by the round's period end. */
export function elementPeriodFor(periodicity: Periodicity, roundPeriod: string): string {
  const end = periodEndDate(roundPeriod);
  const containing = periodContaining(periodicity, end);
  return periodEndDate(containing) > end ? previousPeriod(containing) : containing;
}

/** Progress for each open work item of the year (lead unit) and the co-units' parts. */
async function workItemDuties(db: Db, planId: string, year: number): Promise<DutySpec[]> {
  const items = await listOpenItemsOfYear(db, planId, year);
  return items.flatMap((w) => [
    {
      unitId: w.leadUnit.id,
      kind: 'progress' as const,
      refId: w.id,
      title: w.title,
      detail: {
        dueDate: w.dueDate,
        task: w.task ? `任务${w.task.number}：${w.task.title}` : '',
        evidence: w.expectedEvidence,
      },
    },
    ...w.coUnits.map((u) => ({
      unitId: u.id,
      kind: 'contribution' as const,
      refId: w.id,
      title: w.title,
      detail: { leadUnit: w.leadUnit.name, dueDate: w.dueDate },
    })),
  ]);
}

/** Each data element for its reporting unit, for the period the round asks of it; a known value pre-fills the entry. */
async function elementDuties(
  db: Db,
  actor: Actor,
  planId: string,
  periodId: string,
  timeZone: string,
): Promise<DutySpec[]> {
  const { items } = await listDataElements(db, actor, planId, { timeZone });
  return items.flatMap((e) => {
    if (!e.reportingUnit) return [];
    const period = elementPeriodFor(e.periodicity, periodId);
    const known = e.values.find((v) => v.period === period && v.unit.id === e.reportingUnit!.id && v.current);
    const prefill = known
      ? { value: String(known.value), quality: known.quality, source: known.source, comment: known.note ?? '' }
      : undefined;
    return [
      {
        unitId: e.reportingUnit.id,
        kind: 'data_element' as const,
        refId: e.code,
        title: e.name,
        detail: { period, periodLabel: periodLabel(period), measure: e.unit },
        prefill,
      },
    ];
  });
}

/** Each ledger type for each unit that keeps it: confirm the register is up to date. */
async function ledgerDuties(db: Db, actor: Actor, planId: string): Promise<DutySpec[]> {
  const types = await listLedgerTypes(db, actor, planId);
  return types.flatMap((t) =>
    t.owners.map((o) => ({
      unitId: o.id,
      kind: 'ledger' as const,
      refId: t.code,
      title: `${t.name}台账`,
      detail: { ledger: t.code },
    })),
  );
}

/** Everything a round of the period asks of every unit, generated from the plan's work items, data elements and ledgers. */
export async function gatherDuties(
  db: Db,
  actor: Actor,
  planId: string,
  periodId: string,
  timeZone: string,
): Promise<DutySpec[]> {
  const year = mustParsePeriod(periodId).year;
  return [
    ...(await workItemDuties(db, planId, year)),
    ...(await elementDuties(db, actor, planId, periodId, timeZone)),
    ...(await ledgerDuties(db, actor, planId)),
  ];
}
