import { AgencyDirectory } from '@vj/agencies';
import { readAgenciesFile } from '@vj/runtime';
import { hashPassword, PeopleDirectory } from './people-directory';

describe('the people directory', () => {
  const agencies = AgencyDirectory.fromConfig(readAgenciesFile('config/agencies.dev.json'));
  const load = (people: unknown[]) => PeopleDirectory.fromConfig({ people }, agencies);

  it("gives an officer their agency's areas, and an administrator every area", () => {
    const directory = load([
      {
        subject: 'pvco',
        role: 'police-victim-care-officer',
        agencyId: 'police-greater-manchester',
      },
      { subject: 'admin', role: 'administrator' },
    ]);
    expect(directory.person('pvco')?.areas).toEqual(['greater-manchester']);
    expect(directory.person('admin')?.areas).toBe('*');
    expect(directory.person('nobody')).toBeUndefined();
  });

  it.each([
    [
      'an officer of the wrong kind of agency',
      { subject: 'x', role: 'victim-liaison-officer', agencyId: 'police-west-yorkshire' },
      'a victim-liaison-officer needs the agencyId of a probation',
    ],
    [
      'areas their agency does not serve',
      {
        subject: 'x',
        role: 'witness-care-officer',
        agencyId: 'wcu-west-yorkshire',
        areas: ['kent'],
      },
      'areas must be areas their agency serves',
    ],
    ['an unknown role', { subject: 'x', role: 'superuser' }, 'role must be one of'],
    [
      'an unknown agency',
      { subject: 'x', role: 'pcc-analyst', agencyId: 'nope' },
      'not a known agency',
    ],
  ])('refuses %s at start', (_, entry, message) => {
    expect(() => load([entry])).toThrow(message);
  });

  it('signs in only with the right password', () => {
    const directory = load([
      {
        subject: 'admin',
        role: 'administrator',
        password: hashPassword('correct horse', Buffer.alloc(16, 7)),
      },
      { subject: 'no-password', role: 'administrator' },
    ]);
    expect(directory.signIn('admin', 'correct horse')?.role).toBe('administrator');
    expect(directory.signIn('admin', 'wrong')).toBeUndefined();
    expect(directory.signIn('no-password', '')).toBeUndefined();
  });
});
