/**
 * How long the fault tests run: `short` (the default, and CI's) keeps each file under a minute on
 * two cores; FAULTS_PROFILE=full (`FAULTS_PROFILE=full npm run test:faults`) runs many more rounds.
 * Every test has a fixed number of rounds either way, and a timeout that ends it.
 */
export type FaultsProfile = 'short' | 'full';

export const FAULTS_PROFILE: FaultsProfile =
  process.env.FAULTS_PROFILE === 'full' ? 'full' : 'short';

/** The short profile's figure, or the full one's. */
export function rounds(short: number, full: number): number {
  return FAULTS_PROFILE === 'full' ? full : short;
}
