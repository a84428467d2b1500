import { ToolOutlined } from '@ant-design/icons';
import { Button, Card, Space, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { WorkOrder, WorkOrderKind, WorkOrderStatus } from '../../../api/types';
import { useAccess } from '../../../app/access';
import { formatDateTime } from '../../../app/format';
import type { MerchantProfile } from '../model';

const workOrderStatusColors: Record<WorkOrderStatus, string> = {
  open: 'processing',
  completed: 'success',
  cancelled: 'default',
};

const mono = { fontFamily: 'ui-monospace, SFMono-Regular, Menlo, monospace' };

/**
 * 工单: installation, relocation and the others. Each opens on its site page (现场作业), where the engineer
 * binds the unit and loads its key, fills the site report and has the merchant sign off.
 */
export function WorkOrdersCard({ merchant: m }: { merchant: MerchantProfile }) {
  const { t } = useTranslation();
  const access = useAccess();
  const canRead = access.can('workOrder.read');

  const workOrderColumns: ColumnsType<WorkOrder> = [
    {
      title: t('merchants.merchant.workOrders.no'),
      dataIndex: 'no',
      width: 170,
      render: (no: string, w) =>
        canRead ? (
          <Link to={`/work-orders/${w.id}`} style={mono} data-testid={`wo-open-${no}`}>
            {no}
          </Link>
        ) : (
          <span style={mono}>{no}</span>
        ),
    },
    {
      title: t('merchants.merchant.workOrders.kind'),
      dataIndex: 'kind',
      width: 90,
      render: (kind: WorkOrderKind) =>
        t(`merchants.merchant.workOrders.kinds.${kind}`, { defaultValue: kind }),
    },
    {
      title: t('merchants.merchant.workOrders.terminalModel'),
      dataIndex: 'terminalModel',
      width: 130,
      render: (model: string | null) => model ?? '—',
    },
    {
      title: t('merchants.merchant.workOrders.status'),
      dataIndex: 'status',
      width: 90,
      render: (status: WorkOrderStatus) => (
        <Tag color={workOrderStatusColors[status] ?? 'default'}>
          {t(`merchants.merchant.workOrders.statuses.${status}`, { defaultValue: status })}
        </Tag>
      ),
    },
    {
      title: t('merchants.merchant.workOrders.serialNo'),
      dataIndex: 'serialNo',
      width: 150,
      render: (serial: string | null) => (serial ? <span style={mono}>{serial}</span> : '—'),
    },
    {
      title: t('merchants.merchant.workOrders.createdAt'),
      dataIndex: 'createdAt',
      width: 170,
      render: (at: string) => formatDateTime(at),
    },
    {
      title: t('merchants.merchant.workOrders.completedAt'),
      dataIndex: 'completedAt',
      width: 170,
      render: (at: string | null) => formatDateTime(at),
    },
    ...(access.can('workOrder.complete')
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            width: 110,
            fixed: 'right' as const,
            render: (_: unknown, w: WorkOrder) =>
              w.status === 'open' && (
                <Link to={`/work-orders/${w.id}`} data-testid={`wo-complete-${w.no}`}>
                  <Button size="small" type="link" icon={<ToolOutlined />}>
                    {t('merchants.merchant.workOrders.onSite')}
                  </Button>
                </Link>
              ),
          },
        ]
      : []),
  ];

  return (
    <Card
      size="small"
      title={
        <Space>
          <ToolOutlined />
          {t('merchants.merchant.workOrders.title')}
        </Space>
      }
    >
      <Table<WorkOrder>
        rowKey="id"
        size="small"
        columns={workOrderColumns}
        dataSource={m.workOrders}
        pagination={false}
        scroll={{ x: 1080 }}
        locale={{ emptyText: t('merchants.merchant.workOrders.none') }}
        data-testid="merchant-work-orders"
      />
    </Card>
  );
}
