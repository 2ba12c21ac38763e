/**
 * Walks the audit trail's hash chain from the first entry: `npm run audit:verify`. Reads the
 * configuration as the services do (embedded: DATA_DIR/audit.sqlite; production: the
 * `<POSTGRES_SCHEMA>_audit` schema). Prints the count, OK and the last entry's sequence and hash,
 * and exits 0; or the first sequence number where the chain does not hold, and exits 1.
 */
import { loadConfig, openAuditLog } from '@vj/runtime';

async function main(): Promise<void> {
  const audit = await openAuditLog(loadConfig());
  try {
    const result = await audit.verify();
    if (result.ok) {
      // The head, to keep elsewhere: a later run that ends before it shows entries cut off the end.
      process.stdout.write(
        `audit trail: ${result.count} entries, OK; last ${result.head.sequence} ${result.head.hash}\n`,
      );
    } else {
      console.error(`audit trail: BROKEN at sequence ${result.sequence}: ${result.reason}`);
      process.exitCode = 1;
    }
  } finally {
    await audit.close();
  }
}

main().catch((error: unknown) => {
  console.error(`audit:verify: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 2;
});
