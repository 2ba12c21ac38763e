import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { CATALOGUE_FILE, catalogueText } from '../scripts/generate-catalogue';
import { buildEventCatalogue } from './catalogue';
import { EVENT_TYPES } from './registry';

describe('the published event catalogue', () => {
  const catalogue = buildEventCatalogue();

  it('is the committed event-schemas/catalogue.json (run npm run schemas:generate after changing a schema)', () => {
    expect(readFileSync(CATALOGUE_FILE, 'utf8')).toEqual(catalogueText());
  });

  it('lists every event type of the journey, each with who may post it and a JSON Schema', () => {
    expect(EVENT_TYPES).toHaveLength(58);
    expect(catalogue.events).toHaveLength(60);
    for (const entry of catalogue.events) {
      expect(entry.owners.length).toBeGreaterThan(0);
      expect(entry.data).toMatchObject({ type: 'object', additionalProperties: false });
    }
  });

  it('describes fields, inherited ones included, and nested classes by reference', () => {
    const bySchema = (type: string, version = 1) =>
      catalogue.events.find((e) => e.type === type && e.schemaVersion === version)?.data;
    expect(bySchema('suspect-arrested')).toMatchObject({
      properties: { suspectNumber: { type: 'integer', minimum: 1 } },
      required: ['suspectNumber'],
    });
    expect(bySchema('crime-reported')).toMatchObject({
      properties: { enhancedRights: { $ref: '#/definitions/EnhancedRightsAssessment' } },
    });
    expect(catalogue.definitions).toHaveProperty('EnhancedRightsAssessment');
    // A field only some results need is in the schema but not required by it.
    expect(bySchema('result-sent-to-witness-care')).toMatchObject({
      properties: { result: { enum: ['hearing-details', 'verdict', 'sentence'] } },
      required: ['result'],
    });
    expect(bySchema('review-requested')).toMatchObject({
      properties: { scheme: { enum: ['police-vrr', 'cps-vrr'] } },
      required: ['reviewId'],
    });
    expect(bySchema('sentenced', 2)).toMatchObject({
      properties: { disposal: { enum: expect.arrayContaining(['suspended-sentence']) } },
    });
  });

  it('gives the envelope every agency sends', () => {
    expect(catalogue.envelope).toMatchObject({
      required: expect.arrayContaining([
        'eventId',
        'type',
        'schemaVersion',
        'occurredAt',
        'crimeReference',
        'data',
      ]),
    });
  });
});
