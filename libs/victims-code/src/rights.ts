/** The twelve Rights of the 2020 Victims' Code. Rights 1, 4 and 12 apply whether or not the crime is reported. */
export const RIGHTS = {
  1: 'To be able to understand and to be understood',
  2: 'To have the details of the crime recorded without unjustified delay',
  3: 'To be provided with information when reporting the crime',
  4: 'To be referred to services that support victims and have services and support tailored to your needs',
  5: 'To be provided with information about compensation',
  6: 'To be provided with information about the investigation and prosecution',
  7: 'To make a Victim Personal Statement',
  8: 'To be given information about the trial, trial process and your role as a witness',
  9: 'To be given information about the outcome of the case and any appeals',
  10: 'To be paid expenses and have property returned',
  11: 'To be given information about the offender following a conviction',
  12: 'To make a complaint about your Rights not being met',
} as const;

export type RightNumber = keyof typeof RIGHTS;
