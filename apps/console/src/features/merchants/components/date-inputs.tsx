import { Checkbox, DatePicker, Space, TimePicker } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';

const dateFormat = 'YYYY-MM-DD';

function toDay(value: string | undefined): Dayjs | null {
  if (!value || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return null;
  const day = dayjs(value);
  return day.isValid() ? day : null;
}

interface DateProps {
  value?: string;
  onChange?: (value: string | undefined) => void;
  id?: string;
  testId?: string;
  disabled?: boolean;
}

/** A calendar date kept as `YYYY-MM-DD` (no time, no zone). */
export function DateStringPicker({ value, onChange, id, testId, disabled }: DateProps) {
  return (
    <DatePicker
      id={id}
      value={toDay(value)}
      onChange={(day) => onChange?.(day ? day.format(dateFormat) : undefined)}
      format={dateFormat}
      disabled={disabled}
      style={{ width: 180 }}
      data-testid={testId}
    />
  );
}

/** A validity end date, or 长期 (long-term): `'long_term'`. */
export function ValidityInput({ value, onChange, id, testId }: DateProps) {
  const { t } = useTranslation();
  const longTerm = value === 'long_term';
  return (
    <Space size={12}>
      <DateStringPicker
        id={id}
        value={longTerm ? undefined : value}
        onChange={onChange}
        disabled={longTerm}
        testId={testId}
      />
      <Checkbox checked={longTerm} onChange={(e) => onChange?.(e.target.checked ? 'long_term' : undefined)}>
        <span data-testid={testId ? `${testId}-long-term` : undefined}>{t('merchants.form.longTerm')}</span>
      </Checkbox>
    </Space>
  );
}

export interface Hours {
  open?: string;
  close?: string;
}

function toTime(hhmm: string | undefined): Dayjs | null {
  const match = hhmm ? /^(\d{2}):(\d{2})$/.exec(hhmm) : null;
  if (!match) return null;
  return dayjs().hour(Number(match[1])).minute(Number(match[2])).second(0).millisecond(0);
}

/** Opening hours as `HH:mm`–`HH:mm`; closing may be after midnight (order is not enforced). */
export function HoursRange({
  value,
  onChange,
  id,
  testId,
}: {
  value?: Hours;
  onChange?: (value: Hours) => void;
  id?: string;
  testId?: string;
}) {
  const { t } = useTranslation();
  const open = toTime(value?.open);
  const close = toTime(value?.close);
  return (
    // The test id on a wrapper: the picker would put it on its first input only.
    <span data-testid={testId}>
      <TimePicker.RangePicker
        id={id}
        format="HH:mm"
        minuteStep={5}
        order={false}
        value={[open, close]}
        allowEmpty={[true, true]}
        placeholder={[t('merchants.form.hoursStart'), t('merchants.form.hoursEnd')]}
        onChange={(range) =>
          onChange?.({
            open: range?.[0]?.format('HH:mm') ?? undefined,
            close: range?.[1]?.format('HH:mm') ?? undefined,
          })
        }
        style={{ width: 240 }}
      />
    </span>
  );
}
