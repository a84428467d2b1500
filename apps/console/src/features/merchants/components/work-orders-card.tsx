import { CheckOutlined, ToolOutlined } from '@ant-design/icons';
import { App, Button, Card, Form, Input, Modal, Space, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { WorkOrder, WorkOrderKind, WorkOrderStatus } from '../../../api/types';
import { useAccess } from '../../../app/access';
import { GpsFields } from '../../../app/components/gps-fields';
import { useErrorReporter } from '../../../app/errors';
import { formatDateTime } from '../../../app/format';
import { useKeyInjectionNotice } from '../../terminals/components/key-injection';
import { useCompleteWorkOrder, type WorkOrderCompletion } from '../api';
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
  const showKey = useKeyInjectionNotice();
  const [completing, setCompleting] = useState<WorkOrder | null>(null);

  /** The key first (it is shown this once); the news about the merchant once it is loaded. */
  const onCompleted = ({ merchant: after, keyInjection }: WorkOrderCompletion) => {
    const done = () => announce(m, after, t('merchants.merchant.workOrders.completed'));
    if (keyInjection) showKey(keyInjection, done);
    else done();
  };

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
            // Only an installation is completed here: it binds a unit from stock and injects its key.
            render: (_: unknown, w: WorkOrder) =>
              w.status === 'open' &&
              w.kind === 'install' && (
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
      <CompleteWorkOrderModal order={completing} onClose={() => setCompleting(null)} onDone={onCompleted} />
    </Card>
  );
}

interface CompleteValues {
  serialNo: string;
  latitude?: number | null;
  longitude?: number | null;
}

/** How long to wait for the device's position before giving up. */
/**
 * 完成装机: the serial number of the unit installed (typed or scanned) and, optionally, where the
 * engineer stands; the server binds the unit and answers its key.
 */
function CompleteWorkOrderModal({
  order,
  onClose,
  onDone,
}: {
  order: WorkOrder | null;
  onClose: () => void;
  onDone: (completion: WorkOrderCompletion) => void;
}) {
  const { t } = useTranslation();
  const report = useErrorReporter();
  const [form] = Form.useForm<CompleteValues>();
  const complete = useCompleteWorkOrder();
  const onOk = async () => {
    if (!order) return;
    const { serialNo, latitude, longitude } = await form.validateFields();
    const located = typeof latitude === 'number' && typeof longitude === 'number';
    try {
      const completion = await complete.mutateAsync({
        id: order.id,
        serialNo: serialNo.trim(),
        ...(located ? { latitude, longitude } : {}),
      });
      onClose();
      onDone(completion);
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
        <GpsFields
          form={form}
          label={t('terminals.install.location')}
          hint={t('terminals.install.locationHint')}
          testIdPrefix="wo"
        />
      </Form>
    </Modal>
  );
}
