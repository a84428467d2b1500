import dayjs from 'dayjs';
import { displayTimeZone } from '../../app/format';
import type { MerchantChangeKind } from './model';

/** Today as a business date (Asia/Shanghai), YYYY-MM-DD, whatever the browser's zone. */
export function businessToday(): string {
  return dayjs().tz(displayTimeZone).format('YYYY-MM-DD');
}

/** A YYYY-MM-DD date moved by whole days. */
export function addDays(date: string, days: number): string {
  return dayjs(date).add(days, 'day').format('YYYY-MM-DD');
}

/**
 * The first day a change of this kind may take effect: today, or tomorrow for a rate change (the fees
 * of a day already begun never change).
 */
export function earliestEffectiveDate(kind: MerchantChangeKind | undefined, today = businessToday()): string {
  return kind === 'rate_plan' ? addDays(today, 1) : today;
}

/** The latest of YYYY-MM-DD dates (they sort as text); empty strings count as no date. */
export function latestDate(first: string, ...rest: string[]): string {
  return [first, ...rest].filter(Boolean).sort().at(-1) ?? first;
}
