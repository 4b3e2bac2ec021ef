import type { Role } from '@innocity/shared/api/auth';
import { recordValuesInputSchema } from '@innocity/shared/api/indicators';
import type { Db } from '../db/connection.ts';
import type { AuditContext } from '../modules/audit/audit.repo.ts';
import { recordElementValues } from '../modules/indicators/element-entry.service.ts';
import { listIndicatorStatuses, updateBaseline } from '../modules/indicators/indicator.service.ts';
import { createLedgerRow } from '../modules/ledgers/ledger-row.service.ts';
import { createUser } from '../modules/users/user.service.ts';
import { findUserById, findUserByUsername, loadActor, type Actor } from '../modules/users/user.repo.ts';
import { demoSubmissions } from './demo-elements.ts';
import { companyNames, funding, others, projects } from './demo-flows.ts';
import { highTechEnterprises, incubators, rdPlatforms, techSmes, type DemoLedgerRow } from './demo-ledgers.ts';
import { Prng } from './prng.ts';
import { assessmentMoments } from './demo-assessment.ts';
import { bulletinMoments } from './demo-bulletins.ts';
import { reportingMoments } from './demo-reporting.ts';
import { supervisionMoments } from './demo-supervision.ts';
import { timelineSeeder } from './demo-timeline.ts';

/** What every demo seeder gets: the database, the plan, a seeded generator, and the demo's people. */
export interface DemoContext {
  db: Db;
  planId: string;
  prng: Prng;
  admin: Actor;
  /** One reporter per unit name, and the office, the leader and the inspector by username. */
  people: Map<string, Actor>;
  /** One approver (单位审核人) per unit name, for the units that report in rounds. */
  approvers: Map<string, Actor>;
  timeZone: string;
  log: (line: string) => void;
}

export type DemoSeeder = (ctx: DemoContext) => Promise<void>;

/** The password of every demo account; the demo says so on start. */
export const DEMO_PASSWORD = 'Demo-Jurong-2025!';

export const at = (now: string, actor: Actor): AuditContext => ({
  actor: { id: actor.id, displayName: actor.displayName },
  requestId: null,
  ip: null,
  now,
});

const DEMO_PEOPLE: [username: string, displayName: string, roles: Role[], unit: string | null][] = [
  ['office', '科创委办公室（示例）', ['office'], null],
  ['leader', '分管市领导（示例）', ['leader'], null],
  ['inspector', '市委督查室（示例）', ['inspector'], null],
  ['kjj', '市科技局填报员（示例）', ['reporter'], '市科技局'],
  ['tjj', '市统计局填报员（示例）', ['reporter'], '市统计局'],
  ['czj', '市财政局填报员（示例）', ['reporter'], '市财政局'],
  ['gxj', '市工信局填报员（示例）', ['reporter'], '市工信局'],
  ['fgw', '市发改委填报员（示例）', ['reporter'], '市发改委'],
  ['scjgj', '市市场监管局填报员（示例）', ['reporter'], '市市场监管局'],
  ['nyncj', '市农业农村局填报员（示例）', ['reporter'], '市农业农村局'],
  ['rcb', '市人才办填报员（示例）', ['reporter'], '市人才办'],
  ['swj', '市商务局填报员（示例）', ['reporter'], '市商务局'],
  ['rsj', '市人社局填报员（示例）', ['reporter'], '市人社局'],
  ['hyjd', '华阳街道填报员（示例）', ['reporter'], '华阳街道'],
  ['xsz', '下蜀镇填报员（示例）', ['reporter'], '下蜀镇'],
  ['bhz', '宝华镇填报员（示例）', ['reporter'], '宝华镇'],
  ['msz', '茅山镇填报员（示例）', ['reporter'], '茅山镇'],
  ['kfq', '开发区填报员（示例）', ['reporter'], '江苏句容经济开发区'],
];

/** The units that report in rounds: each has an approver, `<reporter's username>-sh` (审核). */
const APPROVED_UNITS = DEMO_PEOPLE.filter(([, , roles]) => roles.includes('reporter'));

async function ensureDemoUser(
  db: Db,
  admin: Actor,
  now: string,
  [username, displayName, roles, unit]: (typeof DEMO_PEOPLE)[number],
  regionId: string | null,
): Promise<Actor> {
  const unitIds = unit
    ? [(await db.selectFrom('units').select('id').where('name', '=', unit).executeTakeFirstOrThrow()).id]
    : [];
  if (!(await findUserByUsername(db, username)))
    await createUser(
      db,
      admin,
      { username, displayName, phone: null, roles, unitIds, regionId, initialPassword: DEMO_PASSWORD },
      at(now, admin),
    );
  const record = await findUserByUsername(db, username);
  return loadActor(db, (await findUserById(db, record!.id))!);
}

/**
 * Creates the demo's accounts (first sign-in asks each for a new password) and loads them as actors,
 * granted in the plan's county: beside the other demo counties, Jurong's office is one county's office.
 */
export async function createDemoPeople(
  db: Db,
  admin: Actor,
  now: string,
  regionId: string | null = null,
): Promise<Pick<DemoContext, 'people' | 'approvers'>> {
  const people = new Map<string, Actor>();
  const approvers = new Map<string, Actor>();
  for (const person of DEMO_PEOPLE)
    people.set(person[3] ?? person[0], await ensureDemoUser(db, admin, now, person, regionId));
  for (const [username, displayName, , unit] of APPROVED_UNITS) {
    const approver: (typeof DEMO_PEOPLE)[number] = [
      `${username}-sh`,
      displayName.replace('填报员', '审核人'),
      ['approver'],
      unit,
    ];
    approvers.set(unit!, await ensureDemoUser(db, admin, now, approver, regionId));
  }
  return { people, approvers };
}

/** Each unit's statistics, entered by its reporter on the day they were reported. */
export const seedElementValues: DemoSeeder = async (c) => {
  const submissions = demoSubmissions(c.prng);
  for (const s of submissions) {
    const actor = c.people.get(s.unitName)!;
    await recordElementValues(
      c.db,
      actor,
      c.planId,
      recordValuesInputSchema.parse({ items: s.items }),
      at(s.recordedAt, actor),
    );
  }
  c.log(`数据元：${submissions.length} 次报送`);
};

/** Every ledger's rows, each recorded a few days to weeks after its event by the owning unit. */
export function demoLedgerRows(prng: Prng): DemoLedgerRow[] {
  const firms = companyNames(prng, 600);
  const rows = [
    ...highTechEnterprises(prng, firms),
    ...techSmes(prng, firms),
    ...incubators(prng),
    ...rdPlatforms(prng, firms),
    ...projects(prng, firms),
    ...funding(prng, firms),
    ...others(prng, firms),
  ];
  return rows.sort((a, b) => a.recordedAt.localeCompare(b.recordedAt));
}

export const seedLedgers: DemoSeeder = async (c) => {
  const rows = demoLedgerRows(c.prng);
  const unitIds = new Map((await c.db.selectFrom('units').select(['id', 'name']).execute()).map((u) => [u.name, u.id]));
  for (const [i, r] of rows.entries()) {
    const actor = c.people.get(r.unitName) ?? c.people.get('office')!;
    await createLedgerRow(
      c.db,
      actor,
      c.planId,
      r.type,
      { unitId: unitIds.get(r.unitName)!, values: r.values },
      at(r.recordedAt, actor),
    );
    if ((i + 1) % 1000 === 0) c.log(`台账：已录入 ${i + 1} / ${rows.length} 条`);
  }
  c.log(`台账：${rows.length} 条`);
};

/** Baselines the office would enter: the ledgers' 2021 year-end figures, marked as synthetic. */
export const seedBaselines: DemoSeeder = async (c) => {
  const office = c.people.get('office')!;
  const list = await listIndicatorStatuses(
    c.db,
    office,
    c.planId,
    { asOf: '2022-01-31' },
    { timeZone: c.timeZone, demo: true },
  );
  let n = 0;
  for (const ind of list.items) {
    const first = ind.series.find((p) => p.period === '2021');
    if (ind.baseline || !first || ind.method.kind === 'threshold') continue;
    await updateBaseline(
      c.db,
      office,
      c.planId,
      ind.id,
      { value: first.value, year: 2021, note: '示例数据：取自台账 2021 年末记录' },
      at('2022-02-15T02:00:00.000Z', office),
    );
    n += 1;
  }
  c.log(`基期值：${n} 项`);
};

/**
 * The demo's seeders, run once, in order, on a fresh demo database. Reporting rounds, work
 * items, meetings, assessments and bulletins: append your module's seeder here.
 */
export const DEMO_SEEDERS: [name: string, seeder: DemoSeeder][] = [
  ['数据元报送', seedElementValues],
  ['台账记录', seedLedgers],
  ['基期值', seedBaselines],
  [
    '工作事项、填报轮次、督查督办、考核与情况通报',
    timelineSeeder([...supervisionMoments, reportingMoments, assessmentMoments, bulletinMoments]),
  ],
];

/** Seeds Jurong's synthetic 2021–2025 history, deterministically for a seed. */
export async function seedDemo(
  c: Omit<DemoContext, 'people' | 'approvers' | 'prng'> & { seed: number },
): Promise<void> {
  const plan = await c.db.selectFrom('plans').select('region_id').where('id', '=', c.planId).executeTakeFirstOrThrow();
  const people = await createDemoPeople(c.db, c.admin, '2022-01-04T01:00:00.000Z', plan.region_id);
  const ctx: DemoContext = { ...c, prng: new Prng(c.seed), ...people };
  for (const [name, seeder] of DEMO_SEEDERS) {
    c.log(`示例数据：${name}……`);
    await seeder(ctx);
  }
}
