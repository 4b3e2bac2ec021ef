import path from 'node:path';
import type { PlanPack } from '@innocity/shared/plan-pack';
import { DEFAULT_PACK, PACKS_DIR, readPackFile } from '../modules/plans/plan-pack.service.ts';

/**
 * The built-in plan relabelled as another county of 镇江市 (丹阳市): the same unit names (市科技局,
 * 下蜀镇 …) under another plan code and region, so that a test can show two counties that share
 * names kept apart.
 */
export function secondCountyPack(code: string, title = '丹阳市创新型示范市建设方案'): PlanPack {
  const pack = readPackFile(path.join(PACKS_DIR, DEFAULT_PACK));
  return {
    ...pack,
    plan: { ...pack.plan, code, title, region: '丹阳市', regionPath: ['江苏省', '镇江市', '丹阳市'] },
  };
}
