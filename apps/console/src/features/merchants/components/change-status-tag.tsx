import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { changeStatusColors, type MerchantChangeStatus } from '../model';

export function ChangeStatusTag({ status }: { status: MerchantChangeStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={changeStatusColors[status] ?? 'default'} data-testid="change-status" data-status={status}>
      {t(`merchants.changes.statuses.${status}`, { defaultValue: status })}
    </Tag>
  );
}
