import { ThrottlerStorageService } from '@nestjs/throttler';
import { MemoryRateLimitStorage } from './memory-rate-limit-storage';

/** A small deterministic generator, so a failing sequence can be replayed. */
function generator(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

type Answer = Awaited<ReturnType<MemoryRateLimitStorage['increment']>>;

/**
 * What ThrottlerGuard reads of an answer: the block's end only when blocked (otherwise it is
 * whatever the key's last block left, and idle keys are swept at other moments).
 */
const asTheGuardReadsIt = (answer: Answer) => ({
  ...answer,
  timeToBlockExpire: answer.isBlocked ? answer.timeToBlockExpire : undefined,
});

describe('the in-process rate limit count', () => {
  let now = 0;
  beforeEach(() => {
    jest.useFakeTimers({ now: 0 });
    now = 0;
  });
  afterEach(() => jest.useRealTimers());

  it.each([
    ['blocked for a while once over the limit', 10_000, 5, 200, 0.005],
    ['refused until the oldest hit leaves, without a block', 0, 5, 200, 0.005],
    ['thousands of hits in the window', 10_000, 1500, 8, 0.0005],
  ])(
    "answers every request as the library's storage does: %s",
    async (_case, blockDuration, limit, burstStepMs, pauses) => {
      const library = new ThrottlerStorageService();
      const ours = new MemoryRateLimitStorage(() => now);
      const random = generator(blockDuration + limit);
      const answers: string[] = [];
      for (let i = 0; i < 8000; i++) {
        // Bursts and pauses, so that windows fill, block, slide and empty.
        now +=
          random() >= pauses ? Math.floor(random() * burstStepMs) : Math.floor(random() * 12_000);
        jest.setSystemTime(now);
        const key = random() < 0.7 ? 'agency:police-a' : 'anonymous:0f';
        const expected = await library.increment(key, 10_000, limit, blockDuration, 'default');
        const answer = await ours.increment(key, 10_000, limit, blockDuration, 'default');
        expect(asTheGuardReadsIt(answer)).toEqual(asTheGuardReadsIt(expected));
        answers.push(expected.isBlocked ? 'refused' : 'allowed');
      }
      library.onApplicationShutdown();
      // The sequence did exercise both answers.
      expect(new Set(answers)).toEqual(new Set(['allowed', 'refused']));
    },
  );

  it('forgets a key once its window is over and nothing is blocked', async () => {
    const storage = new MemoryRateLimitStorage(() => now);
    await storage.increment('agency:police-a', 1000, 5, 1000, 'default');
    now = 5000;
    await storage.increment('agency:police-b', 1000, 5, 1000, 'default');
    expect((storage as unknown as { counts: Map<string, unknown> }).counts.size).toBe(1);
  });
});
