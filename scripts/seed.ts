/**
 * Seeds the configured event store with the demo dataset, through the same ingestion use cases
 * the API calls: `npm run seed [-- --count 300 --seed 2026]` (or DEMO_COUNT, DEMO_SEED). Run it
 * again on the same day and it replays every post, storing nothing new.
 */
import { parseArgs } from 'node:util';
import { AgencyDirectory } from '@vj/agencies';
import { DEMO_DEFAULTS, seedDemoData } from '@vj/demo-data';
import { IngestionRefused } from '@vj/ingestion';
import { loadConfig, openIngestion, readAgenciesFile } from '@vj/runtime';

function wholeNumber(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new Error(`${name} must be a whole number, not '${raw}'`);
  }
  return value;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { count: { type: 'string' }, seed: { type: 'string' } },
  });
  const count = wholeNumber('--count', values.count ?? process.env.DEMO_COUNT, DEMO_DEFAULTS.count);
  const seed = wholeNumber('--seed', values.seed ?? process.env.DEMO_SEED, DEMO_DEFAULTS.seed);

  const config = loadConfig();
  const agencies = AgencyDirectory.fromConfig(readAgenciesFile(config.agenciesFile));
  const { ingestion, clock, close } = await openIngestion(config);
  const started = Date.now();
  try {
    const summary = await seedDemoData(ingestion, agencies, {
      count,
      seed,
      now: clock.now(),
      showcase: DEMO_DEFAULTS.showcase,
    });
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    if (summary.alreadyLoaded) {
      process.stdout.write(`seed ${seed}: the demo data is already loaded; nothing posted\n`);
      return;
    }
    process.stdout.write(
      `seed ${seed}: posted ${summary.victims} victims and ${summary.events} events ` +
        `(${summary.events - summary.replayed} stored, ${summary.replayed} already there) ` +
        `to ${config.eventStore === 'sqlite' ? config.dataDir : `the ${config.eventStore} event store`} in ${seconds} s\n`,
    );
  } catch (error) {
    if (error instanceof IngestionRefused && error.kind === 'conflict') {
      throw new Error(
        'the store already holds other events under the demo ids (demo data seeded on another ' +
          `day, or with another seed): seed an empty DATA_DIR. (${error.message})`,
      );
    }
    throw error;
  } finally {
    await close();
  }
}

main().catch((error: unknown) => {
  console.error(`seed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
