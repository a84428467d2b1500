import { CheckOutlined, ToolOutlined } from '@ant-design/icons';
import { App, Button, Card, Form, Input, Modal, Space, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { WorkOrder, WorkOrderKind, WorkOrderStatus } from '../../../api/types';
import { useAccess } from '../../../app/access';
import { useErrorReporter } from '../../../app/errors';
import { formatDateTime } from '../../../app/format';
import { useCompleteWorkOrder } from '../api';
import type { MerchantProfile } from '../model';

const workOrderStatusColors: Record<WorkOrderStatus, string> = {
  open: 'processing',
  completed: 'success',
  cancelled: 'default',
};

const mono = { fontFamily: 'ui-monospace, SFMono-Regular, Menlo, monospace' };
const serialPattern = /^[A-Za-z0-9-]{4,40}$/;

/**
 * After an action on the merchant: say what was done, and say so louder when it took the merchant live.
 */
export function useMerchantAnnouncer() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  return (before: MerchantProfile, after: MerchantProfile, done: string) => {
    if (before.status !== 'active' && after.status === 'active') {
      message.success({ content: t('merchants.merchant.activated'), key: 'merchant-activated' });
    } else {
      message.success(done);
    }
  };
}

/** 工单: installation, relocation and the others, with "complete" for field engineers. */
export function WorkOrdersCard({ merchant: m }: { merchant: MerchantProfile }) {
  const { t } = useTranslation();
  const access = useAccess();
  const announce = useMerchantAnnouncer();
  const [completing, setCompleting] = useState<WorkOrder | null>(null);

  const workOrderColumns: ColumnsType<WorkOrder> = [
    {
      title: t('merchants.merchant.workOrders.no'),
      dataIndex: 'no',
      width: 170,
      render: (no: string) => <span style={mono}>{no}</span>,
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
            width: 90,
            fixed: 'right' as const,
            render: (_: unknown, w: WorkOrder) =>
              w.status === 'open' && (
                <Button
                  size="small"
                  type="link"
                  icon={<CheckOutlined />}
                  onClick={() => setCompleting(w)}
                  data-testid={`wo-complete-${w.no}`}
                >
                  {t('merchants.merchant.workOrders.complete')}
                </Button>
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
        scroll={{ x: 1060 }}
        locale={{ emptyText: t('merchants.merchant.workOrders.none') }}
        data-testid="merchant-work-orders"
      />
      <CompleteWorkOrderModal
        order={completing}
        onClose={() => setCompleting(null)}
        onDone={(after) => announce(m, after, t('merchants.merchant.workOrders.completed'))}
      />
    </Card>
  );
}

function CompleteWorkOrderModal({
  order,
  onClose,
  onDone,
}: {
  order: WorkOrder | null;
  onClose: () => void;
  onDone: (merchant: MerchantProfile) => void;
}) {
  const { t } = useTranslation();
  const report = useErrorReporter();
  const [form] = Form.useForm<{ serialNo: string }>();
  const complete = useCompleteWorkOrder();

  const onOk = async () => {
    if (!order) return;
    const { serialNo } = await form.validateFields();
    try {
      const after = await complete.mutateAsync({ id: order.id, serialNo: serialNo.trim() });
      onClose();
      onDone(after);
    } catch (error) {
      report(error, form);
    }
  };

  return (
    <Modal
      open={order !== null}
      title={order ? t('merchants.merchant.workOrders.completeTitle', { no: order.no }) : ''}
      onCancel={onClose}
      onOk={onOk}
      confirmLoading={complete.isPending}
      okButtonProps={{ 'data-testid': 'wo-complete-submit' }}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" preserve={false}>
        <Form.Item
          name="serialNo"
          label={t('merchants.merchant.workOrders.serialNo')}
          rules={[
            {
              validator: (_, value: string | undefined) =>
                value && serialPattern.test(value.trim())
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('merchants.merchant.workOrders.serialInvalid'))),
            },
          ]}
        >
          <Input
            autoFocus
            maxLength={40}
            placeholder={t('merchants.merchant.workOrders.serialPlaceholder')}
            style={mono}
            data-testid="wo-serial"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
