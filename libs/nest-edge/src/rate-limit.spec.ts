import { agencyCaller } from '@vj/access-policy';
import { anonymousKey, rateLimitKeyOf } from './rate-limit';

const police = agencyCaller({
  id: 'police-west-yorkshire',
  name: 'West Yorkshire Police',
  kind: 'police',
  homeArea: 'west-yorkshire',
  areas: ['west-yorkshire'],
});

describe('what a request is counted under', () => {
  it("is the caller's credential when it has one, whatever its address", () => {
    expect(rateLimitKeyOf({ caller: police, ip: '203.0.113.7' })).toBe(
      'agency:police-west-yorkshire',
    );
    expect(rateLimitKeyOf({ caller: police, ip: '198.51.100.1' })).toBe(
      'agency:police-west-yorkshire',
    );
  });

  it('is a hash of the address without one, never the address itself', () => {
    const key = rateLimitKeyOf({ ip: '203.0.113.7' });
    expect(key).toMatch(/^anonymous:[0-9a-f]{32}$/);
    expect(key).not.toContain('203.0.113.7');
    expect(rateLimitKeyOf({ ip: '203.0.113.8' })).not.toBe(key);
    expect(rateLimitKeyOf({ ip: '203.0.113.7' })).toBe(key);
  });

  it('counts an IPv6 host by its /64, as one host may hold all of it', () => {
    // An IPv4 client of a dual-stack listener is still counted alone.
    expect(anonymousKey('::ffff:203.0.113.7')).toBe(anonymousKey('203.0.113.7'));
    expect(anonymousKey('::ffff:203.0.113.7')).not.toBe(anonymousKey('::ffff:203.0.113.8'));
    expect(anonymousKey('2001:db8:1:2::1')).toBe(anonymousKey('2001:db8:1:2:ffff::9'));
    expect(anonymousKey('2001:db8:1:3::1')).not.toBe(anonymousKey('2001:db8:1:2::1'));
  });
});
