import type { RecordValuesInput } from '@innocity/shared/api/indicators';
import { officeHours, type Prng } from './prng.ts';

/** One unit's batch of values, entered at one moment by that unit's reporter. */
export interface DemoSubmission {
  unitName: string;
  recordedAt: string;
  items: RecordValuesInput['items'];
}

export const DEMO_YEARS = [2021, 2022, 2023, 2024, 2025] as const;

/** A smooth series with a little noise: start × growth^i × (1 ± noise). */
function grow(prng: Prng, start: number, growth: number, noise: number, digits: number): number[] {
  return DEMO_YEARS.map((_, i) => Number((start * growth ** i * (1 + (prng.next() * 2 - 1) * noise)).toFixed(digits)));
}

const round = (n: number, digits: number) => Number(n.toFixed(digits));
const stat = (source: string) => ({ source, quality: 'statistical' as const });

/** The synthetic statistics of Jurong 2021–2025: what each unit reports, and when. */
function seriesOf(prng: Prng) {
  const gdp = grow(prng, 720, 1.062, 0.008, 2);
  const output = grow(prng, 1100, 1.07, 0.01, 2);
  const profit = grow(prng, 62, 1.05, 0.04, 2);
  const shares = {
    rd: [2.21, 2.34, 2.45, 2.58, 2.7],
    hiOutput: [0.38, 0.4, 0.425, 0.445, 0.462],
    hiProfit: [0.45, 0.47, 0.49, 0.51, 0.525],
  };
  return {
    gdp,
    output,
    profit,
    rd: gdp.map((g, i) => round((g * shares.rd[i]!) / 100, 2)),
    hiOutput: output.map((o, i) => round(o * shares.hiOutput[i]!, 2)),
    hiProfit: profit.map((p, i) => round(p * shares.hiProfit[i]!, 2)),
    population: DEMO_YEARS.map((_, i) => round(64.5 + 0.15 * i, 2)),
    largeMedium: [86, 88, 89, 91, 92],
    withRd: [48, 53, 58, 62, 65],
    fiscal: grow(prng, 52000, 1.13, 0.015, 0),
    patents: [300, 350, 410, 480, 545],
    cluster: grow(prng, 300, 1.08, 0.01, 2),
    agri: [69.5, 70.0, 70.6, 71.1, 71.6],
  };
}

/**
 * Every submission of element values, oldest first. Some units are late: 农业科技进步贡献率 for
 * 2024 arrives in July 2025 (due end of April), and 2025's R&D spending has not been reported.
 * GDP 2024 is first an estimate, then corrected with the yearbook figure.
 */
export function demoSubmissions(prng: Prng): DemoSubmission[] {
  const s = seriesOf(prng);
  const out: DemoSubmission[] = [];
  DEMO_YEARS.forEach((year, i) => {
    const period = String(year);
    const next = year + 1;
    const at = (from: string, to: string) => officeHours(prng, prng.date(`${next}-${from}`, `${next}-${to}`));
    if (year === 2024)
      out.push({
        unitName: '市统计局',
        recordedAt: at('01-15', '01-25'),
        items: [
          {
            element: 'gdp',
            period,
            value: round(s.gdp[i]! * 0.99, 2),
            source: '2024年统计快报（预估）',
            quality: 'estimated',
          },
        ],
      });
    out.push({
      unitName: '市统计局',
      recordedAt: at('03-20', '04-20'),
      items: [
        {
          element: 'gdp',
          period,
          value: s.gdp[i]!,
          ...stat(`${year}年统计年报`),
          note: year === 2024 ? '以统计年报数更正快报预估数' : null,
        },
        { element: 'industrial-output', period, value: s.output[i]!, ...stat(`${year}年统计年报`) },
        { element: 'high-tech-output', period, value: s.hiOutput[i]!, ...stat(`${year}年统计年报`) },
        { element: 'industrial-profit', period, value: s.profit[i]!, ...stat(`${year}年统计年报`) },
        { element: 'high-tech-profit', period, value: s.hiProfit[i]!, ...stat(`${year}年统计年报`) },
        { element: 'population', period, value: s.population[i]!, ...stat(`${year}年人口变动抽样调查`) },
        { element: 'large-medium-enterprises', period, value: s.largeMedium[i]!, ...stat(`${year}年统计年报`) },
      ],
    });
    if (year < 2025)
      out.push({
        unitName: '市统计局',
        recordedAt: at('09-01', '09-20'),
        items: [{ element: 'rd-spending', period, value: s.rd[i]!, ...stat(`${year}年研发投入统计公报`) }],
      });
    out.push({
      unitName: '市财政局',
      recordedAt: at('03-01', '03-25'),
      items: [{ element: 'fiscal-st-spending', period, value: s.fiscal[i]!, ...stat(`${year}年财政决算`) }],
    });
    out.push({
      unitName: '市市场监管局',
      recordedAt: at('02-01', '02-25'),
      items: [{ element: 'high-value-patents', period, value: s.patents[i]!, ...stat('知识产权统计年报') }],
    });
    out.push({
      unitName: '市科技局',
      recordedAt: at('03-10', '04-15'),
      items: [{ element: 'large-medium-with-rd', period, value: s.withRd[i]!, ...stat('企业研发机构建设情况调查') }],
    });
    out.push({
      unitName: '市工信局',
      recordedAt: at('02-05', '02-25'),
      items: [
        { element: 'leading-cluster-taxable-sales', period, value: s.cluster[i]!, ...stat('税务部门应税销售数据') },
      ],
    });
    const agriAt = year === 2024 ? officeHours(prng, '2025-07-16') : at('03-15', '04-25');
    out.push({
      unitName: '市农业农村局',
      recordedAt: agriAt,
      items: [
        { element: 'agri-tech-contribution-rate', period, value: s.agri[i]!, ...stat('农业科技进步贡献率测算报告') },
      ],
    });
  });
  return out.sort((a, b) => a.recordedAt.localeCompare(b.recordedAt));
}
