import { grouped, markdownTable, percentile, ratio, verdict } from './stats';

describe('the benchmark figures', () => {
  it('takes percentiles by nearest rank', () => {
    const sorted = Array.from({ length: 200 }, (_, i) => i + 1);
    expect(percentile(sorted, 0.5)).toBe(100);
    expect(percentile(sorted, 0.99)).toBe(198);
    expect(percentile([7], 0.99)).toBe(7);
    expect(percentile([], 0.5)).toBeNaN();
  });

  it('states an aim as met or not, with how far from it', () => {
    expect(verdict(3_300, 3_000, true)).toBe('met (1.10x)');
    expect(verdict(1_500, 3_000, true)).toBe('NOT met (0.50x)');
    expect(verdict(250, 200, false)).toBe('NOT met (0.80x)');
    expect(verdict(100, 200, false)).toBe('met (2.00x)');
    expect(verdict(undefined, 200, false)).toBe('unmeasured');
  });

  it('writes ratios and grouped figures', () => {
    expect(ratio(3, 2)).toBe('1.50x');
    expect(ratio(3, undefined)).toBe('-');
    expect(ratio(3, 0)).toBe('-');
    expect(grouped(1234567.6)).toBe('1,234,568');
  });

  it('writes a Markdown table with figures right-aligned and pipes escaped', () => {
    expect(markdownTable(['path', 'events/s'], [['a|b', '1,000']], new Set([1]))).toBe(
      ['| path | events/s |', '|---|---:|', '| a\\|b | 1,000 |'].join('\n'),
    );
  });
});
