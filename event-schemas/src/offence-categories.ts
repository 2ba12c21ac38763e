/**
 * Offence categories an agency may give. Data, not code: which of them make a victim a victim
 * of the most serious crime (enhanced rights) is decided by the Victims' Code rules, not here.
 */
export const OFFENCE_CATEGORIES = [
  'homicide',
  'attempted-murder',
  'domestic-abuse',
  'hate-crime',
  'terrorism',
  'sexual-offence',
  'human-trafficking',
  'kidnap',
  'false-imprisonment',
  'arson-endangering-life',
  'wounding-or-gbh-with-intent',
  'stalking',
  'harassment',
  'violence-with-injury',
  'violence-without-injury',
  'robbery',
  'burglary',
  'theft',
  'vehicle-offence',
  'criminal-damage',
  'fraud',
  'public-order',
  'weapons-possession',
  'drugs',
  'other',
] as const;

export type OffenceCategory = (typeof OFFENCE_CATEGORIES)[number];
