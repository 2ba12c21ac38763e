/**
 * Time comes in from outside: the domain and projections never read the system clock, so every
 * deadline test pins its own "now".
 */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock that stays where it is put; tests move it explicitly. */
export class FixedClock implements Clock {
  private current: Date;

  constructor(iso: string | Date) {
    this.current = new Date(iso);
  }

  now(): Date {
    return new Date(this.current);
  }

  set(iso: string | Date): void {
    this.current = new Date(iso);
  }
}
