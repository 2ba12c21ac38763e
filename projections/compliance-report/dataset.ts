import {
  type CountRow,
  monthsBetween,
  type Row,
  rowEquation,
  rowOf,
  shown,
  suppressSecondary,
  SUPPRESSION_THRESHOLD,
} from './assemble';
import { AGENCY_RULE, agencyRuleOf, RESPONSE } from './contributions';
import { REPORT_OUTCOMES, type Figure } from './report';

/**
 * The standardised compliance dataset: one row per police area, owing agency, rule and deadline
 * month, so that areas can be compared and the figures shared with partner bodies. Defined once
 * here: its CSV header, its JSON rows and its published JSON Schema
 * (docs/compliance-dataset.schema.json) all come from DATASET_COLUMNS.
 */
export const DATASET_VERSION = '1.0.0';

interface Column {
  name: keyof DatasetRow;
  schema: Record<string, unknown>;
  description: string;
}

const count = { type: ['integer', 'null'], minimum: 0 };

export const DATASET_COLUMNS: readonly Column[] = [
  {
    name: 'policeArea',
    schema: { type: 'string', pattern: '^[a-z]+(-[a-z]+)*$' },
    description: "The police area the victim's journey was opened in (its id)",
  },
  {
    name: 'agency',
    schema: { type: 'string' },
    description:
      'The kind of agency that owes the entitlement: police, cps, witness-care-unit, court, probation, prison, hospital, parole-board',
  },
  {
    name: 'ruleId',
    schema: { type: 'string' },
    description: "The Victims' Code rule (the rule table in the README)",
  },
  {
    name: 'right',
    schema: { type: 'integer', minimum: 1, maximum: 12 },
    description: "The Right of the 2020 Victims' Code the rule belongs to",
  },
  {
    name: 'month',
    schema: { type: 'string', pattern: '^\\d{4}-(0[1-9]|1[0-2])$' },
    description: "YYYY-MM of the deadline's date (Europe/London)",
  },
  {
    name: 'asOf',
    schema: { type: 'string', format: 'date' },
    description: 'Outcomes as they stood at the end of this date (Europe/London)',
  },
  {
    name: 'total',
    schema: count,
    description: 'Entitlements whose deadline falls in the month; null where suppressed',
  },
  {
    name: 'met',
    schema: count,
    description: 'Met on or before the deadline; null where suppressed',
  },
  { name: 'metLate', schema: count, description: 'Met after the deadline; null where suppressed' },
  {
    name: 'breached',
    schema: count,
    description: 'Deadline ended, not met by the as-of date; null where suppressed',
  },
  {
    name: 'pending',
    schema: count,
    description: 'Deadline not yet ended, not yet met; null where suppressed',
  },
  {
    name: 'notApplicable',
    schema: count,
    description:
      'Made not applicable by a later fact (the victim declined, withdrew, opted out) or waived by the victim; null where suppressed',
  },
];

export interface DatasetRow {
  policeArea: string;
  agency: string;
  ruleId: string;
  right: number;
  month: string;
  asOf: string;
  total: Figure;
  met: Figure;
  metLate: Figure;
  breached: Figure;
  pending: Figure;
  notApplicable: Figure;
}

/** The dataset's JSON Schema (2020-12): an array of rows. Published and served as it is. */
export function datasetJsonSchema(): Record<string, unknown> {
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: 'https://victim-journey.example/schemas/compliance-dataset.schema.json',
    title: "Victims' Code compliance dataset",
    description: `Version ${DATASET_VERSION}. One row per police area, owing agency, rule and deadline month; entitlements with a deadline only. Counts from 1 to ${SUPPRESSION_THRESHOLD - 1} are null (written [c] in the CSV), and so is the next smallest count of a row, or of the rows of an area and month, where one would otherwise be worked back by subtraction.`,
    type: 'array',
    items: {
      type: 'object',
      additionalProperties: false,
      required: DATASET_COLUMNS.map((c) => c.name),
      properties: Object.fromEntries(
        DATASET_COLUMNS.map((c) => [c.name, { ...c.schema, description: c.description }]),
      ),
    },
  };
}

/** The dataset rows from the read model's rows summed as of `asOf`, suppressed. Pure. */
export function datasetOf(params: {
  rows: readonly CountRow[];
  policeAreas: readonly string[];
  from: string;
  to: string;
  asOf: string;
}): DatasetRow[] {
  const months = new Set(monthsBetween(params.from, params.to));
  const areas = new Set(params.policeAreas);
  const cuts = new Map<string, Partial<Record<string, number>>>();
  for (const r of params.rows) {
    if (r.dimension !== AGENCY_RULE || r.outcome === RESPONSE) continue;
    if (!areas.has(r.policeArea) || !months.has(r.month)) continue;
    const key = `${r.policeArea}\u0000${r.month}\u0000${r.value}`;
    const counts = cuts.get(key) ?? {};
    counts[r.outcome] = (counts[r.outcome] ?? 0) + r.count;
    cuts.set(key, counts);
  }
  const rows = [...cuts.entries()]
    .map(([key, counts]) => {
      const [policeArea = '', month = '', value = ''] = key.split('\u0000');
      const { agency, right, ruleId } = agencyRuleOf(value);
      return { policeArea, month, agency, right: Number(right), ruleId, row: rowOf(counts) };
    })
    .sort(
      (a, b) =>
        a.policeArea.localeCompare(b.policeArea) ||
        a.month.localeCompare(b.month) ||
        a.agency.localeCompare(b.agency) ||
        a.ruleId.localeCompare(b.ruleId),
    );
  // Within each row; and the rows of an area and month add up to its total in the report's trend.
  const equations = rows.map((r) => rowEquation(r.row));
  const byAreaMonth = new Map<string, Row[]>();
  for (const r of rows) {
    const key = `${r.policeArea}\u0000${r.month}`;
    byAreaMonth.set(key, [...(byAreaMonth.get(key) ?? []), r.row]);
  }
  for (const parts of byAreaMonth.values()) {
    const whole = rowOf(
      Object.fromEntries(
        REPORT_OUTCOMES.map((o) => [o, parts.reduce((n, p) => n + p.counts[o].count, 0)]),
      ),
    );
    // The whole is the report's figure for the area and month, suppressed as the report does.
    equations.push(rowEquation(whole));
    for (const o of REPORT_OUTCOMES)
      equations.push([...parts.map((p) => p.counts[o]), whole.counts[o]]);
    equations.push([...parts.map((p) => p.total), whole.total]);
  }
  suppressSecondary(equations);
  return rows.map((r) => ({
    policeArea: r.policeArea,
    agency: r.agency,
    ruleId: r.ruleId,
    right: r.right,
    month: r.month,
    asOf: params.asOf,
    total: shown(r.row.total),
    met: shown(r.row.counts.met),
    metLate: shown(r.row.counts['met-late']),
    breached: shown(r.row.counts.breached),
    pending: shown(r.row.counts.pending),
    notApplicable: shown(r.row.counts['not-applicable']),
  }));
}
