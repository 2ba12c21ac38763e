import { pccReferenceOf } from './pcc-references';

const KEY = 'a-pseudonym-key-for-tests-0123456789abcdef';
const VICTIM = '9d628f1b-307e-5dd5-8185-68840a9b7ec2';

describe('the reference a PCC team sees in place of a victim', () => {
  it('is the same for the same victim in the same report and area', () => {
    const reference = pccReferenceOf(KEY, 'breaches', 'west-yorkshire', VICTIM);
    expect(reference).toMatch(/^pcc-[0-9a-f]{32}$/);
    expect(pccReferenceOf(KEY, 'breaches', 'west-yorkshire', VICTIM)).toBe(reference);
    expect(reference).not.toContain(VICTIM.slice(0, 8));
  });

  it('differs across reports, areas and keys', () => {
    const references = [
      pccReferenceOf(KEY, 'breaches', 'west-yorkshire', VICTIM),
      pccReferenceOf(KEY, 'caseload', 'west-yorkshire', VICTIM),
      pccReferenceOf(KEY, 'breaches', 'greater-manchester', VICTIM),
      pccReferenceOf(`${KEY}-other`, 'breaches', 'west-yorkshire', VICTIM),
    ];
    expect(new Set(references).size).toBe(references.length);
  });
});
