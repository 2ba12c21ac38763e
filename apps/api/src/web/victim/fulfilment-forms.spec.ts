import { FULFILMENT_FORMS, londonInstant, londonNow, readRecordForm } from './fulfilment-forms';

const NOW = new Date('2026-07-10T15:00:00Z');
const method = FULFILMENT_FORMS['victim-informed']?.choices ?? [];

describe('the "record as done" form', () => {
  // Given a London date and time, then the instant: BST in summer, GMT in winter.
  it.each([
    ['2026-07-09', 10, 30, '2026-07-09T09:30:00.000Z'],
    ['2026-12-09', 10, 30, '2026-12-09T10:30:00.000Z'],
    ['2026-03-29', 0, 30, '2026-03-29T00:30:00.000Z'], // before the clocks go forward at 01:00
    ['2026-03-29', 2, 30, '2026-03-29T01:30:00.000Z'], // after
  ])('reads %s %i:%i in London as %s', (date, hour, minute, instant) => {
    expect(londonInstant(date, hour, minute)).toBe(instant);
  });

  it('takes a real date and time in the past, and the choice made', () => {
    const read = readRecordForm(
      { day: '9', month: '7', year: '2026', time: '10:30', method: 'phone' },
      method,
      NOW,
    );
    expect(read).toMatchObject({
      errors: [],
      occurredAt: '2026-07-09T09:30:00.000Z',
      data: { method: 'phone' },
    });
  });

  it.each([
    [{ day: '', month: '', year: '', time: '10:30' }, 'day', 'Enter the date it happened'],
    [
      { day: '9', month: '', year: '', time: '10:30' },
      'month',
      'The date it happened must include a month and a year',
    ],
    [
      { day: '31', month: '2', year: '2026', time: '10:30' },
      'day',
      'The date it happened must be a real date',
    ],
    [
      { day: '10', month: '7', year: '2026', time: '17:00' },
      'day',
      'The date and time it happened must be in the past',
    ],
    [
      { day: '9', month: '7', year: '2026', time: '25:00' },
      'time',
      'Enter the time as hours and minutes, like 14:30',
    ],
  ])('refuses %j: %s says "%s"', (form, field, text) => {
    const read = readRecordForm({ ...form, method: 'phone' }, method, NOW);
    expect(read.errors).toContainEqual({ field, text });
    expect(read.occurredAt).toBeUndefined();
  });

  it('asks for a choice not made, or not one of the options', () => {
    for (const answer of ['', 'carrier-pigeon']) {
      const read = readRecordForm(
        { day: '9', month: '7', year: '2026', time: '10:30', method: answer },
        method,
        NOW,
      );
      expect(read.errors).toEqual([
        { field: 'method', text: 'Select an answer: how was the victim told?' },
      ]);
    }
  });

  it("fills the form in with London's date and time", () => {
    expect(londonNow(NOW)).toEqual({ day: '10', month: '7', year: '2026', time: '16:00' });
  });
});
