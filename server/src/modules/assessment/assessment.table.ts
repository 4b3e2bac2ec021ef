/** Stored shapes of the assessment and bulletin tables (migration 20261129-0006). */
interface Timestamps {
  created_at: string;
  updated_at: string;
}

export interface AssessmentSchemesTable extends Timestamps {
  id: string;
  plan_id: string;
  year: number;
  name: string;
  /** JSON of SchemeBody minus name: items, maxBonus, maxDeduction. */
  body: string;
  version: number;
  created_by: string | null;
}

export interface AssessmentAdjustmentsTable extends Timestamps {
  id: string;
  plan_id: string;
  scheme_id: string;
  unit_id: string;
  kind: string;
  points: number;
  reason: string;
  evidence: string;
  date: string;
  created_by: string | null;
}

export interface AssessmentPublicationsTable extends Timestamps {
  id: string;
  plan_id: string;
  scheme_id: string;
  year: number;
  label: string;
  round_id: string | null;
  as_of: string;
  data_version: string;
  scheme_snapshot: string;
  inputs_snapshot: string;
  results: string;
  published_by: string | null;
  published_by_name: string | null;
  published_at: string;
}

export interface BulletinsTable extends Timestamps {
  id: string;
  plan_id: string;
  round_id: string | null;
  period_id: string;
  round_title: string;
  as_of: string;
  status: string;
  year: number;
  issue_number: number | null;
  content: string;
  facts: string;
  data_version: string;
  version: number;
  created_by: string | null;
  published_at: string | null;
  published_by: string | null;
  published_by_name: string | null;
}

export interface BulletinFilesTable {
  bulletin_id: string;
  kind: string;
  /** Base64 of the file's bytes. */
  content: string;
  sha256: string;
  size: number;
  created_at: string;
}

export interface AssessmentTables {
  assessment_schemes: AssessmentSchemesTable;
  assessment_adjustments: AssessmentAdjustmentsTable;
  assessment_publications: AssessmentPublicationsTable;
  bulletins: BulletinsTable;
  bulletin_files: BulletinFilesTable;
}
