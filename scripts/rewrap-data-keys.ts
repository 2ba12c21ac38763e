/**
 * Key rotation, second step: `npm run rewrap-data-keys`. Start the service with the new master
 * key as MASTER_KEY and the old one in MASTER_KEY_PREVIOUS (new data keys are wrapped by the new
 * one at once), then run this: every victim's data key still wrapped by an old master key is
 * unwrapped and wrapped again by the new one. The events are not touched. When it reports none
 * left, the old key can be removed from MASTER_KEY_PREVIOUS and retired. Safe to run again, and
 * beside the running service: each key is replaced only if it is still what was read.
 */
import { clockOf, loadConfig, openVictimDataKeys, personalDataVaultOf } from '@vj/runtime';

async function main(): Promise<void> {
  const config = loadConfig();
  const keys = await openVictimDataKeys(config);
  try {
    const moved = await personalDataVaultOf(config, keys, clockOf(config)).rewrapAll();
    process.stdout.write(`re-wrapped ${moved} data keys under the current master key\n`);
  } finally {
    await keys.close();
  }
}

main().catch((error: unknown) => {
  console.error(`rewrap-data-keys: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
