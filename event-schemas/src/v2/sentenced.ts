import { IsIn } from 'class-validator';
import { SentencedV1 } from '../v1/court';

export const DISPOSALS = [
  'immediate-custody',
  'suspended-sentence',
  'community-order',
  'fine',
  'discharge',
  'other',
] as const;
export type Disposal = (typeof DISPOSALS)[number];

/**
 * Version 2 names the disposal: version 1 could not tell a suspended sentence (no custody, so no
 * Victim Contact Scheme) from immediate custody. `custodyMonths` now counts immediate custody only.
 */
export class SentencedV2 extends SentencedV1 {
  @IsIn(DISPOSALS)
  disposal!: Disposal;
}
