import type { BusinessHours } from '../merchants';

/**
 * 维护窗口: a terminal may be upgraded only while its merchant is closed — from closing time until
 * `marginMinutes` before opening, in the business time zone. Hours that cross midnight (18:00–02:00) put
 * the window in the day (02:00–17:30); a merchant open around the clock (opens = closes) has none, and
 * neither has one whose window is no longer than the margin.
 */
export type WindowState =
  | { kind: 'none' }
  | { kind: 'open'; closesAt: Date }
  | { kind: 'closed'; opensAt: Date };

const DAY_SECONDS = 24 * 3600;

function minutesOf(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return h! * 60 + m!;
}

/** Seconds since local midnight of an instant in a time zone. */
export function localSecondOfDay(at: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hourCycle: 'h23',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(at);
  const part = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return part('hour') * 3600 + part('minute') * 60 + part('second');
}

/** Length of the window in minutes (0: none). */
export function windowMinutes(hours: BusinessHours, marginMinutes: number): number {
  const opens = minutesOf(hours.opens);
  const closes = minutesOf(hours.closes);
  if (opens === closes) return 0;
  return Math.max(0, ((opens - closes + 1440) % 1440) - marginMinutes);
}

export function maintenanceWindow(
  hours: BusinessHours,
  now: Date,
  timeZone: string,
  marginMinutes: number,
): WindowState {
  const length = windowMinutes(hours, marginMinutes) * 60;
  if (length === 0) return { kind: 'none' };
  // Seconds since the window last started (at closing time).
  const since = (localSecondOfDay(now, timeZone) - minutesOf(hours.closes) * 60 + DAY_SECONDS) % DAY_SECONDS;
  return since < length
    ? { kind: 'open', closesAt: new Date(now.getTime() + (length - since) * 1000) }
    : { kind: 'closed', opensAt: new Date(now.getTime() + (DAY_SECONDS - since) * 1000) };
}
