import type { Generated } from 'kysely';

/** Table types as stored: snake_case, booleans as 0/1, timestamps as ISO-8601 UTC text. */
export interface Database {
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
  audit_logs: AuditLogsTable;
}

interface Timestamps {
  created_at: string;
  updated_at: string;
}

export interface UnitsTable extends Timestamps {
  id: string;
  code: string;
  name: string;
  full_name: string | null;
  aliases: string;
  kind: string;
  parent_id: string | null;
  sort_order: number;
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
