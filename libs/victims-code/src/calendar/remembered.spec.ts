import { instantMsOf } from './london-time';
import { Remembered } from './remembered';

describe('Remembered', () => {
  it('never holds more than its capacity, however many answers it is given', () => {
    const kept = new Remembered<number, string>(100);
    for (let n = 0; n < 10_000; n += 1) {
      kept.keep(n, String(n));
      expect(kept.size).toBeLessThanOrEqual(100);
    }
    expect(kept.size).toBe(100);
  });

  it('forgets the oldest answer first, so the latest ones are at hand', () => {
    const kept = new Remembered<string, number>(3);
    kept.keep('a', 1);
    kept.keep('b', 2);
    kept.keep('c', 3);
    kept.keep('d', 4);
    expect(kept.get('a')).toBeUndefined();
    expect([kept.get('b'), kept.get('c'), kept.get('d')]).toEqual([2, 3, 4]);
  });

  it('keeps a new answer for a known key without forgetting another', () => {
    const kept = new Remembered<string, number>(2);
    kept.keep('a', 1);
    kept.keep('b', 2);
    kept.keep('a', 3);
    expect([kept.get('a'), kept.get('b'), kept.size]).toEqual([3, 2, 2]);
  });

  it('refuses a capacity that is not a whole number of one or more', () => {
    expect(() => new Remembered(0)).toThrow(RangeError);
    expect(() => new Remembered(1.5)).toThrow(RangeError);
  });
});

describe('instantMsOf past the instants it keeps', () => {
  it('reads every instant right, the forgotten ones again when asked', () => {
    const start = Date.parse('2026-01-01T00:00:00Z');
    const instants = Array.from({ length: 25_000 }, (_, i) =>
      new Date(start + i * 61_000).toISOString(),
    );
    for (const instant of instants) expect(instantMsOf(instant)).toBe(Date.parse(instant));
    // The first ones were forgotten long ago; they are read again, with the same answer.
    for (const instant of instants.slice(0, 100))
      expect(instantMsOf(instant)).toBe(Date.parse(instant));
  });
});
