import { Card, Col, Empty, Flex, Row, Skeleton, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useAccess } from '../../../app/access';
import { formatDateTime } from '../../../app/format';
import { pageRoutes } from '../../../app/routes';
import { useCurrentUser } from '../../../app/session';
import { useApprovals } from '../../approvals/api';
import { ApprovalStatusTag, useApprovalTypeLabel } from '../../approvals/components/approval-status-tag';
import { useLatestNotifications } from '../../notifications/api';
import { NotificationList } from '../../notifications/components/notification-list';

function PendingApprovals() {
  const { t } = useTranslation();
  const typeLabel = useApprovalTypeLabel();
  const query = useApprovals({ box: 'inbox', status: 'pending', limit: 5 });
  if (query.isPending) return <Skeleton active />;
  const items = query.data?.items ?? [];
  if (items.length === 0)
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('home.noPending')} />;
  return (
    <Flex vertical gap={4} data-testid="home-pending-approvals">
      {items.map((a) => (
        <Flex key={a.id} justify="space-between" align="center" style={{ padding: '6px 0' }} gap={8}>
          <Space size={6} style={{ minWidth: 0 }}>
            <ApprovalStatusTag status={a.status} />
            <Link to={`/approvals?box=inbox&id=${a.id}`}>{a.title}</Link>
            <Typography.Text type="secondary">{typeLabel(a.type)}</Typography.Text>
          </Space>
          <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'nowrap' }}>
            {a.makerName} · {formatDateTime(a.createdAt)}
          </Typography.Text>
        </Flex>
      ))}
    </Flex>
  );
}

function LatestNotifications() {
  const query = useLatestNotifications(10);
  if (query.isPending) return <Skeleton active />;
  return <NotificationList items={query.data?.items ?? []} />;
}

export function HomePage() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const access = useAccess();
  const shortcuts = pageRoutes.filter((r) => !r.hideInMenu && r.path !== '/' && access.can(r.permission));
  return (
    <Flex vertical gap={16}>
      <Card data-testid="home-welcome">
        <Typography.Title level={4} style={{ marginTop: 0 }}>
          {t('home.welcome', { name: user.displayName })}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{t('home.org', { org: user.orgName })}</Typography.Paragraph>
        <Space wrap>
          <Typography.Text>{t('home.roles')}:</Typography.Text>
          {user.roles.length === 0 && <Typography.Text type="secondary">{t('home.noRoles')}</Typography.Text>}
          {user.roles.map((r) => (
            <Tag key={r.code} color="blue">
              {r.name}
            </Tag>
          ))}
        </Space>
      </Card>
      <Row gutter={[16, 16]}>
        {access.can('approval.read') && (
          <Col xs={24} lg={14}>
            <Card
              title={t('home.pendingApprovals')}
              extra={<Link to="/approvals?box=inbox&status=pending">{t('common.viewAll')}</Link>}
            >
              <PendingApprovals />
            </Card>
          </Col>
        )}
        <Col xs={24} lg={access.can('approval.read') ? 10 : 24}>
          <Card title={t('home.notifications')} data-testid="home-notifications">
            <LatestNotifications />
          </Card>
        </Col>
      </Row>
      {shortcuts.length > 0 && (
        <Card title={t('home.shortcuts')}>
          <Space wrap>
            {shortcuts.map((r) => (
              <Link key={r.key} to={r.path}>
                <Tag icon={r.icon} style={{ padding: '4px 10px', cursor: 'pointer' }}>
                  {t(r.labelKey)}
                </Tag>
              </Link>
            ))}
          </Space>
        </Card>
      )}
    </Flex>
  );
}
