import { describe, expect, it } from 'vitest';
import { JURONG_SOURCE } from '../../test-fixtures/importer/jurong-expected.ts';
import { buildBenchPlan, pageCount } from './bench-fixture.ts';
import { importPlanText } from './import-plan.ts';

describe('buildBenchPlan', () => {
  const doc = buildBenchPlan(JURONG_SOURCE);

  it('makes a document of about 200 pages with areas and tasks numbered on', () => {
    expect(pageCount(JURONG_SOURCE)).toBeLessThan(20);
    expect(pageCount(doc)).toBeGreaterThanOrEqual(190);
    expect(doc).toContain('**285. 打造科技惠民良好生态。**');
    expect(doc).toContain('（九十）答好乡村振兴民生答卷');
  });

  // Its speed is measured by `npm run bench -- importer` (docs/BENCHMARKS.md), not asserted here.
  it('imports with every task and target found and no warning', () => {
    const p = importPlanText(doc);
    expect([p.tasks.length, p.indicators.length, p.warnings.length]).toEqual([285, 15 * 24, 0]);
  });
});
