import { Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAccess } from '../../../app/access';
import { useSession } from '../../../app/session';
import { useSalesReps } from '../api';

interface Props {
  value?: string;
  onChange?: (value: string | undefined) => void;
  /** A rep known by name from elsewhere (the merchant page's link), offered as an option. */
  known?: { id: string; name: string } | undefined;
  testId?: string;
}

/**
 * 销售人员: the sales reps the user may look up (with user.read, searched by name), the user themself,
 * and a rep the page was opened for.
 */
export function SalesRepSelect({ value, onChange, known, testId }: Props) {
  const { t } = useTranslation();
  const access = useAccess();
  const { user } = useSession();
  const [q, setQ] = useState('');
  const mayList = access.can('user.read');
  const users = useSalesReps(q.trim(), mayList);
  const options = new Map<string, string>();
  if (user) options.set(user.id, t('merchants.merchant.list.me', { name: user.displayName }));
  if (known) options.set(known.id, known.name);
  if (mayList) for (const u of users.data?.items ?? []) options.set(u.id, `${u.displayName} (${u.username})`);
  return (
    <Select
      allowClear
      showSearch={{ filterOption: false, onSearch: setQ }}
      value={value}
      onChange={(v) => onChange?.(v ?? undefined)}
      placeholder={t('common.all')}
      loading={mayList && users.isFetching}
      options={[...options].map(([id, label]) => ({ value: id, label }))}
      style={{ width: 180 }}
      data-testid={testId}
    />
  );
}
