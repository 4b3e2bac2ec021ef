import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PackUnit, PackUnitGroup } from '@innocity/shared/plan-pack';

// Demo counties of Zhenjiang and Changzhou besides Jurong: real county names and real towns,
// departments and parks; the plan documents beside this file are written for the demo (示例数据)
// and loaded through the importer, as an office would upload its own plan.

const DIR = path.dirname(fileURLToPath(import.meta.url));

interface CountySpec {
  /** Lower-case code prefix of the county's units. */
  code: string;
  region: string;
  /** 设区市 the county belongs to. */
  prefecture: '镇江市' | '常州市';
  /** 市 for a 县级市, 区 for a district: the prefix of its departments' names. */
  level: '市' | '区';
  departments: string[];
  streets: string[];
  towns: string[];
  parks: { name: string; kind: 'park' | 'scenic' }[];
}

export interface DemoCounty {
  region: string;
  prefecture: string;
  /** The plan document, Markdown, as the office would upload it. */
  planFile: string;
  units: PackUnit[];
  /** 各镇（街道）: every town and street of the county. */
  unitGroups: PackUnitGroup[];
}

function tree(s: CountySpec): Pick<DemoCounty, 'units' | 'unitGroups'> {
  const root: PackUnit = { code: s.code, name: s.region, aliases: [], kind: 'region' };
  const under = (names: string[], kind: PackUnit['kind'], tag: string): PackUnit[] =>
    names.map((name, i) => ({
      code: `${s.code}-${tag}${String(i + 1).padStart(2, '0')}`,
      name,
      aliases: [],
      kind,
      parent: s.code,
    }));
  const departments = under(
    s.departments.map((d) => `${s.level}${d}`),
    'department',
    'd',
  );
  const streets = under(s.streets, 'street', 's');
  const towns = under(s.towns, 'town', 't');
  const parks = s.parks.flatMap((p, i) => under([p.name], p.kind, `p${i}`));
  return {
    units: [root, ...departments, ...streets, ...towns, ...parks],
    unitGroups: [{ code: `${s.code}-towns`, name: '各镇（街道）', mode: 'all', members: [...s.towns, ...s.streets] }],
  };
}

const COMMON = ['科技局', '发改委', '工信局', '财政局', '税务局', '商务局', '人社局', '统计局', '市场监管局'];

const SPECS: (CountySpec & { file: string })[] = [
  {
    file: 'danyang-2023.md',
    code: 'danyang',
    region: '丹阳市',
    prefecture: '镇江市',
    level: '市',
    departments: [...COMMON, '司法局', '委人才办'],
    streets: ['云阳街道', '曲阿街道'],
    towns: ['司徒镇', '延陵镇', '珥陵镇', '导墅镇', '皇塘镇', '吕城镇', '陵口镇', '访仙镇', '界牌镇', '丹北镇'],
    parks: [
      { name: '丹阳经济开发区', kind: 'park' },
      { name: '丹阳高新区', kind: 'park' },
    ],
  },
  {
    file: 'yangzhong-2024.md',
    code: 'yangzhong',
    region: '扬中市',
    prefecture: '镇江市',
    level: '市',
    departments: [...COMMON, '金融监管局', '委人才办'],
    streets: ['三茅街道', '兴隆街道'],
    towns: ['新坝镇', '油坊镇', '八桥镇', '西来桥镇'],
    parks: [{ name: '扬中高新区', kind: 'park' }],
  },
  {
    file: 'liyang-2023.md',
    code: 'liyang',
    region: '溧阳市',
    prefecture: '常州市',
    level: '市',
    departments: [...COMMON, '农业农村局', '委人才办'],
    streets: ['溧城街道', '古县街道', '昆仑街道'],
    towns: ['埭头镇', '上黄镇', '戴埠镇', '天目湖镇', '别桥镇', '上兴镇', '竹箦镇', '南渡镇', '社渚镇'],
    parks: [
      { name: '溧阳高新区', kind: 'park' },
      { name: '天目湖旅游度假区', kind: 'scenic' },
    ],
  },
  {
    file: 'jintan-2024.md',
    code: 'jintan',
    region: '金坛区',
    prefecture: '常州市',
    level: '区',
    departments: [...COMMON, '金融监管局'],
    streets: ['西城街道', '东城街道', '开发区街道'],
    towns: ['金城镇', '儒林镇', '直溪镇', '朱林镇', '薛埠镇', '指前镇'],
    parks: [
      { name: '金坛经济开发区', kind: 'park' },
      { name: '华罗庚科技园', kind: 'park' },
    ],
  },
];

export const DEMO_COUNTIES: DemoCounty[] = SPECS.map((s) => ({
  region: s.region,
  prefecture: s.prefecture,
  planFile: path.join(DIR, s.file),
  ...tree(s),
}));

/** The plan document of a demo county, as text. */
export const planText = (c: DemoCounty) => fs.readFileSync(c.planFile, 'utf8');
