import { Select } from 'antd';
import type { CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import { useTerminalModels, useWarehouses } from '../api';

interface Props {
  value?: string | undefined;
  onChange?: (value: string | undefined) => void;
  allowClear?: boolean;
  style?: CSSProperties;
  testId?: string;
  placeholder?: string;
}

/** Picks a terminal model (brand + model); retired models stay listed, marked, for filtering. */
export function TerminalModelSelect({ value, onChange, allowClear, style, testId, placeholder }: Props) {
  const { t } = useTranslation();
  const models = useTerminalModels();
  return (
    <Select
      value={value}
      onChange={(v) => onChange?.(v ?? undefined)}
      allowClear={allowClear}
      showSearch={{ optionFilterProp: 'label' }}
      loading={models.isPending}
      placeholder={placeholder ?? t('common.all')}
      style={style ?? { width: 180 }}
      options={(models.data ?? []).map((m) => ({
        value: m.id,
        label:
          m.status === 'retired'
            ? `${m.brand} ${m.model} (${t('terminals.models.statuses.retired')})`
            : `${m.brand} ${m.model}`,
      }))}
      data-testid={testId}
    />
  );
}

/** Picks one warehouse of the user's subtree (one per organisation or agent). */
export function WarehouseSelect({ value, onChange, allowClear, style, testId, placeholder }: Props) {
  const { t } = useTranslation();
  const warehouses = useWarehouses();
  return (
    <Select
      value={value}
      onChange={(v) => onChange?.(v ?? undefined)}
      allowClear={allowClear}
      showSearch={{ optionFilterProp: 'label' }}
      loading={warehouses.isPending}
      placeholder={placeholder ?? t('common.all')}
      style={style ?? { width: 200 }}
      options={(warehouses.data ?? []).map((w) => ({ value: w.id, label: `${w.name} (${w.code})` }))}
      data-testid={testId}
    />
  );
}
