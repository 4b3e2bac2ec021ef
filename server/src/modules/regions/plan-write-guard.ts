import { CompiledQuery, type DatabaseConnection } from 'kysely';
import type { Dialect } from '../../db/connection.ts';
import { runGuarded, type TransactionGuard } from '../../db/transaction-guard.ts';
import { AppError } from '../../http/errors.ts';

/** Plan statuses whose data no longer changes: an archived plan stays readable; a withdrawn one is a mistaken import. */
export const CLOSED_STATUSES: Record<string, string> = { archived: '已归档', withdrawn: '已撤回' };

/** The refusal (409) of a write to a closed plan, naming it (only after the region check: another county learns nothing). */
export class ClosedPlanError extends AppError {
  constructor(status: string, title?: string) {
    super(
      409,
      'conflict',
      `方案${CLOSED_STATUSES[status] ?? status}，只读${title ? `：「${title}」` : ''}不能再修改其目标、任务、填报、台账、通报、考核或设置`,
    );
  }
}
export const closedPlanError = (status: string, title?: string) => new ClosedPlanError(status, title);

/**
 * The guard for a request that writes to these plans: the first statement of each of its
 * transactions reads their status, and refuses (409) when one is archived or withdrawn. On
 * PostgreSQL the read takes FOR KEY SHARE on the plan rows, held to the end of the transaction:
 * archiving takes the row FOR UPDATE (plan.service.ts), so it waits for every write that has
 * passed this check, and a write that comes after it waits for the archive and then reads the new
 * status (READ COMMITTED re-reads a locked row once it is released). KEY SHARE rather than SHARE:
 * it does not conflict with the writers' own updates of the plan row (settings, carry-over) nor
 * with the KEY SHARE every insert referencing the plan takes anyway, so concurrent writers never
 * deadlock on it. On SQLite the one connection serves one transaction at a time, so a plain read
 * inside the transaction is enough.
 */
export function planWriteGuard(planIds: readonly string[]): TransactionGuard {
  const ids = [...new Set(planIds)].sort();
  return {
    async check(connection: DatabaseConnection, dialect: Dialect) {
      const marks = ids.map((_, i) => (dialect === 'postgres' ? `$${i + 1}` : '?')).join(', ');
      const lock = dialect === 'postgres' ? ' order by id for key share' : '';
      const { rows } = await connection.executeQuery<{ title: string; status: string }>(
        CompiledQuery.raw(`select title, status from plans where id in (${marks})${lock}`, ids),
      );
      const closed = rows.find((r) => r.status in CLOSED_STATUSES);
      if (closed) throw closedPlanError(closed.status, closed.title);
    },
  };
}

/** Runs `fn` as work that writes to these plans (a request's handler; a test's held transaction). */
export function writingToPlans<T>(planIds: readonly string[], fn: () => T): T {
  return planIds.length > 0 ? runGuarded(planWriteGuard(planIds), fn) : fn();
}
