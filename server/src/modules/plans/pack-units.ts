import type { PlanPack } from '@innocity/shared/plan-pack';

/**
 * The pack's units that the plan refers to (lead and co units, group members, indicators' and data
 * elements' reporting units, ledger owners), with their ancestors. The importer builds its pack from
 * the office's whole unit tree; filed under a new county, only these belong to that county's tree.
 */
export function referencedUnits(pack: PlanPack): PlanPack['units'] {
  const names = new Set<string>([
    ...pack.areas.flatMap((a) => a.tasks.flatMap((t) => [t.leadUnit, ...t.coUnits])),
    ...pack.unitGroups.flatMap((g) => g.members),
    ...pack.indicators.flatMap((i) => (i.reportingUnit ? [i.reportingUnit] : [])),
    ...pack.dataElements.map((d) => d.reportingUnit),
    ...pack.ledgerTypes.flatMap((l) => l.owners),
  ]);
  const byCode = new Map(pack.units.map((u) => [u.code, u]));
  const keep = new Set<string>();
  for (const u of pack.units) {
    if (![u.name, u.fullName, ...u.aliases].some((n) => n !== undefined && names.has(n))) continue;
    for (let at: typeof u | undefined = u; at && !keep.has(at.code); at = at.parent ? byCode.get(at.parent) : undefined)
      keep.add(at.code);
  }
  return pack.units.filter((u) => keep.has(u.code));
}
