import { Select, Space, Tag, Typography } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { MccReference } from '../../../api/types';
import { useMccReference } from '../api';

const riskColors: Record<string, string> = { low: 'green', medium: 'orange', high: 'red' };

interface Props {
  value?: string;
  onChange?: (value: string | undefined) => void;
  id?: string;
  testId?: string;
  style?: React.CSSProperties;
  allowClear?: boolean;
  placeholder?: string;
}

interface MccOption {
  value: string;
  label: string;
  searchText: string;
  name: string;
  categoryLabel: string;
  riskClass: string;
}

function useMccOptions(reference: MccReference | undefined, english: boolean) {
  return useMemo(() => {
    if (!reference) return [];
    return reference.categories.map((c) => {
      const categoryLabel = english ? c.en : c.category;
      return {
        label: (
          <Space size={6}>
            <Typography.Text strong>{categoryLabel}</Typography.Text>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {english ? c.category : c.en}
            </Typography.Text>
          </Space>
        ),
        title: c.description,
        options: reference.codes
          .filter((m) => m.category === c.category)
          .map(
            (m): MccOption => ({
              value: m.code,
              label: `${m.code} ${english ? m.en : m.zh}`,
              searchText: `${m.code} ${m.zh} ${m.en} ${c.category} ${c.en}`.toLowerCase(),
              name: english ? m.en : m.zh,
              categoryLabel,
              riskClass: m.riskClass,
            }),
          ),
      };
    });
  }, [reference, english]);
}

/** MCC picker: grouped by China pricing class (餐娱类, 一般类 …), searchable by code or name. */
export function MccSelect({ value, onChange, id, testId, style, allowClear, placeholder }: Props) {
  const { t, i18n } = useTranslation();
  const reference = useMccReference();
  const options = useMccOptions(reference.data, i18n.language === 'en-US');
  return (
    <Select<string, MccOption>
      id={id}
      value={value}
      onChange={(v) => onChange?.(v ?? undefined)}
      options={options as never}
      loading={reference.isPending}
      allowClear={allowClear}
      placeholder={placeholder ?? t('merchants.form.selectMcc')}
      showSearch={{
        filterOption: (input, option) =>
          Boolean(option && 'searchText' in option && option.searchText.includes(input.trim().toLowerCase())),
      }}
      optionRender={(option) => {
        const data = option.data as MccOption;
        return (
          <Space size={8} style={{ width: '100%', justifyContent: 'space-between' }}>
            <span>
              <Typography.Text code>{data.value}</Typography.Text> {data.name}
            </span>
            <Space size={4}>
              <Tag>{data.categoryLabel}</Tag>
              <Tag color={riskColors[data.riskClass]}>
                {t(`merchants.options.riskClass.${data.riskClass}`, { defaultValue: data.riskClass })}
              </Tag>
            </Space>
          </Space>
        );
      }}
      popupMatchSelectWidth={560}
      style={style ?? { width: '100%' }}
      data-testid={testId}
    />
  );
}

/** "5812 就餐场所和餐馆 · 餐娱类" for display, the bare code while the list loads or for an unknown code. */
export function useMccLabel(): (code: string | null | undefined) => string {
  const { i18n } = useTranslation();
  const reference = useMccReference();
  const english = i18n.language === 'en-US';
  return (code) => {
    if (!code) return '—';
    const m = reference.data?.codes.find((c) => c.code === code);
    if (!m) return code;
    const category = reference.data?.categories.find((c) => c.category === m.category);
    return `${m.code} ${english ? m.en : m.zh} · ${english ? (category?.en ?? m.category) : m.category}`;
  };
}
