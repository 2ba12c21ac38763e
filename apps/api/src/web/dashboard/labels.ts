import type { AgencyKind } from '@vj/event-schemas';

/** What the dashboard calls each agency kind where the report gives no label (the breach list). */
export const AGENCY_KIND_LABELS: Record<AgencyKind, string> = {
  police: 'Police',
  cps: 'Crown Prosecution Service',
  'witness-care-unit': 'Witness Care Unit',
  court: 'Court',
  probation: 'Probation Service',
  prison: 'Prison Service',
  hospital: 'Hospital',
  'parole-board': 'Parole Board',
};

export const agencyKindLabelOf = (kind: string): string =>
  (AGENCY_KIND_LABELS as Record<string, string>)[kind] ?? kind;

/** Names that the words of the area's id do not spell. */
const AREA_NAMES: Record<string, string> = {
  'dyfed-powys': 'Dyfed-Powys',
  metropolitan: 'Metropolitan Police',
  'city-of-london': 'City of London',
  'avon-and-somerset': 'Avon and Somerset',
  'devon-and-cornwall': 'Devon and Cornwall',
};

/** "north-yorkshire" -> "North Yorkshire". */
export function policeAreaNameOf(area: string): string {
  return (
    AREA_NAMES[area] ??
    area
      .split('-')
      .map((word) => (word ? word[0]!.toUpperCase() + word.slice(1) : word))
      .join(' ')
  );
}

const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** "2026-03" -> "March 2026". */
export function monthNameOf(month: string): string {
  const [year, m] = month.split('-');
  return `${MONTH_NAMES[Number(m) - 1] ?? m} ${year}`;
}

/** "2026-03-31" -> "31 March 2026" (the GOV.UK style for dates). */
export function dateNameOf(date: string): string {
  const [year, m, d] = date.split('-');
  return `${Number(d)} ${MONTH_NAMES[Number(m) - 1] ?? m} ${year}`;
}

/** "very-satisfied" -> "Very satisfied". */
export function answerLabelOf(answer: string): string {
  const words = answer.replace(/-/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}
