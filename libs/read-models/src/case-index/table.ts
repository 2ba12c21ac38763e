/** The case index: which victim a CPS case URN and victim number name, per police area. */
export interface CaseIndexDatabase {
  case_index: CaseIndexTable;
}

export interface CaseIndexTable {
  police_area: string;
  case_urn: string;
  victim_number: number;
  victim_id: string;
}
