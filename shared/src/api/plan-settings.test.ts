import { describe, expect, it } from 'vitest';
import { defaultWording, levelOfRegion } from './plan-settings.ts';

describe('the wording a plan starts with', () => {
  it('takes the level word from the region', () => {
    expect(levelOfRegion('丹阳市')).toBe('市');
    expect(levelOfRegion('金坛区')).toBe('区');
    expect(levelOfRegion('沛县')).toBe('县');
  });

  it('names a county by its own level, never a 市 it is not', () => {
    const w = defaultWording('宝应县');
    expect(w).toEqual({
      issuer: '宝应县科技创新委员会办公室',
      issuerShort: '县科创委办公室',
      level: '县',
      programme: '示范县',
      recipients: '各镇（街道）、园区，县各有关部门',
      cc: '县委办公室，县人民政府办公室',
      printer: '宝应县科技创新委员会办公室',
    });
    expect(JSON.stringify(defaultWording('金坛区'))).not.toContain('市');
  });
});
