import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ApplicationStatus } from '../../../api/types';
import { statusColors } from '../model';

export function ApplicationStatusTag({ status }: { status: ApplicationStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={statusColors[status] ?? 'default'} data-testid="app-status" data-status={status}>
      {t(`merchants.statuses.${status}`, { defaultValue: status })}
    </Tag>
  );
}
