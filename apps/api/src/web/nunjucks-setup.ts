import nunjucks from 'nunjucks';
import { londonDateOf } from '@vj/victims-code';
import { GOVUK_FRONTEND_DIST, VIEWS_DIR } from './web-paths';

/** The service's name, in every page title ("Caseload - Victim Journey") and the header. */
export const SERVICE_NAME = 'Victim Journey';

const LONDON_DATE_TIME = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: 'numeric',
  minute: '2-digit',
  hour12: true,
});

const LONDON_DATE = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'UTC',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
});

/** An instant as London reads it: "6 March 2026 at 4:30pm". */
export function londonDateTime(instant: string | null | undefined): string {
  if (!instant) return '';
  const date = new Date(instant);
  if (Number.isNaN(date.getTime())) return '';
  const parts = Object.fromEntries(
    LONDON_DATE_TIME.formatToParts(date).map((p) => [p.type, p.value]),
  );
  return `${parts.day} ${parts.month} ${parts.year} at ${parts.hour}:${parts.minute}${(parts.dayPeriod ?? '').toLowerCase().replace(/\s/g, '')}`;
}

/** A calendar date (YYYY-MM-DD) as words: "6 March 2026". */
export function longDate(date: string | null | undefined): string {
  if (!date || !/^\d{4}-\d{2}-\d{2}$/.test(date)) return date ?? '';
  return LONDON_DATE.format(new Date(`${date}T00:00:00Z`));
}

const ACRONYMS: Readonly<Record<string, string>> = {
  vcs: 'VCS',
  vlo: 'VLO',
  vps: 'VPS',
  cps: 'CPS',
  pcc: 'PCC',
};
const PROPER = /^(west|yorkshire|greater|manchester|north|south|east|humberside|leeds)$/;

/** "vcs-referral-made" as "VCS referral made", "west-yorkshire" as "West Yorkshire": ids as words. */
export function words(id: string | null | undefined): string {
  if (!id) return '';
  const text = id
    .split('-')
    .map((w, i) => ACRONYMS[w] ?? (i > 0 && PROPER.test(w) ? w[0]?.toUpperCase() + w.slice(1) : w))
    .join(' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** An entitlement's status as a GOV.UK tag: its words and colour. */
export function statusTag(status: string): { text: string; classes: string } {
  const tags: Record<string, [string, string]> = {
    pending: ['Due', 'govuk-tag--blue'],
    breached: ['Breached', 'govuk-tag--red'],
    met: ['Met', 'govuk-tag--green'],
    'met-late': ['Met late', 'govuk-tag--orange'],
    owed: ['Owed', 'govuk-tag--light-blue'],
    given: ['Given', 'govuk-tag--green'],
    declined: ['Declined', 'govuk-tag--grey'],
    'not-applicable': ['Not applicable', 'govuk-tag--grey'],
    waived: ['Waived', 'govuk-tag--grey'],
  };
  const [text, classes] = tags[status] ?? [words(status), 'govuk-tag--grey'];
  return { text, classes };
}

/**
 * One Nunjucks environment for every page: the service's views first, then GOV.UK Frontend's
 * (`govuk/template.njk`, `govuk/components/.../macro.njk`). Autoescaping on.
 */
export function nunjucksEnvironment(): nunjucks.Environment {
  const env = new nunjucks.Environment(
    new nunjucks.FileSystemLoader([VIEWS_DIR, GOVUK_FRONTEND_DIST], {
      noCache: process.env.NODE_ENV !== 'production',
    }),
    { autoescape: true, throwOnUndefined: false },
  );
  env.addGlobal('serviceName', SERVICE_NAME);
  env.addFilter('londonDateTime', londonDateTime);
  env.addFilter('longDate', longDate);
  env.addFilter('londonDate', (instant: string) => longDate(londonDateOf(new Date(instant))));
  env.addFilter('words', words);
  env.addGlobal('statusTag', statusTag);
  env.addFilter(
    'radioItems',
    (options: readonly { value: string; text: string }[], selected: unknown) =>
      options.map((o) => ({ ...o, checked: o.value === selected })),
  );
  return env;
}
