import { Badge, Empty, Flex, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { Notification } from '../../../api/types';
import { formatRelative } from '../../../app/format';
import { useMarkNotificationRead } from '../api';

interface Props {
  items: Notification[];
  onOpen?: () => void;
}

/** Notifications, newest first; opening one marks it read and follows its link. */
export function NotificationList({ items, onOpen }: Props) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const markRead = useMarkNotificationRead();
  if (items.length === 0)
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('notifications.empty')} />;
  return (
    <Flex vertical data-testid="notification-list">
      {items.map((n) => (
        <button
          type="button"
          key={n.id}
          data-testid="notification-item"
          onClick={() => {
            if (!n.readAt) markRead.mutate(n.id);
            onOpen?.();
            if (n.link?.startsWith('/')) navigate(n.link);
          }}
          style={{
            all: 'unset',
            cursor: 'pointer',
            display: 'block',
            padding: '8px 4px',
            borderBottom: '1px solid rgba(5,5,5,0.06)',
          }}
        >
          <Flex justify="space-between" gap={8}>
            <Typography.Text strong={!n.readAt} ellipsis>
              {!n.readAt && <Badge status="processing" style={{ marginRight: 6 }} />}
              {n.title}
            </Typography.Text>
            <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'nowrap' }}>
              {formatRelative(n.createdAt)}
            </Typography.Text>
          </Flex>
          <Typography.Paragraph type="secondary" ellipsis={{ rows: 2 }} style={{ margin: 0, fontSize: 12 }}>
            {n.body}
          </Typography.Paragraph>
        </button>
      ))}
    </Flex>
  );
}
