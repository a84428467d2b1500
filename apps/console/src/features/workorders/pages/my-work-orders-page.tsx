import { EnvironmentOutlined, KeyOutlined, ReloadOutlined, ToolOutlined } from '@ant-design/icons';
import { Button, Card, Descriptions, Flex, List, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageHeader } from '../../../app/components/page-header';
import { formatDateTime } from '../../../app/format';
import { useWorkOrders } from '../api';
import { DueText, KindTag } from '../components/work-order-tags';
import { mono, siteStep, TAP_HEIGHT_PX, type WorkOrderListItem } from '../model';

/**
 * 我的工单: the engineer's open work orders, soonest due first, as cards that work on a phone; each opens
 * its site page (现场作业).
 */
export function MyWorkOrdersPage() {
  const { t } = useTranslation();
  const orders = useWorkOrders({ mine: true, status: 'open' });

  return (
    <>
      <PageHeader
        title={t('workorders.mine.title')}
        extra={
          <Button
            icon={<ReloadOutlined />}
            loading={orders.isFetching}
            onClick={() => void orders.refetch()}
            aria-label={t('workorders.mine.refresh')}
            data-testid="wo-mine-refresh"
          />
        }
      />
      <List<WorkOrderListItem>
        loading={orders.isLoading}
        dataSource={orders.data ?? []}
        locale={{ emptyText: t('workorders.mine.none') }}
        data-testid="wo-mine-list"
        renderItem={(w) => (
          <List.Item style={{ padding: '0 0 12px', border: 'none' }}>
            <Card
              size="small"
              style={{ width: '100%', borderColor: w.overdue ? '#ff4d4f' : undefined }}
              data-testid="wo-mine-card"
              data-no={w.no}
            >
              <Flex align="flex-start" gap={8} style={{ marginBottom: 8 }}>
                <KindTag kind={w.kind} />
                <Typography.Text strong style={{ fontSize: 16 }}>
                  {w.merchantLabel}
                </Typography.Text>
              </Flex>
              <Descriptions
                size="small"
                column={1}
                items={[
                  {
                    key: 'appointment',
                    label: t('workorders.fields.appointmentAt'),
                    children: w.appointmentAt
                      ? formatDateTime(w.appointmentAt)
                      : t('workorders.mine.noAppointment'),
                  },
                  { key: 'due', label: t('workorders.fields.dueAt'), children: <DueText order={w} /> },
                  {
                    key: 'terminal',
                    label: t('workorders.fields.terminal'),
                    children: [w.terminalModel, w.serialNo].filter(Boolean).join(' · ') || '—',
                  },
                  { key: 'no', label: t('workorders.fields.no'), children: <span style={mono}>{w.no}</span> },
                ]}
              />
              <Flex vertical gap={8} style={{ marginTop: 12 }}>
                <Link to={`/merchants/${w.merchantId}`} data-testid={`wo-mine-address-${w.no}`}>
                  <Button block icon={<EnvironmentOutlined />} style={{ height: TAP_HEIGHT_PX }}>
                    {t('workorders.mine.address')}
                  </Button>
                </Link>
                <Link to={`/work-orders/${w.id}`} data-testid={`wo-site-${w.no}`}>
                  <Button
                    type="primary"
                    block
                    icon={siteStep(w) === 'bind' ? <KeyOutlined /> : <ToolOutlined />}
                    style={{ height: TAP_HEIGHT_PX }}
                  >
                    {siteStep(w) === 'bind' ? t('workorders.actions.bind') : t('workorders.actions.onSite')}
                  </Button>
                </Link>
              </Flex>
            </Card>
          </List.Item>
        )}
      />
    </>
  );
}
