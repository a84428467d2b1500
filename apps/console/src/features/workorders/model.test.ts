import { describe, expect, it } from 'vitest';
import { canFinishHere, relativeDue } from './model';

const now = Date.parse('2026-03-01T08:00:00Z');

describe('when a work order is due, relative to now', () => {
  it('counts minutes under an hour, ahead or behind', () => {
    expect(relativeDue('2026-03-01T08:25:00Z', now)).toEqual({ value: 25, unit: 'minute' });
    expect(relativeDue('2026-03-01T07:50:00Z', now)).toEqual({ value: -10, unit: 'minute' });
  });

  it('counts whole hours under two days, and days beyond', () => {
    expect(relativeDue('2026-03-01T13:40:00Z', now)).toEqual({ value: 5, unit: 'hour' });
    expect(relativeDue('2026-02-28T05:00:00Z', now)).toEqual({ value: -27, unit: 'hour' });
    expect(relativeDue('2026-03-05T09:00:00Z', now)).toEqual({ value: 4, unit: 'day' });
  });
});

describe('which work orders are completed from the work-order pages', () => {
  it('finishes open inspections, repairs, relocations and retrievals here', () => {
    expect(canFinishHere({ kind: 'relocation', status: 'open' })).toBe(true);
    expect(canFinishHere({ kind: 'repair', status: 'open' })).toBe(true);
  });

  it('leaves installations to the merchant page, and closed orders alone', () => {
    expect(canFinishHere({ kind: 'install', status: 'open' })).toBe(false);
    expect(canFinishHere({ kind: 'inspection', status: 'completed' })).toBe(false);
  });
});
