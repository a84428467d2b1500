import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';

const colors: Record<string, string> = {
  pending: 'processing',
  approved: 'success',
  rejected: 'error',
  returned: 'warning',
  cancelled: 'default',
};

export function ApprovalStatusTag({ status }: { status: string }) {
  const { t } = useTranslation();
  return (
    <Tag color={colors[status] ?? 'default'}>
      {t(`approvals.statuses.${status}`, { defaultValue: status })}
    </Tag>
  );
}

export function useApprovalTypeLabel(): (type: string) => string {
  const { t } = useTranslation();
  // Types may be dotted (`role.grant`); message keys use underscores (`role_grant`).
  return (type) => t(`approvals.types.${type.replace(/\./g, '_')}`, { defaultValue: type });
}
