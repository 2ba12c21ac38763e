import { OFFENCE_CATEGORIES } from '@vj/event-schemas';
import { OFFENCE_GROUP_OF, OFFENCE_GROUPS } from './offence-groups';

describe('offence groups', () => {
  it('puts every offence category an agency may give in a Home Office offence group', () => {
    for (const category of OFFENCE_CATEGORIES) {
      expect(Object.keys(OFFENCE_GROUPS)).toContain(OFFENCE_GROUP_OF[category]);
    }
    expect(Object.keys(OFFENCE_GROUP_OF).sort()).toEqual([...OFFENCE_CATEGORIES].sort());
  });

  it.each([
    ['homicide', 'violence-against-the-person'],
    ['sexual-offence', 'sexual-offences'],
    ['burglary', 'theft-offences'],
    ['arson-endangering-life', 'criminal-damage-and-arson'],
    ['robbery', 'robbery'],
  ] as const)('a %s is in %s', (category, group) => {
    expect(OFFENCE_GROUP_OF[category]).toBe(group);
  });
});
