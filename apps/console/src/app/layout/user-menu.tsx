import { KeyOutlined, LockOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { Avatar, Dropdown, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useCurrentUser, useSession } from '../session';

export function UserMenu({ restricted }: { restricted: boolean }) {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const { logout } = useSession();
  const navigate = useNavigate();
  const account = restricted
    ? []
    : [
        { key: 'password', icon: <LockOutlined />, label: t('menu.changePassword') },
        { key: 'totp', icon: <KeyOutlined />, label: t('menu.totp') },
        { type: 'divider' as const },
      ];
  return (
    <Dropdown
      trigger={['click']}
      menu={{
        items: [
          ...account,
          {
            key: 'logout',
            icon: <LogoutOutlined />,
            label: <span data-testid="logout">{t('header.logout')}</span>,
          },
        ],
        onClick: async ({ key }) => {
          if (key === 'password') navigate('/account/password');
          else if (key === 'totp') navigate('/account/totp');
          else if (key === 'logout') {
            await logout();
            navigate('/login', { replace: true });
          }
        },
      }}
    >
      <Space style={{ cursor: 'pointer' }} data-testid="user-menu">
        <Avatar size="small" icon={<UserOutlined />} />
        <Typography.Text style={{ whiteSpace: 'nowrap' }} data-testid="current-user">
          {user.displayName}
        </Typography.Text>
      </Space>
    </Dropdown>
  );
}
