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

  it('imports in well under a second, every task and target found', () => {
    let best = Infinity;
    let tasks = 0;
    let indicators = 0;
    let warnings = -1;
    for (let i = 0; i < 3; i++) {
      const t0 = performance.now();
      const p = importPlanText(doc);
      best = Math.min(best, performance.now() - t0);
      [tasks, indicators, warnings] = [p.tasks.length, p.indicators.length, p.warnings.length];
    }
    expect([tasks, indicators, warnings]).toEqual([285, 15 * 24, 0]);
    expect(best).toBeLessThan(1000);
  });
});
