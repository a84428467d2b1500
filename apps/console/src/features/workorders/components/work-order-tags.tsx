import { Flex, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../../app/format';
import { currentLocale } from '../../../app/i18n';
import {
  kindColors,
  relativeDue,
  statusColors,
  type WorkOrderKind,
  type WorkOrderListItem,
  type WorkOrderStatus,
} from '../model';

export function KindTag({ kind }: { kind: WorkOrderKind }) {
  const { t } = useTranslation();
  return (
    <Tag color={kindColors[kind]} data-testid="wo-kind" data-kind={kind}>
      {t(`workorders.kinds.${kind}`)}
    </Tag>
  );
}

export function StatusTag({ status }: { status: WorkOrderStatus }) {
  const { t } = useTranslation();
  return <Tag color={statusColors[status]}>{t(`workorders.statuses.${status}`)}</Tag>;
}

/** The due time: relative ("in 3 hours", "2 days ago") over the absolute; red with 超时 when overdue. */
export function DueText({
  order: w,
}: {
  order: Pick<WorkOrderListItem, 'dueAt' | 'overdue' | 'escalatedAt' | 'status'>;
}) {
  const { t } = useTranslation();
  const { value, unit } = relativeDue(w.dueAt, Date.now());
  const relative = new Intl.RelativeTimeFormat(currentLocale(), { numeric: 'auto' }).format(value, unit);
  const danger = w.overdue ? 'danger' : undefined;
  return (
    <Flex vertical gap={2} data-testid="wo-due" data-overdue={w.overdue ? 'true' : 'false'}>
      <span>
        {w.overdue && (
          <Tag color="red" data-testid="wo-overdue">
            {t('workorders.overdue')}
          </Tag>
        )}
        <Typography.Text type={danger} strong={w.overdue}>
          {w.status === 'open' ? relative : formatDateTime(w.dueAt)}
        </Typography.Text>
      </span>
      {w.status === 'open' && (
        <Typography.Text type={danger ?? 'secondary'} style={{ fontSize: 12 }}>
          {formatDateTime(w.dueAt)}
        </Typography.Text>
      )}
      {w.escalatedAt && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="wo-escalated">
          {t('workorders.escalatedAt', { when: formatDateTime(w.escalatedAt) })}
        </Typography.Text>
      )}
    </Flex>
  );
}
