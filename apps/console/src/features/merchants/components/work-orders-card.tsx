import { AimOutlined, CheckOutlined, ToolOutlined } from '@ant-design/icons';
import { App, Button, Card, Form, Input, InputNumber, Modal, Space, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { WorkOrder, WorkOrderKind, WorkOrderStatus } from '../../../api/types';
import { useAccess } from '../../../app/access';
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
const LOCATE_TIMEOUT_MS = 15_000;

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
  const { message } = App.useApp();
  const report = useErrorReporter();
  const [form] = Form.useForm<CompleteValues>();
  const complete = useCompleteWorkOrder();
  const [locating, setLocating] = useState(false);

  const locate = () => {
    if (!('geolocation' in navigator)) {
      message.warning(t('terminals.install.locateFailed', { reason: 'geolocation' }));
      return;
    }
    setLocating(true);
    navigator.geolocation.getCurrentPosition(
      (position) => {
        setLocating(false);
        form.setFieldsValue({
          latitude: Number(position.coords.latitude.toFixed(6)),
          longitude: Number(position.coords.longitude.toFixed(6)),
        });
      },
      (error) => {
        setLocating(false);
        message.warning(t('terminals.install.locateFailed', { reason: error.message }));
      },
      { enableHighAccuracy: true, timeout: LOCATE_TIMEOUT_MS },
    );
  };

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

  /** Both coordinates or neither: the one left empty says so. */
  const pairRule = (other: 'latitude' | 'longitude') => ({
    validator: (_: unknown, value: number | null | undefined) =>
      typeof value === 'number' || typeof form.getFieldValue(other) !== 'number'
        ? Promise.resolve()
        : Promise.reject(new Error(t('terminals.install.pairRequired'))),
  });

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
        <Form.Item label={t('terminals.install.location')} extra={t('terminals.install.locationHint')}>
          <Space wrap align="start">
            <Form.Item name="latitude" noStyle dependencies={['longitude']} rules={[pairRule('longitude')]}>
              <InputNumber
                min={-90}
                max={90}
                precision={6}
                placeholder={t('terminals.install.latitude')}
                style={{ width: 150 }}
                data-testid="wo-latitude"
              />
            </Form.Item>
            <Form.Item name="longitude" noStyle dependencies={['latitude']} rules={[pairRule('latitude')]}>
              <InputNumber
                min={-180}
                max={180}
                precision={6}
                placeholder={t('terminals.install.longitude')}
                style={{ width: 150 }}
                data-testid="wo-longitude"
              />
            </Form.Item>
            <Button icon={<AimOutlined />} loading={locating} onClick={locate} data-testid="wo-locate">
              {locating ? t('terminals.install.locating') : t('terminals.install.locate')}
            </Button>
          </Space>
        </Form.Item>
      </Form>
    </Modal>
  );
}
