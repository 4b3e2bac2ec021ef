import type { Generated } from 'kysely';
import type { SupervisionTables } from '../modules/supervision/supervision.table.ts';
import type { ReportingTables } from '../modules/reporting/reporting.table.ts';
import type { NotificationTables } from '../modules/notifications/notification.table.ts';
import type { AssessmentTables } from '../modules/assessment/assessment.table.ts';
import type { PlanImportTables } from '../modules/importer/plan-import.table.ts';
import type { LedgerTables } from '../modules/ledgers/ledger.table.ts';
import type { PlanSettingsTables } from '../modules/plans/plan-settings.table.ts';
import type { DataVersionTables } from '../modules/indicators/data-version.repo.ts';
import type { ProvinceTables } from '../modules/province/province-evaluations.repo.ts';

/** Table types as stored: snake_case, booleans as 0/1, timestamps as ISO-8601 UTC text. */
export interface Database
  extends
    SupervisionTables,
    ReportingTables,
    NotificationTables,
    AssessmentTables,
    PlanImportTables,
    LedgerTables,
    PlanSettingsTables,
    DataVersionTables,
    ProvinceTables {
  regions: RegionsTable;
  units: UnitsTable;
  plans: PlansTable;
  plan_goals: PlanGoalsTable;
  plan_areas: PlanAreasTable;
  plan_tasks: PlanTasksTable;
  unit_groups: UnitGroupsTable;
  unit_group_members: UnitGroupMembersTable;
  task_units: TaskUnitsTable;
  indicators: IndicatorsTable;
  plan_phases: PlanPhasesTable;
  plan_measures: PlanMeasuresTable;
  users: UsersTable;
  user_units: UserUnitsTable;
  user_roles: UserRolesTable;
  sessions: SessionsTable;
  login_throttles: LoginThrottlesTable;
  rate_limits: RateLimitsTable;
  audit_logs: AuditLogsTable;
  data_elements: DataElementsTable;
  data_element_values: DataElementValuesTable;
  indicator_milestones: IndicatorMilestonesTable;
}

interface Timestamps {
  created_at: string;
  updated_at: string;
}

/** 省 → 设区市 → 县（市、区）; level is 'province', 'city' or 'county'. */
export interface RegionsTable extends Timestamps {
  id: string;
  name: string;
  level: string;
  parent_id: string | null;
  sort_order: Generated<number>;
}

export interface UnitsTable extends Timestamps {
  id: string;
  /** The county (or city) whose tree the unit belongs to. */
  region_id: string | null;
  code: string;
  name: string;
  full_name: string | null;
  aliases: string;
  kind: string;
  parent_id: string | null;
  sort_order: number;
  disabled: Generated<number>;
}

export interface PlansTable extends Timestamps {
  id: string;
  code: string;
  title: string;
  document_number: string;
  issuer: string;
  region: string;
  issuing_date: string;
  baseline_year: number;
  target_year: number;
  status: string;
  preamble: string;
  pack_format_version: number;
  pack_hash: string;
  region_id: string | null;
  /** The pack the plan was loaded from, as export-pack writes it. */
  pack_json: string | null;
}

interface PlanPart extends Timestamps {
  id: string;
  plan_id: string;
  number: number;
}

export interface PlanGoalsTable extends PlanPart {
  title: string;
  text: string;
}
export interface PlanAreasTable extends PlanPart {
  title: string;
}
export interface PlanTasksTable extends PlanPart {
  area_id: string;
  title: string;
  text: string;
  /** 完成期限 as a date, where the plan names one. */
  due_date: string | null;
  /** 完成期限 as the plan wrote it ("2025年底", "长期坚持"). */
  due_text: string | null;
}
export interface PlanPhasesTable extends PlanPart {
  name: string;
  start_year: number;
  end_year: number;
  text: string;
}
export interface PlanMeasuresTable extends PlanPart {
  title: string;
  text: string;
}

export interface UnitGroupsTable extends Timestamps {
  id: string;
  plan_id: string;
  code: string;
  name: string;
  mode: string;
}
export interface UnitGroupMembersTable {
  plan_id: string;
  group_id: string;
  unit_id: string;
  position: number;
}
export interface TaskUnitsTable {
  id: string;
  plan_id: string;
  task_id: string;
  role: string;
  position: number;
  unit_id: string | null;
  group_id: string | null;
}

export interface IndicatorsTable extends Timestamps {
  id: string;
  plan_id: string;
  code: string;
  name: string;
  comparator: string;
  target_value: number | null;
  target_min: number | null;
  target_max: number | null;
  unit: string;
  target_date: string;
  goal_id: string | null;
  task_id: string | null;
  reporting_unit_id: string | null;
  source_text: string;
  baseline_value: number | null;
  baseline_year: number | null;
  definition: string | null;
  position: number;
  /** JSON of the indicator's method (indicators/definition.ts); null means 序时进度, linear. */
  method: string | null;
  /** 'pack' or 'office': who set the baseline. */
  baseline_source: string | null;
  baseline_note: string | null;
}

export interface UsersTable extends Timestamps {
  id: string;
  username: string;
  display_name: string;
  phone: string | null;
  password_hash: string;
  must_change_password: number;
  disabled: number;
  password_changed_at: string;
}
export interface UserUnitsTable {
  user_id: string;
  unit_id: string;
}
export interface UserRolesTable {
  user_id: string;
  role: string;
  /** Where the role applies (with its subtree); null only for the deployment's admin. */
  region_id: string | null;
}
export interface SessionsTable {
  id: string;
  user_id: string;
  csrf_token: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  revoked_at: string | null;
  ip: string | null;
  user_agent: string | null;
}
export interface LoginThrottlesTable {
  key: string;
  failures: number;
  first_failure_at: string;
  locked_until: string | null;
}
export interface RateLimitsTable {
  key: string;
  window_start: string;
  hits: number;
}
export interface AuditLogsTable {
  id: Generated<number>;
  at: string;
  actor_id: string | null;
  actor_name: string | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  plan_id: string | null;
  before_json: string | null;
  after_json: string | null;
  request_id: string | null;
  ip: string | null;
}

export interface DataElementsTable extends Timestamps {
  id: string;
  plan_id: string;
  code: string;
  name: string;
  unit: string;
  periodicity: string;
  reporting_unit_id: string | null;
  lag_days: number;
  description: string | null;
  /** JSON: partOf, ratio, requiredWith, jumpThreshold. */
  validation: string;
  position: number;
}
/** One version of a value; created_at is when it was recorded, which is what "as of" reads. */
export interface DataElementValuesTable extends Timestamps {
  id: string;
  plan_id: string;
  element_id: string;
  period: string;
  period_end: string;
  unit_id: string;
  version: number;
  value: number;
  source: string;
  quality: string;
  note: string | null;
  reported_by: string | null;
  reported_by_name: string | null;
  submission_id: string | null;
}
/** An office-set milestone that overrides the interpolated one for its year. */
export interface IndicatorMilestonesTable extends Timestamps {
  id: string;
  plan_id: string;
  indicator_id: string;
  year: number;
  value: number;
  note: string | null;
  set_by: string | null;
  set_by_name: string | null;
}
