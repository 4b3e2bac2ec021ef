import { sql, type RawBuilder } from 'kysely';

/** Where a named id leads: the region of its plan (or unit, or account), and the plan's status when a plan is behind it. */
export interface IdPlace {
  region_id: string | null;
  plan_status: string | null;
  /** The plan behind the id, when there is one: a write naming it runs under that plan's guard. */
  plan_id: string | null;
}

type Lookup = (id: string) => RawBuilder<IdPlace>;

const viaPlan = (table: string, column = 'plan_id'): Lookup => {
  return (id) =>
    sql<IdPlace>`select p.region_id, p.status as plan_status, p.id as plan_id from ${sql.table(table)} x
      join plans p on p.id = x.${sql.ref(column)} where x.id = ${id}`;
};
const unit: Lookup = (id) =>
  sql<IdPlace>`select region_id, null as plan_status, null as plan_id from units where id = ${id}`;

/**
 * How each id the routes name (in the path, the query or a JSON body, alone or in a list) leads to
 * a region. Keys are the field names the API uses. A route taking a new kind of id adds its field
 * here; the authorization matrix calls every route as the office and a reporter of another county
 * and fails for a route this fence lets through.
 */
export const PLACE_OF: Record<string, Lookup> = {
  planId: (id) => sql<IdPlace>`select region_id, status as plan_status, id as plan_id from plans where id = ${id}`,
  unitId: unit,
  leadUnitId: unit,
  coUnitIds: unit,
  unitIds: unit,
  memberIds: unit,
  parentId: unit,
  indicatorId: viaPlan('indicators'),
  indicatorIds: viaPlan('indicators'),
  elementId: viaPlan('data_elements'),
  taskId: viaPlan('plan_tasks'),
  areaId: viaPlan('plan_areas'),
  rowId: viaPlan('ledger_rows'),
  roundId: viaPlan('reporting_rounds'),
  bulletinId: viaPlan('bulletins'),
  schemeId: viaPlan('assessment_schemes'),
  submissionId: viaPlan('submissions'),
  attachmentId: viaPlan('attachments'),
  meetingId: viaPlan('meetings'),
  inspectionId: viaPlan('inspections'),
  workItemId: viaPlan('work_items'),
  dutyId: (id) =>
    sql<IdPlace>`select p.region_id, p.status as plan_status, p.id as plan_id from round_duties d
      join reporting_rounds r on r.id = d.round_id join plans p on p.id = r.plan_id where d.id = ${id}`,
  adjustmentId: (id) =>
    sql<IdPlace>`select p.region_id, p.status as plan_status, p.id as plan_id from assessment_adjustments a
      join assessment_schemes x on x.id = a.scheme_id join plans p on p.id = x.plan_id where a.id = ${id}`,
  publicationId: (id) =>
    sql<IdPlace>`select p.region_id, p.status as plan_status, p.id as plan_id from assessment_publications a
      join assessment_schemes x on x.id = a.scheme_id join plans p on p.id = x.plan_id where a.id = ${id}`,
  // An account sits where its roles are granted and where its units are; a deployment-wide grant
  // (region null) is beyond every county.
  userId: (id) =>
    sql<IdPlace>`select region_id, null as plan_status, null as plan_id from user_roles where user_id = ${id}
      union all select u.region_id, null as plan_status, null as plan_id from user_units uu join units u on u.id = uu.unit_id
      where uu.user_id = ${id}`,
  // A confirmed import draft belongs to its plan; one under review to whoever uploaded it.
  draftId: (id) =>
    sql<IdPlace>`select p.region_id, null as plan_status, null as plan_id from plan_import_drafts d join plans p on p.id = d.plan_id
      where d.id = ${id}
      union all select r.region_id, null as plan_status, null as plan_id from plan_import_drafts d
      join user_roles r on r.user_id = d.created_by where d.id = ${id} and d.plan_id is null`,
  regionId: (id) =>
    sql<IdPlace>`select id as region_id, null as plan_status, null as plan_id from regions where id = ${id}`,
};

/** Routes whose path names a row as `:id`: what kind of row it is. */
export const ID_PARAM_OF: Record<string, string> = {
  '/api/meetings/:id': 'meetingId',
  '/api/inspections/:id': 'inspectionId',
};

/**
 * Routes that read a field under another meaning than the table above: the region tree's own
 * routes scope regions in their service (a province admin edits below its region, not the region itself).
 */
export const OWN_SCOPING = ['/api/regions'];
