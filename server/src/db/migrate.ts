import { Migrator, type Migration, type MigrationProvider } from 'kysely';
import type { Db } from './connection.ts';
import * as foundation from './migrations/20261129-0001-foundation.ts';
import * as accounts from './migrations/20261129-0002-accounts.ts';
import * as indicators from './migrations/20261129-0003-indicators.ts';
import * as ledgers from './migrations/20261129-0004-ledgers.ts';
import * as reporting from './migrations/20261129-0005-reporting.ts';
import * as assessment from './migrations/20261129-0006-assessment.ts';
import * as planImports from './migrations/20261129-0007-plan-imports.ts';
import * as regions from './migrations/20261204-1201-regions.ts';
import * as deliveryRegion from './migrations/20261204-1211-delivery-region.ts';
import * as planSettings from './migrations/20261204-1251-plan-settings.ts';
import * as rateLimits from './migrations/20261204-1501-rate-limits.ts';
import * as smsDigest from './migrations/20261204-1601-sms-digest.ts';
import * as taskDueDate from './migrations/20261204-1301-task-due-date.ts';
import * as dataVersions from './migrations/20261204-1701-data-versions.ts';
import * as carryOver from './migrations/20261204-1291-carry-over.ts';
import * as dataVersionLog from './migrations/20261204-1702-data-version-log.ts';
import * as evidenceBlobs from './migrations/20261204-1711-evidence-blobs.ts';
import * as provinceEvaluations from './migrations/20261204-1202-province-evaluations.ts';
import * as ledgerImportVersionHold from './migrations/20261204-1731-ledger-import-version-hold.ts';
import * as ledgerRowTypePlanKey from './migrations/20261204-1732-ledger-row-type-plan-key.ts';

/** Every migration, in order. Append only; never edit one that has landed. */
const MIGRATIONS: Record<string, Migration> = {
  '20261129-0001-foundation': foundation,
  '20261129-0002-accounts': accounts,
  '20261129-0003-indicators': indicators,
  '20261129-0004-ledgers': ledgers,
  '20261129-0005-reporting': reporting,
  '20261129-0006-assessment': assessment,
  '20261129-0007-plan-imports': planImports,
  '20261204-1201-regions': regions,
  '20261204-1211-delivery-region': deliveryRegion,
  '20261204-1251-plan-settings': planSettings,
  '20261204-1501-rate-limits': rateLimits,
  '20261204-1601-sms-digest': smsDigest,
  '20261204-1301-task-due-date': taskDueDate,
  '20261204-1701-data-versions': dataVersions,
  '20261204-1291-carry-over': carryOver,
  '20261204-1702-data-version-log': dataVersionLog,
  '20261204-1711-evidence-blobs': evidenceBlobs,
  '20261204-1202-province-evaluations': provinceEvaluations,
  '20261204-1731-ledger-import-version-hold': ledgerImportVersionHold,
  '20261204-1732-ledger-row-type-plan-key': ledgerRowTypePlanKey,
};

export const MIGRATION_NAMES = () => Object.keys(MIGRATIONS);

export const provider: MigrationProvider = { getMigrations: async () => MIGRATIONS };

/** Brings the schema up to date; throws with the failing migration's name. */
export async function migrateToLatest(db: Db): Promise<void> {
  // Migrations are named by issue number, so one merged later can sort before one already run.
  const migrator = new Migrator({ db, provider, allowUnorderedMigrations: true });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? '未知';
    throw new Error(`数据库迁移失败（${failed}）：${error instanceof Error ? error.message : String(error)}`);
  }
}
