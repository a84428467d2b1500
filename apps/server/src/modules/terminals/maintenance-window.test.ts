import { describe, expect, it } from 'vitest';
import { localSecondOfDay, maintenanceWindow, windowMinutes } from './maintenance-window';

const TZ = 'Asia/Shanghai';
/** An instant at a local time of Beijing on 1 December 2026. */
const local = (hhmm: string, day = '01') => new Date(`2026-12-${day}T${hhmm}:00+08:00`);

describe('the maintenance window (维护窗口)', () => {
  const day = { opens: '09:00', closes: '22:00' };
  const night = { opens: '18:00', closes: '02:00' };

  it('reads the local time of day in the business time zone', () => {
    expect(localSecondOfDay(local('00:00'), TZ)).toBe(0);
    expect(localSecondOfDay(local('23:59'), TZ)).toBe(23 * 3600 + 59 * 60);
    expect(localSecondOfDay(new Date('2026-12-01T16:30:15Z'), TZ)).toBe(30 * 60 + 15);
  });

  it('is closed during business hours and says when it opens', () => {
    expect(maintenanceWindow(day, local('12:00'), TZ, 30)).toEqual({
      kind: 'closed',
      opensAt: local('22:00'),
    });
    expect(maintenanceWindow(day, local('09:00'), TZ, 30)).toEqual({
      kind: 'closed',
      opensAt: local('22:00'),
    });
    expect(maintenanceWindow(day, local('21:59'), TZ, 30).kind).toBe('closed');
  });

  it('is open from closing time until the margin before opening, across midnight', () => {
    expect(maintenanceWindow(day, local('22:00'), TZ, 30)).toEqual({
      kind: 'open',
      closesAt: local('08:30', '02'),
    });
    expect(maintenanceWindow(day, local('03:00'), TZ, 30)).toEqual({
      kind: 'open',
      closesAt: local('08:30'),
    });
    // Inside the margin: an upgrade could still be running when the shop opens.
    expect(maintenanceWindow(day, local('08:45'), TZ, 30)).toEqual({
      kind: 'closed',
      opensAt: local('22:00'),
    });
    expect(maintenanceWindow(day, local('08:45'), TZ, 0).kind).toBe('open');
  });

  it('puts the window of business hours crossing midnight in the day', () => {
    expect(maintenanceWindow(night, local('01:00'), TZ, 30)).toEqual({
      kind: 'closed',
      opensAt: local('02:00'),
    });
    expect(maintenanceWindow(night, local('23:00'), TZ, 30)).toEqual({
      kind: 'closed',
      opensAt: local('02:00', '02'),
    });
    expect(maintenanceWindow(night, local('03:00'), TZ, 30)).toEqual({
      kind: 'open',
      closesAt: local('17:30'),
    });
    expect(maintenanceWindow(night, local('17:45'), TZ, 30).kind).toBe('closed');
    expect(windowMinutes(night, 30)).toBe(15 * 60 + 30);
  });

  it('has no window for a merchant open around the clock, or closed no longer than the margin', () => {
    expect(maintenanceWindow({ opens: '00:00', closes: '00:00' }, local('03:00'), TZ, 30)).toEqual({
      kind: 'none',
    });
    expect(maintenanceWindow({ opens: '08:00', closes: '08:00' }, local('03:00'), TZ, 0)).toEqual({
      kind: 'none',
    });
    expect(maintenanceWindow({ opens: '06:00', closes: '05:40' }, local('05:50'), TZ, 30)).toEqual({
      kind: 'none',
    });
  });
});
