import { randomBytes } from 'node:crypto';
import type { Clock } from '@vj/clock';
import { InMemoryVictimDataKeyStore } from './data-key-store';
import { MasterKeyService } from './master-key-service';
import { PersonalDataVault } from './personal-data-vault';

/** A vault whose keys live and die with the process: unit tests and the benchmark. */
export function inMemoryPersonalDataVault(clock: Clock): PersonalDataVault {
  return new PersonalDataVault(
    new MasterKeyService(randomBytes(32)),
    new InMemoryVictimDataKeyStore(),
    clock,
  );
}
