import { CheckCircleOutlined, EditOutlined, KeyOutlined, StopOutlined } from '@ant-design/icons';
import { App, Button, Descriptions, Divider, Drawer, Popconfirm, Skeleton, Space, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAccess } from '../../../app/access';
import { StatusTag } from '../../../app/components/status-tag';
import { useErrorReporter } from '../../../app/errors';
import { formatDateTime } from '../../../app/format';
import { useResetPassword, useSetUserEnabled, useUser } from '../api';
import type { InitialPasswordInfo } from './initial-password-modal';
import { LoginHistory } from './login-history';
import { UserEditForm } from './user-edit-form';
import { UserRoles } from './user-roles';

interface Props {
  id: string | null;
  onClose: () => void;
  onPassword: (info: InitialPasswordInfo) => void;
}

export function UserDrawer({ id, onClose, onPassword }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const access = useAccess();
  const report = useErrorReporter();
  const query = useUser(id);
  const setEnabled = useSetUserEnabled();
  const reset = useResetPassword();
  const [editing, setEditing] = useState(false);
  const user = query.data;

  const close = () => {
    setEditing(false);
    onClose();
  };

  const actions = user && (
    <Space wrap>
      {access.can('user.update') && !editing && (
        <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="user-edit">
          {t('users.drawer.edit')}
        </Button>
      )}
      {access.can('user.disable') && (
        <Popconfirm
          title={
            user.status === 'active' ? t('users.drawer.confirmDisable') : t('users.drawer.confirmEnable')
          }
          okButtonProps={{ 'data-testid': 'user-status-confirm' }}
          onConfirm={() =>
            setEnabled.mutate(
              { id: user.id, enabled: user.status !== 'active' },
              {
                onSuccess: () =>
                  message.success(
                    user.status === 'active' ? t('users.drawer.disabled') : t('users.drawer.enabled'),
                  ),
                onError: (error) => report(error),
              },
            )
          }
        >
          {user.status === 'active' ? (
            <Button danger icon={<StopOutlined />} loading={setEnabled.isPending} data-testid="user-disable">
              {t('users.drawer.disable')}
            </Button>
          ) : (
            <Button icon={<CheckCircleOutlined />} loading={setEnabled.isPending} data-testid="user-enable">
              {t('users.drawer.enable')}
            </Button>
          )}
        </Popconfirm>
      )}
      {access.can('user.resetPassword') && (
        <Popconfirm
          title={t('users.drawer.confirmReset')}
          okButtonProps={{ 'data-testid': 'user-reset-password-confirm' }}
          onConfirm={() =>
            reset.mutate(user.id, {
              onSuccess: (r) =>
                onPassword({ username: user.username, password: r.initialPassword, pendingApprovals: 0 }),
              onError: (error) => report(error),
            })
          }
        >
          <Button icon={<KeyOutlined />} loading={reset.isPending} data-testid="user-reset-password">
            {t('users.drawer.resetPassword')}
          </Button>
        </Popconfirm>
      )}
    </Space>
  );

  return (
    <Drawer
      open={id !== null}
      onClose={close}
      size={640}
      title={user ? `${user.displayName} (${user.username})` : t('users.drawer.title')}
      extra={actions}
      destroyOnHidden
      data-testid="user-drawer"
    >
      {!user ? (
        <Skeleton active />
      ) : (
        <>
          {editing ? (
            <UserEditForm user={user} onDone={() => setEditing(false)} />
          ) : (
            <Descriptions
              column={2}
              size="small"
              items={[
                { key: 'username', label: t('users.username'), children: user.username },
                { key: 'name', label: t('users.displayName'), children: user.displayName },
                { key: 'org', label: t('users.org'), children: user.orgName },
                {
                  key: 'status',
                  label: t('common.status'),
                  children: (
                    <Space size={4}>
                      <StatusTag status={user.status} />
                      {user.lockedUntil && new Date(user.lockedUntil) > new Date() && (
                        <Tag color="orange">{t('users.locked')}</Tag>
                      )}
                    </Space>
                  ),
                },
                { key: 'email', label: t('users.email'), children: user.email ?? '—' },
                { key: 'phone', label: t('users.phone'), children: user.phoneMasked ?? '—' },
                {
                  key: 'totp',
                  label: t('users.totp'),
                  children: user.totpEnabled ? t('users.totpOn') : t('users.totpOff'),
                },
                { key: 'last', label: t('users.lastLogin'), children: formatDateTime(user.lastLoginAt) },
                { key: 'created', label: t('common.createdAt'), children: formatDateTime(user.createdAt) },
              ]}
            />
          )}
          <Divider titlePlacement="start">{t('users.roles')}</Divider>
          <UserRoles user={user} />
          <Divider titlePlacement="start">{t('users.logins.title')}</Divider>
          <LoginHistory key={user.id} userId={user.id} />
        </>
      )}
    </Drawer>
  );
}
