/**
 * Answers of a slow calculation kept for the next caller, at most `capacity` of them: past that
 * the oldest kept answer is forgotten first, so a long-running process (the worker, projecting
 * event after event) holds a bounded amount whatever it reads, and what it read last is still at
 * hand.
 */
export class Remembered<K, V> {
  private readonly answers = new Map<K, V>();

  constructor(readonly capacity: number) {
    if (!Number.isSafeInteger(capacity) || capacity < 1)
      throw new RangeError(`A capacity must be a whole number, one or more: ${capacity}`);
  }

  get size(): number {
    return this.answers.size;
  }

  get(key: K): V | undefined {
    return this.answers.get(key);
  }

  /** Keeps `value` as the answer for `key`, forgetting the oldest answer if full; returns `value`. */
  keep(key: K, value: V): V {
    if (!this.answers.has(key) && this.answers.size >= this.capacity) {
      // A Map iterates in insertion order: its first key is the oldest.
      for (const oldest of this.answers.keys()) {
        this.answers.delete(oldest);
        break;
      }
    }
    this.answers.set(key, value);
    return value;
  }
}
