import { BellOutlined } from '@ant-design/icons';
import { Badge, Button, Popover, Spin } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLatestNotifications } from '../api';
import { NotificationList } from './notification-list';

export function NotificationBell() {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const query = useLatestNotifications(10);
  const unread = query.data?.unread ?? 0;
  return (
    <Popover
      trigger="click"
      placement="bottomRight"
      open={open}
      onOpenChange={setOpen}
      title={t('notifications.title')}
      content={
        <div style={{ width: 340, maxHeight: 420, overflow: 'auto' }}>
          {query.isPending ? (
            <Spin />
          ) : (
            <NotificationList items={query.data?.items ?? []} onOpen={() => setOpen(false)} />
          )}
        </div>
      }
    >
      <Badge count={unread} size="small" data-testid="notification-count">
        <Button
          type="text"
          icon={<BellOutlined />}
          aria-label={t('notifications.title')}
          data-testid="notification-bell"
        />
      </Badge>
    </Popover>
  );
}
