import { BankOutlined } from '@ant-design/icons';
import { Flex, Layout, Space, Typography, theme } from 'antd';
import { Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Outlet } from 'react-router';
import { NotificationBell } from '../../features/notifications/components/notification-bell';
import { LanguageSwitch } from '../components/language-switch';
import { FullPageSpin } from '../guards';
import { pendingAccountStep, useCurrentUser } from '../session';
import { SideMenu } from './side-menu';
import { UserMenu } from './user-menu';

/** The shell: menu on the left, header with organisation, language, notifications and user. */
export function AppLayout() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const { token } = theme.useToken();
  const narrowScreen = typeof window !== 'undefined' && window.matchMedia('(max-width: 767px)').matches;
  const [collapsed, setCollapsed] = useState(narrowScreen);
  // While a forced account step is open there is nowhere else to go: no menu, no notifications.
  const restricted = pendingAccountStep(user) !== null;

  return (
    <Layout style={{ minHeight: '100vh' }}>
      {/* On a phone (the engineer's 我的工单) the menu folds away entirely; its trigger brings it back. */}
      {!restricted && (
        <Layout.Sider
          collapsible
          collapsed={collapsed}
          onCollapse={setCollapsed}
          onBreakpoint={(narrow) => setCollapsed(narrow)}
          breakpoint="md"
          collapsedWidth={narrowScreen ? 0 : 80}
          // On a phone the trigger sits in the header's left corner, not over the page's title.
          zeroWidthTriggerStyle={{ top: 12 }}
          width={232}
        >
          <div
            style={{
              height: 56,
              display: 'flex',
              alignItems: 'center',
              justifyContent: 'center',
              color: '#fff',
              fontWeight: 600,
              fontSize: 16,
              whiteSpace: 'nowrap',
              overflow: 'hidden',
            }}
          >
            {collapsed ? t('common.appShort') : t('common.appName')}
          </div>
          <SideMenu collapsed={collapsed} />
        </Layout.Sider>
      )}
      <Layout>
        <Layout.Header
          style={{
            background: token.colorBgContainer,
            padding: narrowScreen ? '0 12px 0 56px' : '0 24px',
            display: 'flex',
            gap: 12,
            alignItems: 'center',
            justifyContent: 'space-between',
            borderBottom: `1px solid ${token.colorBorderSecondary}`,
          }}
        >
          <Flex align="center" gap={8} style={{ minWidth: 0, lineHeight: 'normal' }}>
            {restricted && <Typography.Text strong>{t('common.appName')}</Typography.Text>}
            <BankOutlined />
            <Typography.Text ellipsis={{ tooltip: user.orgName }} data-testid="current-org">
              {user.orgName}
            </Typography.Text>
          </Flex>
          <Space size="middle">
            <LanguageSwitch />
            {!restricted && <NotificationBell />}
            <UserMenu restricted={restricted} />
          </Space>
        </Layout.Header>
        <Layout.Content style={{ margin: narrowScreen ? 12 : 24 }}>
          <Suspense fallback={<FullPageSpin />}>
            <Outlet />
          </Suspense>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
