import { Select, Space, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { roleLabel, useRoles } from '../../roles/api';

interface Props {
  value?: string | string[];
  onChange?: (value: string | string[]) => void;
  multiple?: boolean;
  exclude?: readonly string[];
  testId?: string;
  style?: React.CSSProperties;
  valueField?: 'id' | 'code';
  allowClear?: boolean;
  placeholder?: string;
}

/** Roles to pick from, privileged ones marked. */
export function RoleSelect({
  value,
  onChange,
  multiple,
  exclude,
  testId,
  style,
  valueField = 'id',
  allowClear,
  placeholder,
}: Props) {
  const { t, i18n } = useTranslation();
  const roles = useRoles();
  const options = (roles.data ?? [])
    .filter((r) => !exclude?.includes(r.id))
    .map((r) => ({
      value: valueField === 'id' ? r.id : r.code,
      searchText: `${r.code} ${r.name} ${r.nameEn}`,
      label: (
        <Space size={4}>
          {roleLabel(r, i18n.language)}
          {r.privileged && <Tag color="red">{t('users.privileged')}</Tag>}
        </Space>
      ),
    }));
  return (
    <Select
      value={value}
      onChange={onChange}
      mode={multiple ? 'multiple' : undefined}
      options={options}
      loading={roles.isPending}
      showSearch={{ optionFilterProp: 'searchText' }}
      allowClear={allowClear}
      placeholder={placeholder}
      style={style}
      data-testid={testId}
    />
  );
}
