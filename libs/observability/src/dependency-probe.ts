/** The part of a health indicator a probe uses (terminus's HealthIndicatorService matches it). */
export interface HealthIndicators<R> {
  check(key: string): { up(): R; down(): R };
}

/**
 * A dependency is up when it answers. Its error is not shown: it could name hosts or users.
 */
export async function probeDependency<R>(
  indicators: HealthIndicators<R>,
  name: string,
  answer: () => Promise<unknown>,
): Promise<R> {
  const indicator = indicators.check(name);
  try {
    await answer();
    return indicator.up();
  } catch {
    return indicator.down();
  }
}
