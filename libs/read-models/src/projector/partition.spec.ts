import { randomUUID } from 'node:crypto';
import { checkPartition, partitionOf, partitionProjection } from './partition';

const victimStreams = (n: number) => Array.from({ length: n }, () => `victim-${randomUUID()}`);

describe('partitionOf: which partition of a rebuild projects a stream', () => {
  it('puts every stream in exactly one partition, the same one every time', () => {
    for (const count of [1, 2, 3, 7]) {
      for (const id of victimStreams(200)) {
        const k = partitionOf(id, count);
        expect(Number.isInteger(k) && k >= 0 && k < count).toBe(true);
        expect(partitionOf(id, count)).toBe(k);
      }
    }
  });

  it('never changes: checkpoints stored by one version are resumed by the next', () => {
    // Pinned: a rebuild killed half-way resumes its partitions with whatever code is deployed next.
    expect(
      ['victim-0', 'victim-1', 'victim-00000000-0000-4000-8000-000000000000'].map((id) =>
        partitionOf(id, 3),
      ),
    ).toEqual([2, 0, 2]);
  });

  it('shares streams out evenly, random ids and sequential ones alike', () => {
    const sequential = Array.from({ length: 30_000 }, (_, i) => `victim-${i}`);
    for (const ids of [victimStreams(30_000), sequential]) {
      for (const count of [2, 3, 8]) {
        const sizes = new Array<number>(count).fill(0);
        for (const id of ids) sizes[partitionOf(id, count)]! += 1;
        const even = ids.length / count;
        for (const size of sizes) expect(Math.abs(size - even) / even).toBeLessThan(0.05);
      }
    }
  });

  it('names each partition its own checkpoint, and refuses a partition outside its count', () => {
    expect(partitionProjection('victim-journey-rebuild', { index: 1, count: 3 })).toBe(
      'victim-journey-rebuild.1-of-3',
    );
    expect(() => checkPartition({ index: 3, count: 3 })).toThrow(/0 <= k < N/);
    expect(() => checkPartition({ index: 0, count: 0 })).toThrow(/0 <= k < N/);
  });
});
