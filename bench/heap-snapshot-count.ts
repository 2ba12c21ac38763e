/**
 * What a heap snapshot holds, by kind and constructor, largest first; given two, what grew from
 * the first to the second. Snapshots from `node --heapsnapshot-signal=SIGUSR2` (then `kill -USR2`)
 * or `v8.writeHeapSnapshot()`:
 *
 *   node -r @swc-node/register bench/heap-snapshot-count.ts A.heapsnapshot [B.heapsnapshot]
 */
import { readFileSync } from 'node:fs';

interface Snapshot {
  snapshot: { meta: { node_fields: string[]; node_types: [string[]] } };
  nodes: number[];
  strings: string[];
}

/** Self size and count of each `kind<TAB>constructor`; strings and code are lumped together. */
export function countByConstructor(
  snapshot: Snapshot,
): Map<string, { count: number; bytes: number }> {
  const fields = snapshot.snapshot.meta.node_fields;
  const kinds = snapshot.snapshot.meta.node_types[0];
  const [type, name, size] = ['type', 'name', 'self_size'].map((f) => fields.indexOf(f)) as [
    number,
    number,
    number,
  ];
  const counts = new Map<string, { count: number; bytes: number }>();
  for (let i = 0; i < snapshot.nodes.length; i += fields.length) {
    const kind = kinds[snapshot.nodes[i + type] as number] ?? '?';
    const label = kind.endsWith('string')
      ? '(string)'
      : kind === 'code'
        ? '(code)'
        : (snapshot.strings[snapshot.nodes[i + name] as number] ?? '').slice(0, 60);
    const key = `${kind.endsWith('string') ? 'string' : kind}\t${label}`;
    const entry = counts.get(key) ?? { count: 0, bytes: 0 };
    entry.count += 1;
    entry.bytes += snapshot.nodes[i + size] as number;
    counts.set(key, entry);
  }
  return counts;
}

const say = (line: string) => process.stdout.write(`${line}\n`);

function main(): void {
  const [first, second] = process.argv.slice(2);
  if (!first) throw new Error('usage: heap-snapshot-count.ts A.heapsnapshot [B.heapsnapshot]');
  const read = (file: string) =>
    countByConstructor(JSON.parse(readFileSync(file, 'utf8')) as Snapshot);
  const mib = (bytes: number) => (bytes / 1024 / 1024).toFixed(2).padStart(8);
  const a = read(first);
  const total = (counts: typeof a) => [...counts.values()].reduce((s, e) => s + e.bytes, 0);
  say(`${first}: ${mib(total(a))} MiB`);
  let rows = [...a].map(([key, e]) => ({ key, ...e }));
  if (second) {
    const b = read(second);
    say(`${second}: ${mib(total(b))} MiB; what grew (MiB, count):`);
    rows = [...new Set([...a.keys(), ...b.keys()])].map((key) => ({
      key,
      count: (b.get(key)?.count ?? 0) - (a.get(key)?.count ?? 0),
      bytes: (b.get(key)?.bytes ?? 0) - (a.get(key)?.bytes ?? 0),
    }));
  }
  rows.sort((x, y) => Math.abs(y.bytes) - Math.abs(x.bytes));
  for (const row of rows.slice(0, 30))
    say(`${mib(row.bytes)} ${String(row.count).padStart(9)}  ${row.key}`);
}

if (require.main === module) main();
