import { describe, expect, it } from 'vitest';
import { dataVersionLabel, numberDataVersions } from './data-version.ts';

describe('data version labels', () => {
  it('reads as the date of the figures and their version that day', () => {
    expect(dataVersionLabel('2025-10-20', 2)).toBe('2025年10月20日的数据（第2版）');
  });

  it('numbers versions per date in the order they first appeared, repeats keeping their number', () => {
    const n = numberDataVersions([
      { asOf: '2025-10-20', dataVersion: 'aaa' },
      { asOf: '2025-10-20', dataVersion: 'bbb' },
      { asOf: '2025-10-21', dataVersion: 'ccc' },
      { asOf: '2025-10-20', dataVersion: 'aaa' },
    ]);
    expect(n.get('2025-10-20|aaa')).toBe(1);
    expect(n.get('2025-10-20|bbb')).toBe(2);
    expect(n.get('2025-10-21|ccc')).toBe(1);
  });
});
