/**
 * Compacts the read models' indexes: `npm run read-models:reindex`. On PostgreSQL every read-model
 * table's indexes are rebuilt with `REINDEX TABLE CONCURRENTLY`, beside the running service (reads
 * and writes go on); the compliance report's index grows with every move of a count, not with its
 * rows (`ReadModels.reindex` says why), so run this when docs/operations.md's check says so. On
 * SQLite (embedded) there is nothing to do.
 */
import { loadConfig, openReadModels } from '@vj/runtime';

const MiB = 1024 * 1024;

async function main(): Promise<void> {
  const readModels = await openReadModels(loadConfig());
  try {
    const sizes = await readModels.reindex('live');
    if (sizes.length === 0) process.stdout.write('SQLite read models: nothing to reindex\n');
    for (const { table, bytesBefore, bytesAfter } of sizes)
      process.stdout.write(
        `${table}: indexes ${(bytesBefore / MiB).toFixed(1)} MiB -> ${(bytesAfter / MiB).toFixed(1)} MiB\n`,
      );
  } finally {
    await readModels.close();
  }
}

main().catch((error: unknown) => {
  console.error(`read-models:reindex: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
