import type { AreaReport, ComplianceReport, Figure, OutcomeFigures } from '@vj/projections';

/**
 * Outcome figures from counts as the report would publish them: the total, each share of it
 * (null where the count or total is suppressed) and the compliance rate, met on time of those
 * ended (null where one of those counts is suppressed or none ended).
 */
export function figuresOf(
  met: Figure,
  metLate: Figure,
  breached: Figure,
  pending: Figure,
  notApplicable: Figure,
  total: Figure = [met, metLate, breached, pending, notApplicable].every((c) => c !== null)
    ? (met ?? 0) + (metLate ?? 0) + (breached ?? 0) + (pending ?? 0) + (notApplicable ?? 0)
    : null,
): OutcomeFigures {
  const counts = {
    met,
    'met-late': metLate,
    breached,
    pending,
    'not-applicable': notApplicable,
  };
  const share = (c: Figure) => (c === null || total === null || total === 0 ? null : c / total);
  const ended =
    met !== null && metLate !== null && breached !== null ? met + metLate + breached : 0;
  return {
    total,
    counts,
    rates: {
      met: share(met),
      'met-late': share(metLate),
      breached: share(breached),
      pending: share(pending),
      'not-applicable': share(notApplicable),
    },
    complianceRate: ended > 0 ? (met as number) / ended : null,
  };
}

/** Kent, January to March 2026, as at 15 April 2026: a hand-made report with a suppressed Right. */
export function kentArea(): AreaReport {
  return {
    policeArea: 'kent',
    // 70 met on time of 80 ended: 87.5%.
    figures: figuresOf(70, 6, 4, 15, 5),
    lateness: { metLate: 6, medianWorkingDaysLate: 3, p90WorkingDaysLate: 7 },
    breakdowns: [
      {
        dimension: 'right',
        rows: [
          {
            value: '6',
            label:
              'Right 6: to be provided with information about the investigation and prosecution',
            figures: figuresOf(60, 6, 4, 10, 0),
          },
          // Secondary suppression: the met and breached counts could be worked back.
          {
            value: '7',
            label: 'Right 7: to make a Victim Personal Statement',
            figures: figuresOf(null, 0, null, 5, 5, 20),
          },
        ],
      },
      {
        dimension: 'agency',
        rows: [
          { value: 'police', label: 'Police', figures: figuresOf(50, 6, 4, 10, 5) },
          {
            value: 'witness-care-unit',
            label: 'Witness Care Unit <WCU>',
            figures: figuresOf(20, 0, 0, 5, 0),
          },
        ],
      },
    ],
    trend: [
      { month: '2026-01', figures: figuresOf(30, 3, 2, 0, 2) },
      { month: '2026-02', figures: figuresOf(null, null, 0, 0, 0) },
      { month: '2026-03', figures: figuresOf(40, 3, 2, 15, 3) },
    ],
    measures: [
      {
        id: 'acknowledgement',
        title: 'Acknowledgement of the crime report',
        ruleIds: ['R3-written-acknowledgement'],
        measured: true,
        figures: figuresOf(40, 0, 0, 0, 0),
      },
      {
        id: 'release-date',
        title: 'Release date told in advance',
        ruleIds: [],
        measured: false,
        note: 'No event tells when a release date was given to the victim.',
        figures: figuresOf(0, 0, 0, 0, 0),
      },
    ],
    feedback: {
      responses: 20,
      overall: [
        { answer: 'very-satisfied', count: 9, rate: 0.45 },
        { answer: 'fairly-satisfied', count: 6, rate: 0.3 },
        { answer: 'neither', count: null, rate: null },
        { answer: 'fairly-dissatisfied', count: null, rate: null },
        { answer: 'very-dissatisfied', count: 0, rate: 0 },
      ],
      byRight: [],
    },
  };
}

export function kentReport(): ComplianceReport {
  return {
    from: '2026-01',
    to: '2026-03',
    asOf: '2026-04-15',
    suppression: {
      threshold: 5,
      rule: 'counts from 1 to 4, and any count from which one of those could be worked out, are not shown.',
    },
    areas: [kentArea()],
  };
}

/** Kent and Surrey side by side, as a national user sees them. */
export function nationalReport(): ComplianceReport {
  return {
    ...kentReport(),
    areas: [
      kentArea(),
      {
        ...kentArea(),
        policeArea: 'surrey',
        figures: figuresOf(null, null, 0, 8, 0, 10),
        breakdowns: [],
        trend: [],
        measures: [],
      },
    ],
  };
}
