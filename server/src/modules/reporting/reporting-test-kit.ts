import type { Role } from '@innocity/shared/api/auth';
import type { Submission } from '@innocity/shared/api/reporting';
import type { WorkItem } from '@innocity/shared/api/supervision';
import { createUser, TEST_PASSWORD } from '../../test/factories.ts';
import {
  createTestApp,
  TEST_ADMIN_PASSWORD,
  type Client,
  type TestApp,
  type TestAppOptions,
} from '../../test/test-app.ts';
import type { PlanPack } from '@innocity/shared/plan-pack';
import { storePackIndicatorData } from '../indicators/indicator-pack.service.ts';

/** A quarterly figure that 市发改委 reports, added for the tests (Jurong's pack has only yearly ones). */
export const NDRC_ELEMENT = 'major-project-investment';

export interface ReportingWorld {
  t: TestApp;
  planId: string;
  unit: (name: string) => Promise<string>;
  as: Record<
    | 'admin'
    | 'office'
    | 'leader'
    | 'inspector'
    | 'ndrcReporter'
    | 'ndrcReporter2'
    | 'ndrcApprover'
    | 'stReporter'
    | 'stApprover',
    Client
  >;
}

/** A fresh app with Jurong's plan, one user per role (市发改委 and 市科技局 for the unit roles) and a 市发改委 quarterly element. */
export async function createReportingWorld(
  dialect: TestApp['dialect'],
  options: TestAppOptions = {},
): Promise<ReportingWorld> {
  const t = await createTestApp(dialect, options);
  const plan = await t.db.selectFrom('plans').select('id').executeTakeFirstOrThrow();
  const unit = async (name: string) =>
    (await t.db.selectFrom('units').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id;
  const ctx = { actor: null, requestId: null, ip: null, now: new Date().toISOString() };
  const element = {
    code: NDRC_ELEMENT,
    name: '重大项目完成投资',
    unit: '亿元',
    periodicity: 'quarter' as const,
    reportingUnit: '市发改委',
    validation: { ratio: false, requiredWith: [] },
  };
  const ndrc = await unit('市发改委');
  // Only the data element: a pack with nothing else in it adds that and changes nothing more.
  const pack = { dataElements: [element], indicators: [] } as unknown as PlanPack;
  await t.db
    .transaction()
    .execute((trx) => storePackIndicatorData(trx, plan.id, pack, async () => new Map([['市发改委', ndrc]]), ctx));
  const make = async (roles: Role[], units: string[] = [], displayName?: string) => {
    const u = await createUser(t.db, { roles, units, displayName });
    return t.login(u.username, TEST_PASSWORD);
  };
  const as = {
    admin: await t.login('admin', TEST_ADMIN_PASSWORD),
    office: await make(['office'], [], '办公室小王'),
    leader: await make(['leader'], [], '李市长'),
    inspector: await make(['inspector'], [], '督查室老张'),
    ndrcReporter: await make(['reporter'], ['市发改委'], '发改委填报员甲'),
    ndrcReporter2: await make(['reporter'], ['市发改委'], '发改委填报员乙'),
    ndrcApprover: await make(['approver'], ['市发改委'], '发改委分管领导'),
    stReporter: await make(['reporter'], ['市科技局'], '科技局填报员'),
    stApprover: await make(['approver'], ['市科技局'], '科技局审核人'),
  };
  return { t, planId: plan.id, unit, as };
}

/** The office decomposes a 2025 work item led by 市发改委 with 市科技局 co-operating. */
export async function createNdrcWorkItem(w: ReportingWorld, over: Record<string, unknown> = {}): Promise<WorkItem> {
  const task = await w.t.db
    .selectFrom('plan_tasks')
    .select('id')
    .where('plan_id', '=', w.planId)
    .where('number', '=', 5)
    .executeTakeFirstOrThrow();
  const res = await w.as.office.request({
    method: 'POST',
    url: '/api/work-items',
    payload: {
      planId: w.planId,
      taskId: task.id,
      year: 2025,
      title: '推进重大科技创新项目建设',
      leadUnitId: await w.unit('市发改委'),
      coUnitIds: [await w.unit('市科技局')],
      dueDate: '2025-12-31',
      expectedEvidence: '项目进度表',
      ...over,
    },
  });
  if (res.statusCode !== 201) throw new Error(`work item: ${res.statusCode} ${res.body}`);
  return res.json() as WorkItem;
}

/** The office opens 2025Q3 with the cut-off given (end of 2025-09-25 Beijing time by default). */
export async function openQ3(w: ReportingWorld, cutoffDate = '2025-09-25') {
  const res = await w.as.office.request({
    method: 'POST',
    url: '/api/rounds',
    payload: { planId: w.planId, periodId: '2025Q3', cutoffDate },
  });
  if (res.statusCode !== 201) throw new Error(`round: ${res.statusCode} ${res.body}`);
  return res.json() as { id: string; title: string; cutoffAt: string; cutoffLabel: string };
}

/** A unit's submission in the round as the client sees it. */
export async function submissionOf(client: Client, roundId: string, unitId: string): Promise<Submission> {
  const res = await client.request({ method: 'GET', url: `/api/rounds/${roundId}/units/${unitId}/submission` });
  if (res.statusCode !== 200) throw new Error(`submission: ${res.statusCode} ${res.body}`);
  return res.json() as Submission;
}

/** Calls a flow step; returns the response. */
export const step = (client: Client, s: { id: string; version: number }, action: string, comment?: string) =>
  client.request({
    method: 'POST',
    url: `/api/submissions/${s.id}/${action}`,
    payload: { version: s.version, ...(comment ? { comment } : {}) },
  });

/** Saves entries; returns the response. */
export const save = (
  client: Client,
  s: { id: string; version: number },
  entries: { dutyId: string; payload: unknown }[],
) => client.request({ method: 'PUT', url: `/api/submissions/${s.id}`, payload: { version: s.version, entries } });

/** What the authorization matrix needs of reporting and supervision: ids around 下蜀镇, the matrix's unit. */
export interface ReportingMatrixFixtures {
  workItemId: string;
  cancelItemId: string;
  meetingId: string;
  inspectionId: string;
  roundId: string;
  closeRoundId: string;
  submissionId: string;
  /** A fresh submission (another round) whose first flow step succeeds. */
  flowSubmissionId: string;
  attachmentId: string;
  attachmentToDelete: string;
}

/** Creates the matrix's reporting fixtures through the API as the office. */
export async function reportingMatrixFixtures(
  office: Client,
  planId: string,
  unitId: string,
): Promise<ReportingMatrixFixtures> {
  const post = async (url: string, payload: unknown, extra: Record<string, unknown> = {}) => {
    const res = await office.request({ method: 'POST', url, payload: payload as object, ...extra });
    if (res.statusCode >= 300) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
    return res.json() as { id: string };
  };
  const item = { year: 2025, leadUnitId: unitId, dueDate: '2025-12-31' };
  const workItemId = (await post('/api/work-items', { planId, title: '矩阵工作事项', ...item })).id;
  const cancelItemId = (await post('/api/work-items', { planId, title: '矩阵待销号事项', ...item })).id;
  const meetingId = (
    await post('/api/meetings', { planId, kind: 'dispatch', title: '矩阵调度会', heldOn: '2025-08-01' })
  ).id;
  const inspectionId = (
    await post('/api/inspections', { planId, kind: 'inspection', title: '矩阵督查', heldOn: '2025-08-02' })
  ).id;
  const roundId = (await post('/api/rounds', { planId, periodId: '2025Q3', cutoffDate: '2025-09-25' })).id;
  const flowRound = (await post('/api/rounds', { planId, periodId: '2025Q4', cutoffDate: '2025-12-25' })).id;
  const closeRoundId = (await post('/api/rounds', { planId, periodId: '2025Q2', cutoffDate: '2025-06-25' })).id;
  const sub = async (round: string) =>
    (
      (await office.request({ method: 'GET', url: `/api/rounds/${round}/units/${unitId}/submission` })).json() as {
        id: string;
      }
    ).id;
  const submissionId = await sub(roundId);
  const pdf = Buffer.from('%PDF-1.4\n%%EOF\n');
  const boundary = '----matrix';
  const body = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="e.pdf"\r\nContent-Type: application/pdf\r\n\r\n`,
    ),
    pdf,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  const upload = () =>
    post(`/api/submissions/${submissionId}/attachments`, body, {
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    });
  return {
    workItemId,
    cancelItemId,
    meetingId,
    inspectionId,
    roundId,
    closeRoundId,
    submissionId,
    flowSubmissionId: await sub(flowRound),
    attachmentId: (await upload()).id,
    attachmentToDelete: (await upload()).id,
  };
}

/** A multipart body with one small PDF, for the matrix's upload sample. */
export function matrixPdfUpload(): { payload: Buffer; headers: Record<string, string> } {
  const boundary = '----matrix-upload';
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="证明.pdf"\r\nContent-Type: application/pdf\r\n\r\n`,
    ),
    Buffer.from('%PDF-1.4\n%%EOF\n'),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}
