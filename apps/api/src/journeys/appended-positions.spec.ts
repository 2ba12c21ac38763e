import { AppendedPositions } from './appended-positions';

const WEST = 'west-yorkshire';
const GREATER = 'greater-manchester';

describe('AppendedPositions', () => {
  it("has a victim's read wait for that victim's last post, and an area's for that area's", () => {
    const positions = new AppendedPositions();
    positions.appended({ victimId: 'a', policeArea: WEST, position: 5n });
    positions.appended({ victimId: 'b', policeArea: GREATER, position: 7n });
    positions.appended({ victimId: 'a', policeArea: WEST, position: 9n });

    expect(positions.awaitedBy({ victimId: 'a' })).toBe(9n);
    expect(positions.awaitedBy({ victimId: 'b' })).toBe(7n);
    expect(positions.awaitedBy({ victimId: 'never-posted' })).toBeUndefined();
    expect(positions.awaitedBy({ policeAreas: [GREATER] })).toBe(7n);
    expect(positions.awaitedBy({ policeAreas: [GREATER, WEST] })).toBe(9n);
    expect(positions.awaitedBy({ policeAreas: ['kent'] })).toBeUndefined();
    expect(positions.everything).toBe(9n);
  });

  it('keeps the later position when posts are acknowledged out of order', () => {
    const positions = new AppendedPositions();
    positions.appended({ victimId: 'a', policeArea: WEST, position: 9n });
    positions.appended({ victimId: 'a', policeArea: WEST, position: 8n });
    expect(positions.awaitedBy({ victimId: 'a' })).toBe(9n);
    expect(positions.everything).toBe(9n);
  });

  it('forgets what is projected once many victims were posted to, never what is not', () => {
    const positions = new AppendedPositions();
    for (let n = 1; n <= 1_024; n++)
      positions.appended({ victimId: `v${n}`, policeArea: WEST, position: BigInt(n) }, 1_000n);
    // The sweep ran at the 1,024th victim: those projected are gone (nothing to wait for).
    expect(positions.awaitedBy({ victimId: 'v1' })).toBeUndefined();
    expect(positions.awaitedBy({ victimId: 'v1000' })).toBeUndefined();
    expect(positions.awaitedBy({ victimId: 'v1001' })).toBe(1_001n);
    expect(positions.awaitedBy({ policeAreas: [WEST] })).toBe(1_024n);
  });
});
