import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';

const colors: Record<string, string> = { active: 'green', disabled: 'default', closed: 'default' };

export function StatusTag({ status }: { status: string }) {
  const { t } = useTranslation();
  return <Tag color={colors[status] ?? 'default'}>{t(`status.${status}`, { defaultValue: status })}</Tag>;
}
