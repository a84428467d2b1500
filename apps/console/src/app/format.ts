import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import timezone from 'dayjs/plugin/timezone';
import utc from 'dayjs/plugin/utc';
import i18next from 'i18next';

dayjs.extend(utc);
dayjs.extend(timezone);

/** Business time zone: every time on screen is shown in it. */
export const displayTimeZone = 'Asia/Shanghai';

export function dayjsLocaleOf(locale: string): string {
  return locale === 'en-US' ? 'en' : 'zh-cn';
}

function currentLocale(): string {
  return i18next.language === 'en-US' ? 'en-US' : 'zh-CN';
}

export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const value = dayjs(iso);
  if (!value.isValid()) return iso;
  return value.tz(displayTimeZone).locale(dayjsLocaleOf(currentLocale())).format('YYYY-MM-DD HH:mm:ss');
}

export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  const value = dayjs(iso);
  return value.isValid() ? value.tz(displayTimeZone).format('YYYY-MM-DD') : iso;
}

/** Relative time such as "3 minutes ago", falling back to the full time for older moments. */
export function formatRelative(iso: string): string {
  const minutes = dayjs().diff(dayjs(iso), 'minute');
  const rtf = new Intl.RelativeTimeFormat(currentLocale(), { numeric: 'auto' });
  if (minutes < 60) return rtf.format(-Math.max(minutes, 0), 'minute');
  if (minutes < 24 * 60) return rtf.format(-Math.floor(minutes / 60), 'hour');
  return formatDateTime(iso);
}

/**
 * A picker value (wall-clock time as the user picked it) read as business time, written as an ISO
 * date-time with offset, e.g. `2026-11-25T00:00:00+08:00`.
 */
export function pickerToIso(value: dayjs.Dayjs): string {
  return dayjs.tz(value.format('YYYY-MM-DDTHH:mm:ss'), displayTimeZone).format();
}

const minorDigits: Record<string, number> = { JPY: 0, KRW: 0 };

/** Amounts cross JSON as strings of minor units; format them without going through floats. */
export function formatAmount(minorUnits: string | bigint, currency = 'CNY'): string {
  const digits = minorDigits[currency] ?? 2;
  const minor = typeof minorUnits === 'bigint' ? minorUnits : BigInt(minorUnits);
  const negative = minor < 0n;
  const abs = negative ? -minor : minor;
  const scale = 10n ** BigInt(digits);
  const whole = abs / scale;
  const fraction = (abs % scale).toString().padStart(digits, '0');
  const format = new Intl.NumberFormat(currentLocale(), {
    style: 'currency',
    currency,
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
  // Format the integer part as bigint (exact), then splice in the exact fraction.
  // (-0 has no sign as a bigint, so a negative amount under one unit is formatted as -1 with its integer zeroed.)
  const parts = format.formatToParts(negative ? -(whole === 0n ? 1n : whole) : whole);
  let out = '';
  for (const part of parts) {
    if (part.type === 'fraction') out += fraction;
    else if (part.type === 'integer' && whole === 0n) out += '0';
    else out += part.value;
  }
  return out;
}

export function formatNumber(value: number | bigint): string {
  return new Intl.NumberFormat(currentLocale()).format(value);
}

/** Now as a picker value: the business wall-clock time (Asia/Shanghai), whatever the browser's zone; see pickerToIso. */
export function pickerNow(): dayjs.Dayjs {
  return dayjs(dayjs().tz(displayTimeZone).format('YYYY-MM-DDTHH:mm:00'));
}
