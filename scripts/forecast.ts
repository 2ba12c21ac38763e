/**
 * The Code-impact forecast: `npm run forecast -- --edition <file> --from <date> --to <date>
 * [--area <area>] [--json]`. Replays every stored journey under the edition in force and under the
 * draft edition in the file, and prints per agency and rule what each makes of the entitlements
 * triggered in the period. Reads the event store only: no read model or checkpoint is written.
 * `npm run forecast -- --schema` prints the draft file's JSON Schema (docs/forecast-edition.schema.json).
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { SingleBar } from 'cli-progress';
import {
  countStoredEvents,
  readForecastPeriod,
  replayForecast,
  type ForecastReport,
} from '@vj/read-models';
import type { ForecastCounts } from '@vj/projections';
import { clockOf, loadConfig, openEventStore } from '@vj/runtime';
import { draftEditionSchema, readDraftEdition, type CodeEdition } from '@vj/victims-code';

class UsageError extends Error {}

function readDraft(file: string): CodeEdition {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new UsageError(`${file} is not readable JSON: ${(error as Error).message}`);
  }
  const read = readDraftEdition(json);
  if (read.problems)
    throw new UsageError(
      `${file} is not a valid draft edition (docs/forecast-edition.schema.json):\n` +
        read.problems.map((p) => `  ${p.field}: ${p.reason}`).join('\n'),
    );
  return read.edition;
}

const percent = (rate: number | null) => (rate === null ? '-' : `${(rate * 100).toFixed(1)}%`);
const signed = (n: number) => (n > 0 ? `+${n}` : String(n));

function cell(inForce: number, draft: number, difference: number): string {
  return `${inForce} → ${draft} (${signed(difference)})`;
}

function rateCell(inForce: number | null, draft: number | null, difference: number | null): string {
  const change = difference === null ? '' : ` (${signed(Math.round(difference * 1000) / 10)} pts)`;
  return `${percent(inForce)} → ${percent(draft)}${change}`;
}

/** The table: in force → draft (difference), one line per agency and rule. */
function tableOf(report: ForecastReport): string {
  const columns: [string, (k: ForecastCounts, d: ForecastCounts, x: ForecastCounts) => string][] = [
    ['created', (k, d, x) => cell(k.created, d.created, x.created)],
    ['met', (k, d, x) => cell(k.met, d.met, x.met)],
    ['met late', (k, d, x) => cell(k.metLate, d.metLate, x.metLate)],
    ['breached', (k, d, x) => cell(k.breached, d.breached, x.breached)],
    ['pending', (k, d, x) => cell(k.pending, d.pending, x.pending)],
    ['on time', (k, d, x) => rateCell(k.onTimeRate, d.onTimeRate, x.onTimeRate)],
    ['breach rate', (k, d, x) => rateCell(k.breachRate, d.breachRate, x.breachRate)],
  ];
  const lines = [
    ['agency', 'rule', ...columns.map(([name]) => name)],
    ...report.rows.map((r) => [
      r.owedBy,
      r.ruleId,
      ...columns.map(([, f]) => f(r.inForce, r.draft, r.difference)),
    ]),
  ];
  const widths = lines[0]!.map((_, i) => Math.max(...lines.map((l) => l[i]!.length)));
  const period = report.period;
  return [
    `Code-impact forecast: in force → ${report.draft.id} (${report.draft.title}, effective ${report.draft.effectiveFrom})`,
    `entitlements triggered ${period.from} to ${period.to}${period.policeAreas ? ` in ${period.policeAreas.join(', ')}` : ', every area'}, judged at ${report.judgedAt}; ${report.journeys} journeys replayed`,
    ...(report.unreadableEvents || report.unjudgedJourneys
      ? [
          `left out: ${report.unreadableEvents} unreadable events, ${report.unjudgedJourneys} journeys that could not be judged`,
        ]
      : []),
    '',
    ...lines.map((l) =>
      l
        .map((c, i) => c.padEnd(widths[i]!))
        .join('  ')
        .trimEnd(),
    ),
  ].join('\n');
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      edition: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      area: { type: 'string' },
      json: { type: 'boolean', default: false },
      schema: { type: 'boolean', default: false },
    },
  });
  if (values.schema) {
    process.stdout.write(`${JSON.stringify(draftEditionSchema(), null, 2)}\n`);
    return;
  }
  if (!values.edition)
    throw new UsageError('--edition <file> is required: a draft edition in JSON');
  const draft = readDraft(values.edition);
  const read = readForecastPeriod(values);
  if (read.problems)
    throw new UsageError(read.problems.map((p) => `--${p.field} ${p.reason}`).join('\n'));

  const config = loadConfig();
  const store = await openEventStore(config);
  const bar = new SingleBar({
    format: 'forecast [{bar}] {value}/{total} events  {eta_formatted} left',
    noTTYOutput: true,
    notTTYSchedule: 250,
    stream: process.stderr,
  });
  try {
    const total = await countStoredEvents(store);
    bar.start(Math.max(total, 1), 0);
    let done = 0;
    const report = await replayForecast(store, draft, read.period, clockOf(config).now(), {
      scanned: (n) => {
        done += n;
        if (done > bar.getTotal()) bar.setTotal(done);
        bar.update(done);
      },
    });
    bar.stop();
    process.stdout.write(
      values.json ? `${JSON.stringify(report, null, 2)}\n` : `${tableOf(report)}\n`,
    );
  } finally {
    bar.stop();
    await store.close();
  }
}

main().catch((error: unknown) => {
  console.error(`forecast: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = error instanceof UsageError ? 2 : 1;
});
