/** Stored shapes of the reporting tables (migration 20261129-0005). */
interface Timestamps {
  created_at: string;
  updated_at: string;
}

export interface ReportingRoundsTable extends Timestamps {
  id: string;
  plan_id: string;
  period_id: string;
  title: string;
  cutoff_at: string;
  remind_days_before: number;
  status: string;
  created_by: string | null;
}
export interface RoundDutiesTable {
  id: string;
  round_id: string;
  unit_id: string;
  kind: string;
  ref_id: string;
  title: string;
  /** JSON object of strings shown with the duty. */
  detail: string;
  position: number;
}
export interface SubmissionsTable extends Timestamps {
  id: string;
  plan_id: string;
  round_id: string;
  unit_id: string;
  status: string;
  version: number;
  revision: number;
  return_comment: string | null;
  first_submitted_at: string | null;
  accepted_at: string | null;
  updated_by: string | null;
}
export interface SubmissionEntriesTable {
  id: string;
  submission_id: string;
  duty_id: string;
  payload: string;
  filled: number;
  updated_by: string | null;
  updated_at: string;
}
export interface SubmissionSnapshotsTable {
  id: string;
  submission_id: string;
  revision: number;
  entries: string;
  accepted_at: string;
  accepted_by: string | null;
}
export interface SubmissionEventsTable {
  id: string;
  submission_id: string;
  round_id: string;
  unit_id: string;
  action: string;
  actor_id: string | null;
  actor_name: string | null;
  at: string;
  comment: string | null;
  /** Duties filled at the moment of the event, for completeness as of a past date. */
  filled: number;
  revision: number;
}
export interface AttachmentsTable extends Timestamps {
  id: string;
  plan_id: string;
  submission_id: string | null;
  duty_id: string | null;
  unit_id: string;
  file_name: string;
  mime: string;
  size: number;
  sha256: string;
  storage_key: string;
  uploaded_by: string | null;
  deleted_at: string | null;
}
/** An evidence file's bytes, in chunks of at most 1 MB (seq from 0), keyed by the attachment's storage_key. */
export interface EvidenceBlobsTable {
  storage_key: string;
  seq: number;
  content: Buffer;
}
export interface UrgingsTable {
  id: string;
  plan_id: string;
  round_id: string | null;
  unit_id: string;
  by_id: string | null;
  by_name: string;
  at: string;
  message: string;
  /** JSON array of { id, title } of the duties still missing when urged. */
  duties: string;
}

export interface ReportingTables {
  reporting_rounds: ReportingRoundsTable;
  round_duties: RoundDutiesTable;
  submissions: SubmissionsTable;
  submission_entries: SubmissionEntriesTable;
  submission_snapshots: SubmissionSnapshotsTable;
  submission_events: SubmissionEventsTable;
  attachments: AttachmentsTable;
  evidence_blobs: EvidenceBlobsTable;
  urgings: UrgingsTable;
}
