import { MAX_JSON_DEPTH, MAX_JSON_FIELDS, refusalOfJsonShape } from './json-shape';

const nested = (depth: number): unknown =>
  JSON.parse('{"a":'.repeat(depth - 1) + '{}' + '}'.repeat(depth - 1));

describe('the shape of a posted body', () => {
  it('lets an ordinary event through', () => {
    expect(
      refusalOfJsonShape({ events: [{ type: 'suspect-arrested', data: { suspectNumber: 1 } }] }),
    ).toBeUndefined();
  });

  it.each(['__proto__', 'constructor', 'prototype'])(
    'names %s wherever it is, in lists too',
    (name) => {
      const body = JSON.parse(`{"events":[{"data":{}},{"data":{"x":[{"${name}":1}]}}]}`);
      expect(refusalOfJsonShape(body)?.errors).toEqual([
        { field: `events[1].data.x[0].${name}`, reason: 'is a reserved name' },
      ]);
    },
  );

  it(`takes ${MAX_JSON_DEPTH} levels and refuses one more`, () => {
    expect(refusalOfJsonShape(nested(MAX_JSON_DEPTH))).toBeUndefined();
    expect(refusalOfJsonShape(nested(MAX_JSON_DEPTH + 1))?.errors).toEqual([
      {
        field: Array.from({ length: MAX_JSON_DEPTH }, () => 'a').join('.'),
        reason: `nests deeper than ${MAX_JSON_DEPTH} levels`,
      },
    ]);
  });

  it('walks 100,000 levels without overflowing the stack', () => {
    const deep = JSON.parse('['.repeat(100_000) + ']'.repeat(100_000)) as unknown;
    expect(refusalOfJsonShape(deep)?.detail).toBe(
      `the body nests deeper than ${MAX_JSON_DEPTH} levels`,
    );
  });

  it(`counts members and list items together, up to ${MAX_JSON_FIELDS}`, () => {
    const items = Array.from({ length: MAX_JSON_FIELDS / 2 }, () => 0);
    const members = Object.fromEntries(items.map((_, i) => [`f${i}`, 0]));
    // The two containers are themselves fields of the body: two over.
    expect(refusalOfJsonShape({ items: items.slice(1), members: members })).toEqual({
      detail: `the body has more than ${MAX_JSON_FIELDS} fields`,
      errors: [{ field: '(body)', reason: `has more than ${MAX_JSON_FIELDS} fields` }],
    });
    expect(refusalOfJsonShape({ items: items.slice(2), members })).toBeUndefined();
  });
});
