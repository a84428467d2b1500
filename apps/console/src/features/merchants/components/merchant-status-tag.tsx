import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { MerchantStatus } from '../../../api/types';

export const merchantStatusColors: Record<MerchantStatus, string> = {
  onboarding: 'processing',
  active: 'success',
  suspended: 'warning',
  frozen: 'error',
  closed: 'default',
};

export const merchantStatuses = Object.keys(merchantStatusColors) as MerchantStatus[];

export function MerchantStatusTag({ status }: { status: MerchantStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={merchantStatusColors[status] ?? 'default'} data-testid="merchant-status" data-status={status}>
      {t(`merchants.merchant.statuses.${status}`, { defaultValue: status })}
    </Tag>
  );
}
