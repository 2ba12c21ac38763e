import type { OffenceCategory } from '@vj/event-schemas';

/**
 * The Home Office's offence groups (police recorded crime), which compliance reports are cut by
 * so that areas can be compared with the published crime statistics.
 */
export const OFFENCE_GROUPS = {
  'violence-against-the-person': 'Violence against the person',
  'sexual-offences': 'Sexual offences',
  robbery: 'Robbery',
  'theft-offences': 'Theft offences',
  'criminal-damage-and-arson': 'Criminal damage and arson',
  'drug-offences': 'Drug offences',
  'possession-of-weapons-offences': 'Possession of weapons offences',
  'public-order-offences': 'Public order offences',
  'miscellaneous-crimes-against-society': 'Miscellaneous crimes against society',
  'fraud-offences': 'Fraud offences',
  other: 'Other or not known',
} as const;

export type OffenceGroup = keyof typeof OFFENCE_GROUPS;

/**
 * Each offence category an agency may give, in its Home Office offence group. Data, not code.
 * Domestic abuse and hate crime are flags in the Home Office counting rules, not offences: they
 * are put where most of them are recorded (domestic abuse: violence against the person; hate
 * crime: public order offences). Modern slavery, kidnap and false imprisonment are violence
 * without injury; stalking and harassment a part of violence against the person.
 */
export const OFFENCE_GROUP_OF: Readonly<Record<OffenceCategory, OffenceGroup>> = {
  homicide: 'violence-against-the-person',
  'attempted-murder': 'violence-against-the-person',
  'domestic-abuse': 'violence-against-the-person',
  'hate-crime': 'public-order-offences',
  terrorism: 'miscellaneous-crimes-against-society',
  'sexual-offence': 'sexual-offences',
  'human-trafficking': 'violence-against-the-person',
  kidnap: 'violence-against-the-person',
  'false-imprisonment': 'violence-against-the-person',
  'arson-endangering-life': 'criminal-damage-and-arson',
  'wounding-or-gbh-with-intent': 'violence-against-the-person',
  stalking: 'violence-against-the-person',
  harassment: 'violence-against-the-person',
  'violence-with-injury': 'violence-against-the-person',
  'violence-without-injury': 'violence-against-the-person',
  robbery: 'robbery',
  burglary: 'theft-offences',
  theft: 'theft-offences',
  'vehicle-offence': 'theft-offences',
  'criminal-damage': 'criminal-damage-and-arson',
  fraud: 'fraud-offences',
  'public-order': 'public-order-offences',
  'weapons-possession': 'possession-of-weapons-offences',
  drugs: 'drug-offences',
  other: 'other',
};
