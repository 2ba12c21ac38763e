/** What one append of a group came to: its answer, or the error it alone is refused with. */
export type GroupOutcome<R> = { ok: true; value: R } | { ok: false; error: Error };

interface Waiting<A, R> {
  append: A;
  resolve: (value: R) => void;
  reject: (error: Error) => void;
}

export interface GroupCommitOptions {
  /** The most appends one commit carries, so that no append waits behind an unbounded group. */
  maxGroupSize: number;
  /** How many groups may be committing at once (1 for a store that writes synchronously). */
  maxGroupsInFlight: number;
}

/**
 * Gathers the appends that arrive while the process is busy (before the next turn of the event
 * loop, or while earlier groups are committing) into groups, and commits each group with one
 * durable commit: what makes concurrent appends share an fsync.
 *
 * `commit` answers one outcome per append, in order, once the group's commit is durable; each
 * append's promise is settled only then. If `commit` throws (the commit itself failed), every
 * append of the group is rejected with that error.
 */
export class GroupCommit<A, R> {
  private readonly waiting: Waiting<A, R>[] = [];
  private readonly inFlight = new Set<Promise<void>>();
  private scheduled = false;

  constructor(
    private readonly commit: (group: A[]) => Promise<GroupOutcome<R>[]>,
    private readonly options: GroupCommitOptions,
  ) {}

  submit(append: A): Promise<R> {
    const answer = new Promise<R>((resolve, reject) => {
      this.waiting.push({ append, resolve, reject });
    });
    this.schedule();
    return answer;
  }

  /** Commits every append submitted so far; resolves once each is settled. */
  async drain(): Promise<void> {
    while (this.waiting.length > 0 || this.inFlight.size > 0) {
      this.startGroups();
      await Promise.all(this.inFlight);
    }
  }

  // Deferred to the next turn of the event loop, so that every append made in this one (and in
  // the microtasks it runs) joins the group.
  private schedule(): void {
    if (this.scheduled || this.inFlight.size >= this.options.maxGroupsInFlight) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.startGroups();
    });
  }

  private startGroups(): void {
    while (this.waiting.length > 0 && this.inFlight.size < this.options.maxGroupsInFlight) {
      const committing = this.commitGroup(this.waiting.splice(0, this.options.maxGroupSize));
      this.inFlight.add(committing);
      void committing.finally(() => {
        this.inFlight.delete(committing);
        if (this.waiting.length > 0) this.schedule();
      });
    }
  }

  /** Never rejects: every failure becomes the rejection of the group's appends. */
  private async commitGroup(group: Waiting<A, R>[]): Promise<void> {
    try {
      const outcomes = await this.commit(group.map((w) => w.append));
      group.forEach((waiting, i) => {
        const outcome = outcomes[i];
        if (!outcome) waiting.reject(new Error('the group commit answered too few outcomes'));
        else if (outcome.ok) waiting.resolve(outcome.value);
        else waiting.reject(outcome.error);
      });
    } catch (error) {
      const failure = error instanceof Error ? error : new Error(String(error));
      for (const waiting of group) waiting.reject(failure);
    }
  }
}
