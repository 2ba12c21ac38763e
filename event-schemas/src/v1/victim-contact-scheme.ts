import { IsIn } from 'class-validator';
import { SuspectEventData } from './common';

export class VcsReferralReceivedV1 extends SuspectEventData {}

export const CONTACT_METHODS = ['letter', 'phone', 'email', 'in-person', 'text', 'video'] as const;
export type ContactMethod = (typeof CONTACT_METHODS)[number];

export class VloContactMadeV1 extends SuspectEventData {
  @IsIn(CONTACT_METHODS)
  method!: ContactMethod;
}

export class VcsOptedInV1 extends SuspectEventData {}
export class VcsOptedOutV1 extends SuspectEventData {}

/** The sentence or licence ended: the Victim Contact Scheme closes for this offender. */
export class SentenceEndedV1 extends SuspectEventData {}
