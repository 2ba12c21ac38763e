import type { AppendedEvents } from '@vj/ingestion';

/** What a read covers: one victim, or the victims of some police areas. */
export type ReadScope = { victimId: string } | { policeAreas: readonly string[] };

/** Entries kept before projected ones are forgotten; then twice as many as were left. */
const FIRST_SWEEP_AT = 1_024;

/**
 * The global position of the last event this API stored for each victim and police area: what a
 * read of that victim or area must see projected before it answers (read your writes), and no more.
 */
export class AppendedPositions {
  private last: bigint | undefined;
  private readonly byVictim = new Map<string, bigint>();
  private readonly byArea = new Map<string, bigint>();
  private sweepAt = FIRST_SWEEP_AT;

  appended({ victimId, policeArea, position }: AppendedEvents, projected?: bigint): void {
    raise(this.byVictim, victimId, position);
    raise(this.byArea, policeArea, position);
    if (this.last === undefined || position > this.last) this.last = position;
    if (this.byVictim.size >= this.sweepAt && projected !== undefined) {
      forget(this.byVictim, projected);
      forget(this.byArea, projected);
      this.sweepAt = Math.max(FIRST_SWEEP_AT, 2 * this.byVictim.size);
    }
  }

  /** The position a read of this scope waits for; undefined when this API stored nothing in it. */
  awaitedBy(scope: ReadScope): bigint | undefined {
    if ('victimId' in scope) return this.byVictim.get(scope.victimId);
    let awaited: bigint | undefined;
    for (const area of scope.policeAreas) {
      const position = this.byArea.get(area);
      if (position !== undefined && (awaited === undefined || position > awaited))
        awaited = position;
    }
    return awaited;
  }

  /** The last position this API stored at all. */
  get everything(): bigint | undefined {
    return this.last;
  }
}

function raise(positions: Map<string, bigint>, key: string, position: bigint): void {
  const known = positions.get(key);
  if (known === undefined || position > known) positions.set(key, position);
}

function forget(positions: Map<string, bigint>, projected: bigint): void {
  for (const [key, position] of positions) if (position <= projected) positions.delete(key);
}
