// The port is importable anywhere (projections, use cases) because it loads no driver: each
// adapter has its own entry point. Any driver loaded here fails the test.
const DRIVERS = ['better-sqlite3', 'pg', '@eventstore/db-client'];

describe('@vj/event-store, the port', () => {
  it('loads no store driver', async () => {
    const loaded: string[] = [];
    for (const driver of DRIVERS) {
      jest.doMock(driver, () => {
        loaded.push(driver);
        return {};
      });
    }
    await jest.isolateModulesAsync(async () => {
      const port = (await import('@vj/event-store')) as Record<string, unknown>;
      expect(Object.keys(port)).toEqual(
        expect.arrayContaining([
          'VICTIM_STREAM_PREFIX',
          'expectedRevisionMatches',
          'assertAppendable',
        ]),
      );
    });
    expect(loaded).toEqual([]);
  });

  it('leaves the adapters to their own entry points', async () => {
    const loaded: string[] = [];
    jest.doMock('better-sqlite3', () => {
      loaded.push('better-sqlite3');
      return {};
    });
    await jest.isolateModulesAsync(async () => {
      await import('@vj/event-store/sqlite');
    });
    expect(loaded).toEqual(['better-sqlite3']);
  });
});
