import { ageBandOf, ageBandOn } from './enhanced-rights';

describe('age bands', () => {
  it.each([
    [0, 'under-18'],
    [17, 'under-18'],
    [18, '18-24'],
    [24, '18-24'],
    [25, '25-34'],
    [44, '35-44'],
    [54, '45-54'],
    [64, '55-64'],
    [65, '65-plus'],
    [101, '65-plus'],
  ])('puts %i in %s', (age, band) => {
    expect(ageBandOf(age)).toBe(band);
  });

  it('counts whole years to the date: 17 the day before the 18th birthday, 18-24 on it', () => {
    expect(ageBandOn('2008-03-02', '2026-03-01')).toBe('under-18');
    expect(ageBandOn('2008-03-02', '2026-03-02')).toBe('18-24');
  });
});
