/** plan_import_drafts as stored: JSON in text columns, timestamps as ISO-8601 UTC text. */
export interface PlanImportDraftsTable {
  id: string;
  file_name: string;
  /** 'draft' while the office reviews it, 'confirmed' once the plan is in force. */
  status: string;
  plan_id: string | null;
  source_text: string;
  /** JSON of the PlanProposal as last saved. */
  proposal: string;
  /** JSON of the saved review (settings and unit mapping), null until first saved. */
  review: string | null;
  title: string | null;
  task_count: number;
  indicator_count: number;
  warning_count: number;
  created_by: string | null;
  created_by_name: string | null;
  confirmed_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface PlanImportTables {
  plan_import_drafts: PlanImportDraftsTable;
}
