/** Stored shapes of the supervision tables (migration 20261129-0005). */
interface Timestamps {
  created_at: string;
  updated_at: string;
}

export interface WorkItemsTable extends Timestamps {
  id: string;
  plan_id: string;
  task_id: string | null;
  year: number;
  title: string;
  description: string;
  lead_unit_id: string;
  start_date: string;
  due_date: string;
  /** JSON array of { title, dueDate, done }. */
  milestones: string;
  expected_evidence: string;
  /** JSON array of indicator ids. */
  indicator_ids: string;
  source_kind: string;
  source_id: string | null;
  status: string;
  progress: number;
  latest_progress: string | null;
  latest_progress_at: string | null;
  requires_verification: number;
  awaiting_verification: number;
  verified_at: string | null;
  verified_by: string | null;
  closed_reason: string | null;
  version: number;
  created_by: string | null;
}
export interface WorkItemCoUnitsTable {
  work_item_id: string;
  unit_id: string;
  position: number;
}
export interface SupervisionSettingsTable extends Timestamps {
  plan_id: string;
  yellow_days: number;
}
export interface MeetingsTable extends Timestamps {
  id: string;
  plan_id: string;
  kind: string;
  title: string;
  held_on: string;
  attendees: string;
  minutes: string;
  created_by: string | null;
}
export interface InspectionsTable extends Timestamps {
  id: string;
  plan_id: string;
  kind: string;
  title: string;
  held_on: string;
  organizer: string;
  summary: string;
  created_by: string | null;
}
export interface InstructionsTable extends Timestamps {
  id: string;
  plan_id: string;
  leader_id: string;
  leader_name: string;
  text: string;
  work_item_id: string;
}

export interface SupervisionTables {
  work_items: WorkItemsTable;
  work_item_co_units: WorkItemCoUnitsTable;
  supervision_settings: SupervisionSettingsTable;
  meetings: MeetingsTable;
  inspections: InspectionsTable;
  instructions: InstructionsTable;
}
