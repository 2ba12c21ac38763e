import { buildEventCatalogue } from '@vj/event-schemas';
import { eventSchemaComponents } from './event-schemas';
import { withoutOpenApi30 } from './openapi-document';

describe('the OpenAPI 3.1 post-processing', () => {
  it('turns nullable into a null type, and a schema example into examples', () => {
    expect(
      withoutOpenApi30({
        parameters: [{ name: 'limit', example: 5, schema: { type: 'integer', nullable: true } }],
        components: {
          schemas: {
            Found: { $ref: '#/components/schemas/Other', nullable: true },
            Named: { type: 'string', example: 'x' },
          },
        },
      }),
    ).toEqual({
      parameters: [{ name: 'limit', example: 5, schema: { type: ['integer', 'null'] } }],
      components: {
        schemas: {
          Found: { oneOf: [{ $ref: '#/components/schemas/Other' }, { type: 'null' }] },
          Named: { type: 'string', examples: ['x'] },
        },
      },
    });
  });
});

describe('the event request bodies, generated from the catalogue', () => {
  const catalogue = buildEventCatalogue();
  const components = eventSchemaComponents(catalogue);

  it('offers every published type under a discriminator on type, and every version within it', () => {
    const mapping = (components.PostedEvent as { discriminator: { mapping: object } }).discriminator
      .mapping;
    expect(Object.keys(mapping).sort()).toEqual(
      [...new Set(catalogue.events.map((e) => e.type))].sort(),
    );
    expect(components.SentencedEvent).toMatchObject({
      oneOf: [
        { $ref: '#/components/schemas/SentencedV1Event' },
        { $ref: '#/components/schemas/SentencedV2Event' },
      ],
    });
    expect(components.SentencedV2Event).toMatchObject({
      properties: {
        type: { const: 'sentenced' },
        schemaVersion: { const: 2 },
        data: { $ref: '#/components/schemas/SentencedV2Data' },
      },
      additionalProperties: false,
    });
    expect((components.PublishedEvent as { oneOf: unknown[] }).oneOf).toHaveLength(
      catalogue.events.length,
    );
  });

  it('points shared definitions at components, and includes each one referred to', () => {
    const text = JSON.stringify(components);
    expect(text).not.toContain('#/definitions/');
    for (const [, name] of text.matchAll(/#\/components\/schemas\/(\w+)/g)) {
      expect(components[name as string]).toBeDefined();
    }
  });

  it('gives each date one form: an instant is a date-time, a calendar date a date', () => {
    expect(components.CrimeReportedEvent).toMatchObject({
      properties: { occurredAt: { type: 'string', format: 'date-time' } },
    });
    expect(components.CrimeReportedV1Data).toMatchObject({
      properties: { victimDateOfBirth: { type: 'string', format: 'date' } },
    });
  });
});
