import { getMetadataStorage, IsInt, MetadataStorage, Min } from 'class-validator';
import { IncomingEventEnvelope } from './envelope';
import { EVENT_SCHEMAS } from './registry';
import { validateIncomingEvent } from './validate';
import { rememberValidationMetadata } from './validation-metadata-cache';

/** The library's own answers, computed afresh by its unwrapped methods. */
const fresh = MetadataStorage.prototype;

describe("class-validator's rules remembered per class", () => {
  const storage = getMetadataStorage();
  // Installed by validate.ts on import; installing again changes nothing.
  rememberValidationMetadata();

  it('gives every schema class the rules the library finds for it, grouped alike', () => {
    for (const cls of [IncomingEventEnvelope, ...EVENT_SCHEMAS.map((s) => s.data)]) {
      for (const always of [true, false]) {
        const remembered = storage.getTargetValidationMetadatas(cls, '', always, false);
        expect(remembered).toEqual(
          fresh.getTargetValidationMetadatas.call(storage, cls, '', always, false),
        );
        // The second answer is the first, kept.
        expect(storage.getTargetValidationMetadatas(cls, '', always, false)).toBe(remembered);
        expect(storage.groupByPropertyName(remembered)).toEqual(
          fresh.groupByPropertyName.call(storage, remembered),
        );
      }
    }
  });

  it('forgets what it kept when a class with rules is loaded later', () => {
    class Later {
      @IsInt()
      count!: number;
    }
    expect(storage.getTargetValidationMetadatas(Later, '', false, false)).toHaveLength(1);
    class EvenLater extends Later {
      @Min(1)
      declare count: number;
    }
    // A decorator applied to an ancestor after a lookup shows in the next one.
    Min(0)(Later.prototype, 'count');
    expect(storage.getTargetValidationMetadatas(Later, '', false, false)).toHaveLength(2);
    expect(storage.getTargetValidationMetadatas(EvenLater, '', false, false)).toEqual(
      fresh.getTargetValidationMetadatas.call(storage, EvenLater, '', false, false),
    );
  });

  it('leaves validation answering as before', () => {
    const outcome = validateIncomingEvent(
      { eventId: 'x', type: 'suspect-arrested', schemaVersion: 1, data: { suspectNumber: 0 } },
      new Date('2026-03-10T12:00:00Z'),
    );
    expect(outcome).toEqual({
      valid: false,
      errors: [
        { field: 'occurredAt', reason: expect.any(String) as string },
        { field: 'crimeReference', reason: expect.any(String) as string },
        { field: 'data.suspectNumber', reason: 'must not be less than 1' },
      ],
    });
  });
});
