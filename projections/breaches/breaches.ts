import type { Entitlement } from '../victim-journey/entitlements';

/**
 * A breach for PCC compliance reporting: an entitlement whose deadline passed unmet. One met
 * late stays a breach in reports, recorded as `met-late`.
 */
export interface Breach {
  entitlementId: string;
  victimId: string;
  policeArea: string;
  crimeReference: string;
  owedBy: string;
  right: number;
  ruleId: string;
  edition: string;
  enhanced: boolean;
  deadline: string;
  status: 'breached' | 'met-late';
  workingDaysLate: number;
  fulfilledAt: string | null;
}

export function breachesOf(entitlements: readonly Entitlement[]): Breach[] {
  return entitlements.flatMap((e) =>
    (e.status === 'breached' || e.status === 'met-late') && e.deadline
      ? [
          {
            entitlementId: e.id,
            victimId: e.victimId,
            policeArea: e.policeArea,
            crimeReference: e.crimeReference,
            owedBy: e.owedBy,
            right: e.right,
            ruleId: e.ruleId,
            edition: e.edition,
            enhanced: e.enhanced,
            deadline: e.deadline.localDate,
            status: e.status,
            workingDaysLate: e.workingDaysLate ?? 0,
            fulfilledAt: e.fulfilment?.occurredAt ?? null,
          },
        ]
      : [],
  );
}
