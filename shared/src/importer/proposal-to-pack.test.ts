import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { JURONG_PACK_URL, JURONG_SOURCE, targetKey } from '../../test-fixtures/importer/jurong-expected.ts';
import { planPackSchema, type PlanPack } from '../plan-pack.ts';
import { importPlanText } from './import-plan.ts';
import { proposalToPack } from './proposal-to-pack.ts';

const proposal = importPlanText(JURONG_SOURCE);
const hasPack = existsSync(JURONG_PACK_URL);
const loadPack = (): PlanPack => planPackSchema.parse(JSON.parse(readFileSync(JURONG_PACK_URL, 'utf8')));

describe.runIf(hasPack)('the importer against Jurong’s hand-made pack', () => {
  it('proposes every task with the pack’s title, lead unit and co-units', () => {
    const pack = loadPack();
    const packTasks = pack.areas.flatMap((a) => a.tasks.map((t) => ({ area: a.number, ...t })));
    expect(proposal.tasks.map((t) => [t.number, t.areaNumber, t.title, t.leadUnit, t.coUnits])).toEqual(
      packTasks.map((t) => [t.number, t.area, t.title, t.leadUnit, t.coUnits]),
    );
  });

  it('proposes the pack’s indicators as a multiset of (comparator, value, min, max, unit, goal, task)', () => {
    const pack = loadPack();
    expect(proposal.indicators.map(targetKey).sort()).toEqual(pack.indicators.map(targetKey).sort());
    expect(proposal.indicators.map((i) => i.targetDate).sort()).toEqual(
      pack.indicators.map((i) => i.targetDate).sort(),
    );
  });

  it('proposes the pack’s goals, areas, phases and measures', () => {
    const pack = loadPack();
    expect(proposal.goals.map((g) => [g.number, g.title])).toEqual(pack.goals.map((g) => [g.number, g.title]));
    expect(proposal.areas.map((a) => [a.number, a.title])).toEqual(pack.areas.map((a) => [a.number, a.title]));
    expect(proposal.phases.map((p) => [p.number, p.name, p.startYear, p.endYear])).toEqual(
      pack.phases.map((p) => [p.number, p.name, p.startYear, p.endYear]),
    );
    expect(proposal.measures.map((m) => [m.number, m.title])).toEqual(pack.measures.map((m) => [m.number, m.title]));
  });

  it('turns the proposal into a pack that the pack schema accepts, given the unit tree', () => {
    const pack = loadPack();
    const made = planPackSchema.parse(
      proposalToPack(proposal, pack.units, { code: 'jurong-2022-79', unitGroups: pack.unitGroups }),
    );
    expect(made.plan).toMatchObject({
      code: 'jurong-2022-79',
      title: pack.plan.title,
      documentNumber: pack.plan.documentNumber,
      region: '句容市',
      issuingDate: '2022-12-22',
      baselineYear: 2021,
      targetYear: 2025,
    });
    expect(made.areas.flatMap((a) => a.tasks)).toHaveLength(19);
    expect(made.indicators).toHaveLength(24);
    expect(made.indicators.find((i) => i.task === 8)).toMatchObject({
      code: 't8-1',
      reportingUnit: '市科技局',
      comparator: 'range',
      min: 1,
      max: 2,
    });
  });
});

describe('proposalToPack', () => {
  const units = [
    { code: 'kjj', name: '市科技局', kind: 'department' as const, aliases: ['句容市科学技术局'] },
    { code: 'czj', name: '市财政局', kind: 'department' as const },
  ];

  it('maps unit names written as aliases to the unit tree’s names', () => {
    const one = {
      ...proposal,
      tasks: proposal.tasks.slice(0, 1).map((t) => ({ ...t, leadUnit: '句容市科学技术局', coUnits: ['市财政局'] })),
    };
    const pack = proposalToPack(one, units);
    expect(pack.areas[0]?.tasks[0]).toMatchObject({ leadUnit: '市科技局', coUnits: ['市财政局'] });
  });

  it('leaves what the review has not resolved for the pack schema to report', () => {
    const result = planPackSchema.safeParse(proposalToPack(proposal, units));
    expect(result.success).toBe(false);
    const messages = result.success ? [] : result.error.issues.map((i) => i.message);
    expect(messages).toContain('责任单位不在单位树或单位组中：市发改委');
  });

  it('derives an ASCII plan code from the document number', () => {
    expect(proposalToPack(proposal, units).plan.code).toBe('plan-2022-79');
  });
});
