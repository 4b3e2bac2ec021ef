import type { Role } from '@innocity/shared/api/auth';
import type { ReportingMatrixFixtures } from './modules/reporting/reporting-test-kit.ts';
import { matrixPdfUpload } from './modules/reporting/reporting-test-kit.ts';

/**
 * The authorization matrix: one entry per API route, keyed "METHOD /url/:pattern" exactly as the
 * route is registered. authz-matrix.test.ts calls every route as every role, as an anonymous
 * visitor and as a reporter of another unit, and fails for a route without an entry here.
 *
 * To add a route: copy a similar entry, say who may call it (`access`), and give a sample request
 * that succeeds (2xx) for an allowed caller. Use the fixtures for ids; make bodies unique per
 * caller (`c.name`) where a second success would clash (usernames, codes). An allowed call that
 * changes any table must also leave an audit row with its request id.
 */

/** public: anyone, signed in or not; signed-in: every role; or the roles allowed. */
export type Access = 'public' | 'signed-in' | readonly Role[];

/**
 * Besides one caller per role (granted across the whole deployment): a reporter of another unit, an
 * anonymous visitor, and the office and a reporter of another county (丹阳市), which are refused
 * every route that names Jurong's plan, units or rows, or the deployment admin's import draft (the
 * region fence, regions/region-scope.hook.ts). And two 省级查看 granted in a region: one of 江苏省
 * (reaches Jurong: allowed as province_viewer is) and one of 常州市 (another 设区市: refused, like the
 * other county's office, wherever Jurong is named).
 */
export type CallerName =
  | Role
  | 'anonymous'
  | 'reporterOfOtherUnit'
  | 'officeOfOtherCounty'
  | 'reporterOfOtherCounty'
  | 'provinceViewer'
  | 'viewerOfOtherCity';

/** Ids made for the matrix before it runs. */
export interface MatrixFixtures {
  /** 下蜀镇: the unit of the matrix's reporter and approver. */
  unitId: string;
  /** 白兔镇: the unit of `reporterOfOtherUnit`. */
  otherUnitId: string;
  planId: string;
  /** A reporter of 下蜀镇 whom the admin edits and resets. */
  userId: string;
  /** A leaf unit made for the matrix to edit, move, disable and enable. */
  editableUnitId: string;
  /** Regions: 镇江市 (a 设区市 above Jurong) and a county made for the matrix to rename. */
  region: { cityId: string; editableId: string };
  /** An account that only signs in. */
  login: { username: string; password: string };
  /** 市科技局 (keeps most ledgers), one of its 高新技术企业 rows, and a workbook that imports cleanly. */
  ledger: { unitId: string; rowId: string; workbook: Buffer };
  /** A plan import draft (the made-up county's plan) and a review body that confirms it. */
  planImport: { draftId: string; review: object };
  /** The 2025 scheme (version 1) with one adjustment and one published score set; a published bulletin and three drafts. */
  assessment: {
    schemeId: string;
    adjustmentId: string;
    publicationId: string;
    bulletinId: string;
    draftToEdit: string;
    draftToPublish: string;
    draftToDelete: string;
  };
  /** Work items, a meeting, an inspection, rounds and 下蜀镇's submissions with evidence (reporting-test-kit.ts). */
  reporting: ReportingMatrixFixtures;
}

export interface Caller {
  name: CallerName;
  /** The caller's current password (empty for anonymous). */
  password: string;
}

export interface Sample {
  url: string;
  /** A JSON body, or a string/Buffer with `headers` naming its content type (multipart uploads). */
  payload?: unknown;
  headers?: Record<string, string>;
}

export interface RouteCase {
  access: Access;
  /** The route acts on the sample's unit: a reporter of another unit is refused although reporters are allowed. */
  unitScoped?: boolean;
  sample: (f: MatrixFixtures, c: Caller) => Sample;
  /** Statuses besides 2xx that an allowed call may answer (say why in a comment). */
  allowedAlso?: number[];
  /** Call in a new session, because the route ends the session it is called in. */
  freshSession?: boolean;
  /**
   * Why the office of another county may call this route although its sample names Jurong's data
   * (say why: e.g. an import draft belongs to no county until it is confirmed).
   */
  crossCounty?: string;
}

const ADMIN: readonly Role[] = ['admin'];
const REGION_ADMINS: readonly Role[] = ['admin', 'province_admin'];
const PROVINCE: readonly Role[] = ['admin', 'province_viewer'];
const AUDIT_READERS: readonly Role[] = ['admin', 'inspector'];
const OFFICE: readonly Role[] = ['admin', 'office'];
/** Who reads every unit's material: the county's board, and 省级查看 (which reads and never writes). */
const BOARD: readonly Role[] = ['admin', 'office', 'leader', 'inspector', 'province_viewer'];

const MATRIX_SCHEME = {
  name: '矩阵考核方案',
  items: [
    {
      id: 'tasks',
      name: '任务',
      measure: 'task_completion',
      weight: 50,
      rule: { kind: 'linear', zeroAt: 0, fullAt: 1 },
    },
    {
      id: 'indicators',
      name: '指标',
      measure: 'indicator_progress',
      weight: 50,
      rule: { kind: 'linear', zeroAt: 0, fullAt: 1 },
    },
  ],
  maxBonus: 5,
  maxDeduction: 5,
};
const MATRIX_BULLETIN_TEXT = {
  issuer: '句容市科技创新委员会办公室',
  title: '关于矩阵测试的通报',
  recipients: '各镇（街道）、园区，市各有关部门',
  blocks: [{ kind: 'paragraph', text: '矩阵测试。' }],
  signature: '句容市科技创新委员会办公室',
  date: '2025-10-10',
  cc: null,
  printer: '句容市科技创新委员会办公室',
};

export const AUTHZ_MATRIX: Record<string, RouteCase> = {
  // platform
  'GET /api/health': { access: 'public', sample: () => ({ url: '/api/health' }) },
  'GET /api/openapi.json': { access: 'public', sample: () => ({ url: '/api/openapi.json' }) },

  // 省级视图: the whole region's counties (no Jurong id named, so every viewer may call it); the
  // fence for a named region is the service's (province.routes.test.ts).
  'GET /api/province/overview': { access: PROVINCE, sample: () => ({ url: '/api/province/overview' }) },
  'GET /api/province/export': { access: PROVINCE, sample: () => ({ url: '/api/province/export' }) },

  // auth
  'POST /api/auth/login': { access: 'public', sample: (f) => ({ url: '/api/auth/login', payload: f.login }) },
  'GET /api/auth/me': { access: 'public', sample: () => ({ url: '/api/auth/me' }) },
  'POST /api/auth/logout': { access: 'signed-in', freshSession: true, sample: () => ({ url: '/api/auth/logout' }) },
  // The same password again: passes every check up to the last rule (400) and changes nothing.
  'POST /api/auth/password': {
    access: 'signed-in',
    allowedAlso: [400],
    sample: (_f, c) => ({ url: '/api/auth/password', payload: { oldPassword: c.password, newPassword: c.password } }),
  },

  // plans
  'GET /api/plans': { access: 'signed-in', sample: () => ({ url: '/api/plans' }) },
  'GET /api/plans/:planId': { access: 'signed-in', sample: (f) => ({ url: `/api/plans/${f.planId}` }) },
  'GET /api/plans/:planId/settings': { access: OFFICE, sample: (f) => ({ url: `/api/plans/${f.planId}/settings` }) },
  'PUT /api/plans/:planId/settings': {
    access: OFFICE,
    sample: (f, c) => ({
      url: `/api/plans/${f.planId}/settings`,
      payload: {
        wording: {
          issuer: '句容市科技创新委员会办公室',
          issuerShort: '市科创委办公室',
          level: '市',
          programme: '示范市',
          recipients: `各镇（街道）、园区，市各有关部门（${c.name}）`,
          cc: '市委办公室，市人民政府办公室',
          printer: '句容市科技创新委员会办公室',
        },
      },
    }),
  },
  // 沿用上一轮方案: the matrix has one plan per county, so the sample names the plan as its own source,
  // which the service refuses (409) only after the caller passed the fence and the policy.
  'GET /api/plans/:planId/carry-over': {
    access: OFFICE,
    allowedAlso: [409],
    sample: (f) => ({ url: `/api/plans/${f.planId}/carry-over?sourcePlanId=${f.planId}` }),
  },
  'POST /api/plans/:planId/carry-over': {
    access: OFFICE,
    allowedAlso: [409],
    sample: (f) => ({
      url: `/api/plans/${f.planId}/carry-over`,
      payload: { sourcePlanId: f.planId, ledgerTypes: ['high-tech-enterprises'] },
    }),
  },
  'GET /api/plans/:planId/indicator-catalogue': {
    access: 'signed-in',
    sample: (f) => ({ url: `/api/plans/${f.planId}/indicator-catalogue` }),
  },
  'PUT /api/plans/:planId/indicators/:indicatorId/catalogue-code': {
    access: OFFICE,
    sample: (f) => ({
      url: `/api/plans/${f.planId}/indicators/high-tech-enterprises/catalogue-code`,
      payload: { catalogueCode: 'high-tech-enterprises' },
    }),
  },

  // regions
  'GET /api/regions': { access: 'signed-in', sample: () => ({ url: '/api/regions' }) },
  'POST /api/regions': {
    access: REGION_ADMINS,
    sample: (f, c) => ({
      url: '/api/regions',
      payload: { name: `矩阵县-${c.name}`, level: 'county', parentId: f.region.cityId },
    }),
  },
  'PATCH /api/regions/:regionId': {
    access: REGION_ADMINS,
    sample: (f, c) => ({ url: `/api/regions/${f.region.editableId}`, payload: { name: `矩阵改名县-${c.name}` } }),
  },

  // units
  'GET /api/units': { access: 'signed-in', sample: () => ({ url: '/api/units' }) },
  'POST /api/units': {
    access: ADMIN,
    sample: (_f, c) => ({
      url: '/api/units',
      payload: { code: `matrix-${c.name.toLowerCase().replace(/_/g, '-')}`, name: `矩阵单位-${c.name}`, kind: 'other' },
    }),
  },
  'PATCH /api/units/:unitId': {
    access: ADMIN,
    sample: (f, c) => ({ url: `/api/units/${f.editableUnitId}`, payload: { aliases: [`别名-${c.name}`] } }),
  },
  'POST /api/units/:unitId/move': {
    access: ADMIN,
    sample: (f) => ({ url: `/api/units/${f.editableUnitId}/move`, payload: { parentId: null } }),
  },
  'POST /api/units/:unitId/disable': {
    access: ADMIN,
    sample: (f) => ({ url: `/api/units/${f.editableUnitId}/disable` }),
  },
  'POST /api/units/:unitId/enable': {
    access: ADMIN,
    sample: (f) => ({ url: `/api/units/${f.editableUnitId}/enable` }),
  },

  // users
  // A 省级管理员 lists the county admins of its subtree (user.policy.ts); everything else on accounts is the admin's.
  'GET /api/users': { access: REGION_ADMINS, sample: () => ({ url: '/api/users' }) },
  'GET /api/users/:userId': { access: ADMIN, sample: (f) => ({ url: `/api/users/${f.userId}` }) },
  'POST /api/users': {
    access: ADMIN,
    sample: (f, c) => ({
      url: '/api/users',
      payload: {
        username: `matrix-${c.name}`,
        displayName: `矩阵-${c.name}`,
        roles: ['reporter'],
        unitIds: [f.unitId],
        initialPassword: 'Matrix-Pass-2025!',
      },
    }),
  },
  'PATCH /api/users/:userId': {
    access: ADMIN,
    sample: (f, c) => ({ url: `/api/users/${f.userId}`, payload: { displayName: `改名-${c.name}` } }),
  },
  'POST /api/users/:userId/password-reset': {
    access: ADMIN,
    sample: (f) => ({
      url: `/api/users/${f.userId}/password-reset`,
      payload: { temporaryPassword: 'Matrix-Temp-2025!' },
    }),
  },

  // system
  'GET /api/system': { access: 'public', sample: () => ({ url: '/api/system' }) },

  // indicators and data elements
  'GET /api/plans/:planId/indicators': {
    access: 'signed-in',
    sample: (f) => ({ url: `/api/plans/${f.planId}/indicators?asOf=2024-06-30` }),
  },
  // Every role searches; each kind of hit is filtered by its own screen's rules (search.routes.test.ts).
  'GET /api/search': {
    access: 'signed-in',
    sample: (f) => ({ url: `/api/search?q=${encodeURIComponent('科技')}&planId=${f.planId}` }),
  },
  'GET /api/plans/:planId/indicators/export': {
    access: 'signed-in',
    sample: (f) => ({ url: `/api/plans/${f.planId}/indicators/export?asOf=2024-06-30` }),
  },
  'GET /api/plans/:planId/indicators/:indicatorId': {
    access: 'signed-in',
    sample: (f) => ({ url: `/api/plans/${f.planId}/indicators/high-tech-enterprises?asOf=2024-06-30` }),
  },
  'GET /api/plans/:planId/indicators/:indicatorId/rows': {
    access: 'signed-in',
    sample: (f) => ({ url: `/api/plans/${f.planId}/indicators/high-tech-enterprises/rows?pageSize=5` }),
  },
  'PUT /api/plans/:planId/indicators/:indicatorId/baseline': {
    access: OFFICE,
    sample: (f) => ({
      url: `/api/plans/${f.planId}/indicators/high-tech-enterprises/baseline`,
      payload: { value: 100, year: 2021 },
    }),
  },
  'PUT /api/plans/:planId/indicators/:indicatorId/target': {
    access: OFFICE,
    // Each allowed caller moves the target to a value of its own: an unchanged target is refused.
    sample: (f, c) => ({
      url: `/api/plans/${f.planId}/indicators/high-tech-enterprises/target`,
      payload: { value: 180 + c.name.length, targetDate: '2025-12-31', reason: '方案修订' },
    }),
  },
  'PUT /api/plans/:planId/indicators/:indicatorId/milestones': {
    access: OFFICE,
    sample: (f) => ({
      url: `/api/plans/${f.planId}/indicators/high-tech-enterprises/milestones`,
      payload: { items: [{ year: 2023, value: 150 }] },
    }),
  },
  'GET /api/plans/:planId/data-elements': {
    access: 'signed-in',
    sample: (f) => ({ url: `/api/plans/${f.planId}/data-elements` }),
  },
  'GET /api/plans/:planId/data-elements/:elementId/versions': {
    access: 'signed-in',
    sample: (f) => ({ url: `/api/plans/${f.planId}/data-elements/gdp/versions` }),
  },
  // Reporters write only elements their own unit reports, and no Jurong element is reported by
  // 下蜀镇 (the matrix's unit), so this sample refuses them; data-element.routes.test.ts covers
  // a reporter writing their own unit's element. Identical values on the second call add nothing.
  'POST /api/plans/:planId/data-element-values': {
    access: OFFICE,
    sample: (f) => ({
      url: `/api/plans/${f.planId}/data-element-values`,
      payload: { items: [{ element: 'gdp', period: '2021', value: 700, source: '矩阵' }] },
    }),
  },

  // ledgers. Jurong's ledgers are kept by city departments, none by 下蜀镇 (the matrix's unit), so
  // the matrix's reporter is refused every write; ledger-row.routes.test.ts and
  // ledger-import.routes.test.ts cover a reporter writing their own unit's ledger.
  'GET /api/plans/:planId/ledgers': { access: 'signed-in', sample: (f) => ({ url: `/api/plans/${f.planId}/ledgers` }) },
  'GET /api/plans/:planId/ledgers/:typeCode/rows': {
    access: 'signed-in',
    sample: (f) => ({ url: `/api/plans/${f.planId}/ledgers/high-tech-enterprises/rows?pageSize=5` }),
  },
  'POST /api/plans/:planId/ledgers/:typeCode/rows': {
    access: OFFICE,
    sample: (f, c) => ({
      url: `/api/plans/${f.planId}/ledgers/high-tech-enterprises/rows`,
      payload: {
        unitId: f.ledger.unitId,
        values: { certificateNo: `GR-${c.name}`, company: `矩阵-${c.name}`, certifiedOn: '2024-01-02' },
      },
    }),
  },
  'GET /api/plans/:planId/ledgers/:typeCode/rows/:rowId': {
    access: 'signed-in',
    sample: (f) => ({ url: `/api/plans/${f.planId}/ledgers/high-tech-enterprises/rows/${f.ledger.rowId}` }),
  },
  'PUT /api/plans/:planId/ledgers/:typeCode/rows/:rowId': {
    access: OFFICE,
    sample: (f, c) => ({
      url: `/api/plans/${f.planId}/ledgers/high-tech-enterprises/rows/${f.ledger.rowId}`,
      payload: {
        values: { certificateNo: 'GR-MATRIX', company: '矩阵科技有限公司', certifiedOn: '2023-05-10', note: c.name },
      },
    }),
  },
  // The first allowed caller deletes the row; the second finds it gone (404).
  'DELETE /api/plans/:planId/ledgers/:typeCode/rows/:rowId': {
    access: OFFICE,
    allowedAlso: [404],
    sample: (f) => ({ url: `/api/plans/${f.planId}/ledgers/high-tech-enterprises/rows/${f.ledger.rowId}` }),
  },
  'GET /api/plans/:planId/ledgers/:typeCode/template.xlsx': {
    access: 'signed-in',
    sample: (f) => ({ url: `/api/plans/${f.planId}/ledgers/incubators/template.xlsx` }),
  },
  'GET /api/plans/:planId/ledgers/:typeCode/export.xlsx': {
    access: 'signed-in',
    sample: (f) => ({ url: `/api/plans/${f.planId}/ledgers/high-tech-enterprises/export.xlsx` }),
  },
  'POST /api/plans/:planId/ledgers/:typeCode/import': {
    access: OFFICE,
    sample: (f) => {
      const boundary = 'matrix-ledger-boundary';
      const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="ledger.xlsx"\r\nContent-Type: application/octet-stream\r\n\r\n`;
      return {
        url: `/api/plans/${f.planId}/ledgers/high-tech-enterprises/import?unitId=${f.ledger.unitId}`,
        payload: Buffer.concat([Buffer.from(head), f.ledger.workbook, Buffer.from(`\r\n--${boundary}--\r\n`)]),
        headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
      };
    },
  },

  // plan import (方案导入). Entries run in this order: the review is saved before it is confirmed.
  'POST /api/plan-imports': {
    access: OFFICE,
    sample: (_f, c) => ({
      url: '/api/plan-imports',
      payload: {
        text: `青石县科技创新行动计划\n\n二、重点任务\n\n1. 建设研发平台。（责任单位：县科技局）`,
        fileName: `矩阵-${c.name}.md`,
      },
    }),
  },
  'GET /api/plan-imports': { access: OFFICE, sample: () => ({ url: '/api/plan-imports' }) },
  'GET /api/plan-imports/:draftId': {
    access: OFFICE,
    sample: (f) => ({ url: `/api/plan-imports/${f.planImport.draftId}` }),
  },
  'PUT /api/plan-imports/:draftId': {
    access: OFFICE,
    sample: (f) => ({ url: `/api/plan-imports/${f.planImport.draftId}`, payload: f.planImport.review }),
  },
  'GET /api/plan-imports/:draftId/unit-suggestions': {
    access: OFFICE,
    sample: (f) => ({ url: `/api/plan-imports/${f.planImport.draftId}/unit-suggestions` }),
  },
  // The first allowed caller puts the plan in force; a draft is confirmed once, so the second gets 409.
  'POST /api/plan-imports/:draftId/confirm': {
    access: OFFICE,
    allowedAlso: [409],
    sample: (f) => ({ url: `/api/plan-imports/${f.planImport.draftId}/confirm`, payload: f.planImport.review }),
  },

  // assessment (考核). Saves carry the version they read, so the second allowed caller of a save gets 409.
  'GET /api/plans/:planId/assessment/schemes': {
    access: 'signed-in',
    sample: (f) => ({ url: `/api/plans/${f.planId}/assessment/schemes` }),
  },
  // One scheme per plan and year: the second allowed caller finds the year taken (409).
  'POST /api/plans/:planId/assessment/schemes': {
    access: OFFICE,
    allowedAlso: [409],
    sample: (f) => ({ url: `/api/plans/${f.planId}/assessment/schemes`, payload: { year: 2024 } }),
  },
  'GET /api/assessment/schemes/:schemeId': {
    access: 'signed-in',
    sample: (f) => ({ url: `/api/assessment/schemes/${f.assessment.schemeId}` }),
  },
  'PUT /api/assessment/schemes/:schemeId': {
    access: OFFICE,
    allowedAlso: [409],
    sample: (f) => ({
      url: `/api/assessment/schemes/${f.assessment.schemeId}`,
      payload: { version: 1, body: MATRIX_SCHEME },
    }),
  },
  'POST /api/assessment/schemes/:schemeId/adjustments': {
    access: OFFICE,
    sample: (f, c) => ({
      url: `/api/assessment/schemes/${f.assessment.schemeId}/adjustments`,
      payload: {
        unitId: f.unitId,
        kind: 'bonus',
        points: 1,
        reason: `矩阵-${c.name}`,
        evidence: '矩阵',
        date: '2025-06-01',
      },
    }),
  },
  'PUT /api/assessment/adjustments/:adjustmentId': {
    access: OFFICE,
    sample: (f, c) => ({
      url: `/api/assessment/adjustments/${f.assessment.adjustmentId}`,
      payload: {
        unitId: f.unitId,
        kind: 'deduction',
        points: 2,
        reason: `矩阵-${c.name}`,
        evidence: '矩阵',
        date: '2025-06-02',
      },
    }),
  },
  // The first allowed caller deletes the entry; the second finds it gone (404).
  'DELETE /api/assessment/adjustments/:adjustmentId': {
    access: OFFICE,
    allowedAlso: [404],
    sample: (f) => ({ url: `/api/assessment/adjustments/${f.assessment.adjustmentId}` }),
  },
  'GET /api/assessment/schemes/:schemeId/inputs': {
    access: BOARD,
    sample: (f) => ({ url: `/api/assessment/schemes/${f.assessment.schemeId}/inputs?asOf=2025-09-30` }),
  },
  'GET /api/assessment/schemes/:schemeId/scores': {
    access: BOARD,
    sample: (f) => ({ url: `/api/assessment/schemes/${f.assessment.schemeId}/scores?asOf=2025-09-30` }),
  },
  'POST /api/assessment/schemes/:schemeId/publications': {
    access: OFFICE,
    sample: (f, c) => ({
      url: `/api/assessment/schemes/${f.assessment.schemeId}/publications`,
      payload: { label: `矩阵-${c.name}`, asOf: '2025-09-30' },
    }),
  },
  'GET /api/plans/:planId/assessment/publications': {
    access: 'signed-in',
    sample: (f) => ({ url: `/api/plans/${f.planId}/assessment/publications` }),
  },
  'GET /api/assessment/publications/:publicationId': {
    access: 'signed-in',
    sample: (f) => ({ url: `/api/assessment/publications/${f.assessment.publicationId}` }),
  },
  'GET /api/assessment/publications/:publicationId/export': {
    access: 'signed-in',
    sample: (f) => ({ url: `/api/assessment/publications/${f.assessment.publicationId}/export` }),
  },

  // bulletins (情况通报): drafts are the office's; a published one is read by everyone.
  'GET /api/plans/:planId/bulletins': {
    access: 'signed-in',
    sample: (f) => ({ url: `/api/plans/${f.planId}/bulletins` }),
  },
  'POST /api/plans/:planId/bulletins': {
    access: OFFICE,
    sample: (f) => ({ url: `/api/plans/${f.planId}/bulletins`, payload: { periodId: '2025Q3', asOf: '2025-10-10' } }),
  },
  'GET /api/bulletins/:bulletinId': {
    access: 'signed-in',
    sample: (f) => ({ url: `/api/bulletins/${f.assessment.bulletinId}` }),
  },
  'PUT /api/bulletins/:bulletinId': {
    access: OFFICE,
    allowedAlso: [409],
    sample: (f) => ({
      url: `/api/bulletins/${f.assessment.draftToEdit}`,
      payload: { version: 1, text: MATRIX_BULLETIN_TEXT },
    }),
  },
  'DELETE /api/bulletins/:bulletinId': {
    access: OFFICE,
    allowedAlso: [404],
    sample: (f) => ({ url: `/api/bulletins/${f.assessment.draftToDelete}` }),
  },
  // The first allowed caller publishes the draft; the second finds it published (409).
  'POST /api/bulletins/:bulletinId/publish': {
    access: OFFICE,
    allowedAlso: [409],
    sample: (f) => ({ url: `/api/bulletins/${f.assessment.draftToPublish}/publish`, payload: { version: 1 } }),
  },
  'GET /api/bulletins/:bulletinId/files/:kind': {
    access: 'signed-in',
    sample: (f) => ({ url: `/api/bulletins/${f.assessment.bulletinId}/files/docx` }),
  },

  // supervision (督查督办): work items and their sources; unit people read their own units' items.
  'GET /api/work-items': { access: 'signed-in', sample: (f) => ({ url: `/api/work-items?planId=${f.planId}` }) },
  'POST /api/work-items': {
    access: OFFICE,
    sample: (f, c) => ({
      url: '/api/work-items',
      payload: {
        planId: f.planId,
        year: 2025,
        title: `矩阵事项-${c.name}`,
        leadUnitId: f.unitId,
        dueDate: '2025-12-31',
      },
    }),
  },
  'GET /api/work-items/:workItemId': {
    access: [...BOARD, 'reporter', 'approver'],
    unitScoped: true,
    sample: (f) => ({ url: `/api/work-items/${f.reporting.workItemId}` }),
  },
  // The first allowed caller's edit moves the version on; the second holds a stale one (409).
  'PATCH /api/work-items/:workItemId': {
    access: OFFICE,
    allowedAlso: [409],
    sample: (f) => ({
      url: `/api/work-items/${f.reporting.workItemId}`,
      payload: { version: 1, title: '矩阵工作事项（改）' },
    }),
  },
  'POST /api/work-items/:workItemId/cancel': {
    access: OFFICE,
    allowedAlso: [409],
    sample: (f) => ({
      url: `/api/work-items/${f.reporting.cancelItemId}/cancel`,
      payload: { version: 1, reason: '矩阵销号' },
    }),
  },
  // Nothing awaits verification: the check passes and the state refuses (409).
  'POST /api/work-items/:workItemId/verify': {
    access: OFFICE,
    allowedAlso: [409],
    sample: (f) => ({ url: `/api/work-items/${f.reporting.workItemId}/verify`, payload: { version: 2 } }),
  },
  'GET /api/plans/:planId/supervision-settings': {
    access: BOARD,
    sample: (f) => ({ url: `/api/plans/${f.planId}/supervision-settings` }),
  },
  'PUT /api/plans/:planId/supervision-settings': {
    access: OFFICE,
    sample: (f) => ({ url: `/api/plans/${f.planId}/supervision-settings`, payload: { yellowDays: 10 } }),
  },
  'GET /api/meetings': { access: BOARD, sample: (f) => ({ url: `/api/meetings?planId=${f.planId}` }) },
  'GET /api/meetings/:id': { access: BOARD, sample: (f) => ({ url: `/api/meetings/${f.reporting.meetingId}` }) },
  'POST /api/meetings': {
    access: OFFICE,
    sample: (f, c) => ({
      url: '/api/meetings',
      payload: { planId: f.planId, kind: 'joint', title: `矩阵会议-${c.name}`, heldOn: '2025-08-01' },
    }),
  },
  'GET /api/inspections': { access: BOARD, sample: (f) => ({ url: `/api/inspections?planId=${f.planId}` }) },
  'GET /api/inspections/:id': {
    access: BOARD,
    sample: (f) => ({ url: `/api/inspections/${f.reporting.inspectionId}` }),
  },
  'POST /api/inspections': {
    access: [...OFFICE, 'inspector'],
    sample: (f, c) => ({
      url: '/api/inspections',
      payload: { planId: f.planId, kind: 'evaluation', title: `矩阵评估-${c.name}`, heldOn: '2025-08-02' },
    }),
  },
  'GET /api/instructions': { access: BOARD, sample: (f) => ({ url: `/api/instructions?planId=${f.planId}` }) },
  'POST /api/instructions': {
    access: [...OFFICE, 'leader'],
    sample: (f, c) => ({
      url: '/api/instructions',
      payload: {
        planId: f.planId,
        text: `矩阵批示-${c.name}`,
        year: 2025,
        title: '批示事项',
        leadUnitId: f.unitId,
        dueDate: '2025-12-31',
      },
    }),
  },
  'GET /api/supervision/export': {
    access: BOARD,
    sample: (f) => ({ url: `/api/supervision/export?planId=${f.planId}&roundId=${f.reporting.roundId}` }),
  },

  // reporting rounds (填报): drafts are the unit's and the office's; the flow moves them on.
  'GET /api/rounds': { access: 'signed-in', sample: (f) => ({ url: `/api/rounds?planId=${f.planId}` }) },
  'POST /api/rounds': {
    access: OFFICE,
    sample: (f, c) => ({
      url: '/api/rounds',
      payload: { planId: f.planId, periodId: c.name === 'admin' ? '2031Q1' : '2031Q2', cutoffDate: '2031-04-25' },
    }),
  },
  'GET /api/rounds/:roundId': { access: 'signed-in', sample: (f) => ({ url: `/api/rounds/${f.reporting.roundId}` }) },
  'POST /api/rounds/:roundId/close': {
    access: OFFICE,
    allowedAlso: [409],
    sample: (f) => ({ url: `/api/rounds/${f.reporting.closeRoundId}/close` }),
  },
  'GET /api/rounds/:roundId/units': {
    access: BOARD,
    sample: (f) => ({ url: `/api/rounds/${f.reporting.roundId}/units` }),
  },
  'GET /api/rounds/:roundId/units/export': {
    access: BOARD,
    sample: (f) => ({ url: `/api/rounds/${f.reporting.roundId}/units/export` }),
  },
  'GET /api/rounds/:roundId/units/:unitId/submission': {
    access: [...OFFICE, 'reporter', 'approver'],
    unitScoped: true,
    sample: (f) => ({ url: `/api/rounds/${f.reporting.roundId}/units/${f.unitId}/submission` }),
  },
  'GET /api/my-duties': { access: 'signed-in', sample: (f) => ({ url: `/api/my-duties?planId=${f.planId}` }) },
  'GET /api/submissions/:submissionId': {
    access: [...OFFICE, 'reporter', 'approver'],
    unitScoped: true,
    sample: (f) => ({ url: `/api/submissions/${f.reporting.submissionId}` }),
  },
  // The first allowed caller's save moves the version on; later callers hold a stale one (409).
  'PUT /api/submissions/:submissionId': {
    access: [...OFFICE, 'reporter'],
    unitScoped: true,
    allowedAlso: [409],
    sample: (f) => ({ url: `/api/submissions/${f.reporting.submissionId}`, payload: { version: 1, entries: [] } }),
  },
  'POST /api/submissions/:submissionId/attachments': {
    access: [...OFFICE, 'reporter'],
    unitScoped: true,
    sample: (f) => ({ url: `/api/submissions/${f.reporting.submissionId}/attachments`, ...matrixPdfUpload() }),
  },
  'GET /api/attachments/:attachmentId': {
    access: [...OFFICE, 'reporter', 'approver'],
    unitScoped: true,
    sample: (f) => ({ url: `/api/attachments/${f.reporting.attachmentId}` }),
  },
  // The first allowed caller removes it; for the next it is gone (404).
  'DELETE /api/attachments/:attachmentId': {
    access: [...OFFICE, 'reporter'],
    unitScoped: true,
    allowedAlso: [404],
    sample: (f) => ({ url: `/api/attachments/${f.reporting.attachmentToDelete}` }),
  },
  // The first allowed caller sends the draft on; later callers find it already sent (409).
  'POST /api/submissions/:submissionId/:action': {
    access: [...OFFICE, 'reporter'],
    unitScoped: true,
    allowedAlso: [409],
    sample: (f) => ({
      url: `/api/submissions/${f.reporting.flowSubmissionId}/send_for_approval`,
      payload: { version: 1 },
    }),
  },
  'GET /api/timeliness': { access: 'signed-in', sample: (f) => ({ url: `/api/timeliness?planId=${f.planId}` }) },
  'POST /api/urgings': {
    access: OFFICE,
    sample: (f) => ({
      url: '/api/urgings',
      payload: { roundId: f.reporting.roundId, unitIds: [f.unitId], message: '矩阵催办' },
    }),
  },
  'GET /api/urgings': { access: BOARD, sample: (f) => ({ url: `/api/urgings?planId=${f.planId}` }) },
  'GET /api/reporting/units/:unitId': {
    access: [...BOARD, 'reporter', 'approver'],
    unitScoped: true,
    sample: (f) => ({ url: `/api/reporting/units/${f.unitId}?planId=${f.planId}` }),
  },

  // notifications: everyone's own bell; channels and contacts are the admin's.
  'GET /api/notifications': { access: 'signed-in', sample: () => ({ url: '/api/notifications' }) },
  // Each caller may mark only their own; the sample's id is nobody's (404 once the check passed).
  'POST /api/notifications/:notificationId/read': {
    access: 'signed-in',
    allowedAlso: [404],
    sample: () => ({ url: '/api/notifications/not-a-notification/read' }),
  },
  'POST /api/notifications/read-all': { access: 'signed-in', sample: () => ({ url: '/api/notifications/read-all' }) },
  'GET /api/notification-settings': { access: ADMIN, sample: () => ({ url: '/api/notification-settings' }) },
  'PUT /api/notification-settings': {
    access: ADMIN,
    sample: () => ({
      url: '/api/notification-settings',
      payload: {
        email: { enabled: false, host: '', port: 25, secure: false, user: '', from: '' },
        webhook: { enabled: false, format: 'wecom' },
      },
    }),
  },
  'GET /api/unit-contacts': { access: OFFICE, sample: () => ({ url: '/api/unit-contacts' }) },
  'PUT /api/unit-contacts/:unitId': {
    access: ADMIN,
    sample: (f) => ({ url: `/api/unit-contacts/${f.unitId}`, payload: { email: 'xsz@jurong.gov.cn' } }),
  },
  'GET /api/deliveries': { access: OFFICE, sample: () => ({ url: '/api/deliveries' }) },

  // audit: reading only; there is no route that changes or deletes an audit row
  'GET /api/audit': { access: AUDIT_READERS, sample: () => ({ url: '/api/audit?pageSize=5' }) },
  'GET /api/audit/export': {
    access: AUDIT_READERS,
    sample: (f) => ({ url: `/api/audit/export?entityType=user&entityId=${f.userId}` }),
  },

  // Plan lifecycle, last: archiving changes the plan every other entry works on. Jurong's plan came
  // from its pack, so withdrawing it answers 409; archiving succeeds once its target year (2025) has
  // passed, and a second archive answers 409. plan-lifecycle.test.ts covers the transitions.
  'POST /api/plans/:planId/withdraw': {
    access: OFFICE,
    sample: (f) => ({ url: `/api/plans/${f.planId}/withdraw` }),
    allowedAlso: [409],
  },
  'POST /api/plans/:planId/archive': {
    access: OFFICE,
    sample: (f) => ({ url: `/api/plans/${f.planId}/archive` }),
    allowedAlso: [409],
  },
};
