import { describe, expect, it } from 'vitest';
import { importPlanText } from '@innocity/shared/importer/import-plan';
import { packUnitGroupSchema, packUnitSchema, type Comparator } from '@innocity/shared/plan-pack';
import { suggestCatalogueCode } from '@innocity/shared/catalogue/suggest';
import { DEMO_COUNTIES, planText, type DemoCounty } from './county-plans.ts';

// Each demo county's plan goes through the current importer: the header, the tasks with their
// lead and co-operating units, and the targets written into the document must come out. What the
// importer did not read at first (joint issuers, 两办联合发文) is now read by general rules.

type Task = [number: number, area: number, title: string, lead: string, co: string[]];
type Target = [goal: number | null, task: number | null, comparator: Comparator, value: number, unit: string];

interface Expected {
  plan: {
    title: string;
    documentNumber: string;
    issuer: string;
    issuingDate: string;
    region: string;
    targetYear: number;
  };
  tasks: Task[];
  targets: Target[];
  /** Catalogue codes the suggestion proposes for the goal targets, in order (null: none). */
  codes: (string | null)[];
  phases: [string, number, number][];
  measures: number;
}

const EXPECTED: Record<string, Expected> = {
  丹阳市: {
    plan: {
      title: '丹阳市创建省创新型示范市实施方案（2023—2025年）',
      documentNumber: '丹政办发〔2023〕41号',
      issuer: '丹阳市人民政府办公室',
      issuingDate: '2023-03-20',
      region: '丹阳市',
      targetYear: 2025,
    },
    tasks: [
      [1, 1, '实施高新技术企业培育计划', '市科技局', ['市财政局', '市税务局']],
      [2, 1, '推动科技型中小企业扩量提质', '市工信局', ['市科技局', '各镇（街道）']],
      [3, 2, '建设眼镜产业创新中心', '市科技局', ['市发改委', '丹阳经济开发区']],
      [4, 2, '提升高新区创新能级', '丹阳高新区', ['市科技局', '市商务局']],
      [5, 3, '加强知识产权创造和保护', '市市场监管局', ['市科技局', '市司法局']],
      [6, 3, '集聚科技创新人才', '市委人才办', ['市人社局', '市科技局']],
    ],
    targets: [
      [1, null, 'gte', 420, '家'],
      [1, null, 'gt', 900, '家'],
      [2, null, 'gte', 3.1, '%'],
      [2, null, 'gte', 4, '%'],
      [3, null, 'gte', 9, '件'],
      [3, null, 'gt', 30, '亿元'],
      [null, 1, 'gte', 100, '家'],
      [null, 3, 'gte', 50, '家'],
      [null, 6, 'gte', 200, '名'],
      // 保障措施's funding floor: a figure outside goals and tasks becomes a 总体目标 indicator.
      [4, null, 'gte', 2, '亿元'],
    ],
    codes: [
      'high-tech-enterprises',
      'tech-smes',
      'rd-intensity',
      'fiscal-st-share',
      'high-value-patents-per-10k',
      'tech-contract-turnover',
      null, // the funding floor has no standard code
    ],
    phases: [
      ['启动部署阶段', 2023, 2023],
      ['全面推进阶段', 2023, 2024],
      ['评估验收阶段', 2025, 2025],
    ],
    measures: 3,
  },
  扬中市: {
    plan: {
      title: '扬中市建设省创新型示范市三年行动方案（2024—2026年）',
      documentNumber: '扬委办发〔2024〕17号',
      // Issued jointly by the 市委 and 市政府 offices: both are the issuer.
      issuer: '中共扬中市委办公室 扬中市人民政府办公室',
      issuingDate: '2024-02-28',
      region: '扬中市',
      targetYear: 2026,
    },
    tasks: [
      [1, 1, '实施创新型企业梯次培育', '市科技局', ['市工信局', '市财政局']],
      [2, 1, '推动工程电气产业链协同创新', '市工信局', ['市科技局', '扬中高新区']],
      [3, 2, '建设新能源产业创新中心', '扬中高新区', ['市科技局', '市发改委']],
      [4, 2, '提升孵化载体服务能力', '市科技局', ['各镇（街道）']],
      [5, 3, '深化科技金融融合', '市金融监管局', ['市科技局', '市财政局']],
      [6, 3, '强化创新人才支撑', '市委人才办', ['市人社局', '市科技局']],
    ],
    targets: [
      [1, null, 'gte', 260, '家'],
      [1, null, 'gte', 600, '家'],
      [1, null, 'gte', 90, '%'],
      [2, null, 'gte', 3.3, '%'],
      [2, null, 'gte', 60, '%'],
      [2, null, 'gte', 25, '亿元'],
      // 每年遴选重点培育企业50家: an amount after a verb in the task text is a target too.
      [null, 1, 'gte', 50, '家'],
      [null, 2, 'approx', 30, '项'],
      [null, 3, 'gte', 5, '家'],
      [null, 4, 'gte', 4, '家'],
      [null, 5, 'gte', 40, '亿元'],
      [null, 6, 'gte', 30, '个'],
    ],
    codes: [
      'high-tech-enterprises',
      'tech-smes',
      'rd-institution-coverage',
      'rd-intensity',
      'high-tech-output-share',
      'tech-contract-turnover',
    ],
    phases: [
      ['全面启动', 2024, 2024],
      ['重点突破', 2025, 2025],
      ['巩固提升', 2026, 2026],
    ],
    measures: 3,
  },
  溧阳市: {
    plan: {
      title: '溧阳市争创省创新型示范县（市）建设方案（2023—2025年）',
      documentNumber: '溧委办〔2023〕26号',
      issuer: '中共溧阳市委办公室 溧阳市人民政府办公室',
      issuingDate: '2023-04-12',
      region: '溧阳市',
      targetYear: 2025,
    },
    tasks: [
      [1, 1, '建设动力电池产业创新中心', '溧阳高新区', ['市科技局', '市发改委']],
      [2, 1, '完善产业链创新生态', '市工信局', ['市科技局', '各镇（街道）']],
      [3, 2, '实施高企倍增行动', '市科技局', ['市财政局', '市税务局']],
      [4, 2, '促进科技成果转移转化', '市科技局', ['市商务局']],
      [5, 3, '加强科技人才集聚', '市委人才办', ['市人社局', '市科技局']],
      [6, 3, '推动农业科技创新', '市农业农村局', ['市科技局', '天目湖旅游度假区']],
    ],
    targets: [
      [1, null, 'gte', 3, '%'],
      [1, null, 'gte', 5, '%'],
      [2, null, 'gte', 350, '家'],
      [2, null, 'gte', 55, '%'],
      [3, null, 'gt', 10, '件'],
      [3, null, 'gte', 120, '家'],
      [null, 1, 'gte', 20, '项'],
      [null, 2, 'gte', 60, '家'],
      [null, 3, 'gte', 50, '家'],
      [null, 4, 'gte', 20, '亿元'],
      [null, 5, 'gte', 500, '名'],
      [null, 6, 'gte', 72, '%'],
    ],
    codes: [
      'rd-intensity',
      'fiscal-st-share',
      'high-tech-enterprises',
      'high-tech-output-share',
      'high-value-patents-per-10k',
      'provincial-rd-institutions',
    ],
    phases: [
      ['动员部署', 2023, 2023],
      ['全面实施', 2023, 2024],
      ['总结验收', 2025, 2025],
    ],
    measures: 3,
  },
  金坛区: {
    plan: {
      title: '金坛区创建省创新型示范区工作方案（2024—2026年）',
      documentNumber: '坛政办发〔2024〕9号',
      issuer: '常州市金坛区人民政府办公室',
      issuingDate: '2024-02-06',
      region: '金坛区',
      targetYear: 2026,
    },
    tasks: [
      [1, 1, '建设新能源汽车及核心零部件创新中心', '区科技局', ['区工信局', '金坛经济开发区']],
      [2, 1, '打造华罗庚科技园创新核心区', '华罗庚科技园', ['区科技局', '区商务局']],
      [3, 2, '完善科技金融服务体系', '区财政局', ['区科技局', '区金融监管局']],
      [4, 2, '加强知识产权运用保护', '区市场监管局', ['区科技局', '各镇（街道）']],
    ],
    targets: [
      [1, null, 'gte', 3.2, '%'],
      [1, null, 'gte', 2.5, '%'],
      [2, null, 'gte', 400, '家'],
      [2, null, 'gte', 800, '家'],
      [3, null, 'gte', 150, '家'],
      [3, null, 'gte', 6, '家'],
      [null, 1, 'gte', 25, '项'],
      [null, 2, 'gte', 30, '万平方米'],
      [null, 4, 'gte', 12, '件'],
    ],
    codes: [
      'rd-intensity',
      'enterprise-rd-share',
      'high-tech-enterprises',
      'tech-smes',
      'provincial-rd-institutions',
      'provincial-maker-spaces',
    ],
    phases: [
      ['部署启动阶段', 2024, 2024],
      ['攻坚推进阶段', 2024, 2025],
      ['总结提升阶段', 2026, 2026],
    ],
    measures: 2,
  },
};

const tasksOf = (p: ReturnType<typeof importPlanText>): Task[] =>
  p.tasks.map((t) => [t.number, t.areaNumber, t.title, t.leadUnit ?? '', t.coUnits] as Task);
const targetsOf = (p: ReturnType<typeof importPlanText>): Target[] =>
  p.indicators.map((i) => [i.goal, i.task, i.comparator, i.value ?? Number.NaN, i.unit] as Target);

describe.each(DEMO_COUNTIES.map((c) => [c.region, c] as [string, DemoCounty]))('the demo plan of %s', (region, c) => {
  const e = EXPECTED[region]!;
  const p = importPlanText(planText(c));

  it('is marked 示例数据', () => {
    expect(planText(c)).toContain('示例数据');
  });

  it('has a unit tree of the pack format in which every unit the plan names is found', () => {
    for (const u of c.units) packUnitSchema.parse(u);
    for (const g of c.unitGroups) packUnitGroupSchema.parse(g);
    expect(c.units[0]).toMatchObject({ name: region, kind: 'region' });
    const names = new Set([...c.units.map((u) => u.name), ...c.unitGroups.map((g) => g.name)]);
    const missing = p.unitNames.filter((n) => !names.has(n));
    expect(missing).toEqual([]);
    const members = new Set(c.units.map((u) => u.name));
    for (const g of c.unitGroups) for (const m of g.members) expect(members.has(m), m).toBe(true);
  });

  it('imports its tasks with their lead and co-operating units, its phases and measures', () => {
    expect(tasksOf(p)).toEqual(e.tasks);
    expect(p.phases.map((ph) => [ph.name, ph.startYear, ph.endYear])).toEqual(e.phases);
    expect(p.measures).toHaveLength(e.measures);
  });

  it('imports the goal targets, and the catalogue suggests the standard code of each', () => {
    const goalTargets = targetsOf(p).filter((t) => t[0] !== null);
    expect(goalTargets).toEqual(e.targets.filter((t) => t[0] !== null));
    const goalIndicators = p.indicators.filter((i) => i.goal !== null);
    expect(goalIndicators.map((i) => suggestCatalogueCode(i.name, i.unit))).toEqual(e.codes);
  });

  it('reads its header: title with the year range, 文号, every issuer of a joint issue, date, region, target year', () =>
    expect({ ...p.plan }).toEqual(e.plan));
  it('imports every task target', () => expect(targetsOf(p)).toEqual(e.targets));
});
