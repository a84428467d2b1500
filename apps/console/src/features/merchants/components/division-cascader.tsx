import { Cascader } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Division } from '../../../api/types';
import { divisionTrail, useDivisions } from '../api';

interface DivisionOption {
  value: string;
  label: string;
  children?: DivisionOption[];
}

function toOptions(nodes: readonly Division[]): DivisionOption[] {
  return nodes.map((d) => ({
    value: d.code,
    label: d.name,
    ...(d.children.length > 0 ? { children: toOptions(d.children) } : {}),
  }));
}

interface Props {
  /** The finest division: a district's 6-digit code, or a city's when it has no districts. */
  value?: string;
  onChange?: (value: string | undefined) => void;
  id?: string;
  testId?: string;
}

/** Province / city / district from the administrative divisions (GB/T 2260); the value is one code. */
export function DivisionCascader({ value, onChange, id, testId }: Props) {
  const { t } = useTranslation();
  const divisions = useDivisions();
  const options = useMemo(() => toOptions(divisions.data ?? []), [divisions.data]);
  const path = useMemo(
    () => divisionTrail(divisions.data, value).map((d) => d.code),
    [divisions.data, value],
  );
  return (
    <Cascader<DivisionOption>
      id={id}
      options={options}
      value={path.length > 0 ? path : value ? [value] : undefined}
      onChange={(selected) => onChange?.(selected?.at(-1) as string | undefined)}
      showSearch={{
        filter: (input, trail) => trail.some((o) => String(o.label).includes(input.trim())),
        limit: 50,
      }}
      loading={divisions.isPending}
      placeholder={t('merchants.form.selectDivision')}
      style={{ width: '100%' }}
      data-testid={testId}
    />
  );
}

/** "北京市 市辖区 朝阳区 (110105)" for display. */
export function useDivisionLabel(): (code: string | null | undefined) => string {
  const divisions = useDivisions();
  return (code) => {
    if (!code) return '—';
    const trail = divisionTrail(divisions.data, code);
    return trail.length > 0 ? `${trail.map((d) => d.name).join(' ')} (${code})` : code;
  };
}
