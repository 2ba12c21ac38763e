/** How the caseload page words its count: "more than 1,000" once the query stopped counting. */
export function caseloadCountView(total: number, totalCapped: boolean) {
  const counted = total.toLocaleString('en-GB');
  return {
    total,
    totalCapped,
    totalText: totalCapped ? `more than ${counted}` : counted,
    countedTo: counted,
  };
}
