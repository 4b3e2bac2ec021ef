import type { Me } from '@innocity/shared/api/auth';
import type { LedgerTypeInfo } from '@innocity/shared/api/ledgers';

/** Units for which this user may write rows of the type: every owner for office/admin, their own owning units for a reporter. */
export function writableUnits(user: Me | null, type: LedgerTypeInfo): { id: string; name: string }[] {
  if (!user) return [];
  if (user.roles.includes('admin') || user.roles.includes('office')) return type.owners;
  if (!user.roles.includes('reporter')) return [];
  return type.owners.filter((o) => user.units.some((u) => u.id === o.id));
}
