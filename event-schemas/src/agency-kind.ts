/** The kinds of agency that post events. What a kind may post is in the schema registry. */
export const AGENCY_KINDS = [
  'police',
  'cps',
  'witness-care-unit',
  'court',
  'probation',
  'prison',
  'hospital',
  'parole-board',
] as const;

export type AgencyKind = (typeof AGENCY_KINDS)[number];

export const ALL_AGENCY_KINDS: readonly AgencyKind[] = AGENCY_KINDS;
