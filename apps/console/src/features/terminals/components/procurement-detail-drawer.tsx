import { AuditOutlined, InboxOutlined, ShoppingCartOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Descriptions,
  Drawer,
  Empty,
  Flex,
  Form,
  Result,
  Select,
  Skeleton,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useAccess } from '../../../app/access';
import { errorText, useErrorReporter } from '../../../app/errors';
import { formatAmount, formatDateTime, formatNumber } from '../../../app/format';
import { useOrderProcurement, useProcurement, useSuppliers, useWarehouses } from '../api';
import { type GoodsReceipt, mono, type ProcurementDetail, rejectReasonKeyOf } from '../model';
import { GoodsReceiptDrawer } from './goods-receipt-drawer';
import { ProcurementProgress, ProcurementStatusTag } from './procurement-tags';
import { rowAttrs } from './row-attrs';

/**
 * A purchase request: its details, what can be done now — 下单 once approved, 到货验收 once ordered (with
 * `procurement.manage`), the approval while it is pending — and its goods receipts.
 */
export function ProcurementDetailDrawer({ id, onClose }: { id: string | null; onClose: () => void }) {
  const { t } = useTranslation();
  const procurement = useProcurement(id);
  const d = procurement.data;
  return (
    <Drawer
      open={id !== null}
      onClose={onClose}
      size={680}
      title={d ? t('terminals.procurement.detailTitle', { no: d.no }) : t('common.detail')}
      data-testid="procurement-detail"
    >
      {procurement.isError ? (
        <Result status="warning" title={errorText(t, procurement.error)} />
      ) : d && d.id === id ? (
        <ProcurementView procurement={d} />
      ) : (
        <Skeleton active />
      )}
    </Drawer>
  );
}

function ProcurementView({ procurement: d }: { procurement: ProcurementDetail }) {
  const { t } = useTranslation();
  const access = useAccess();
  const warehouses = useWarehouses();
  const [receiving, setReceiving] = useState(false);
  const warehouseName = warehouses.data?.find((w) => w.id === d.warehouseId)?.name ?? '—';
  const manage = access.can('procurement.manage');

  return (
    <Flex vertical gap={16}>
      {d.status === 'pending_approval' && (
        <Alert
          type="info"
          showIcon
          title={t('terminals.procurement.pendingHint')}
          action={
            access.can('approval.read') && (
              <Link to="/approvals?box=all&status=pending" data-testid="procurement-open-approval">
                <Button size="small" icon={<AuditOutlined />}>
                  {t('terminals.procurement.openApproval')}
                </Button>
              </Link>
            )
          }
          data-testid="procurement-pending"
        />
      )}
      {d.status === 'rejected' && (
        <Alert type="warning" showIcon title={t('terminals.procurement.rejectedHint')} />
      )}
      {d.status === 'approved' && manage && <OrderForm procurement={d} />}
      {d.status === 'ordered' && manage && (
        <Alert
          type="success"
          showIcon
          icon={<InboxOutlined />}
          title={t('terminals.procurement.acceptedCount', {
            n: formatNumber(d.receivedUnits),
            outstanding: formatNumber(d.outstanding),
          })}
          action={
            <Button type="primary" onClick={() => setReceiving(true)} data-testid="procurement-receive">
              {t('terminals.procurement.receive')}
            </Button>
          }
        />
      )}
      <Descriptions
        column={2}
        size="small"
        bordered
        data-testid="procurement-facts"
        items={[
          {
            key: 'no',
            label: t('terminals.procurement.no'),
            children: (
              <span style={mono} data-testid="procurement-no">
                {d.no}
              </span>
            ),
          },
          { key: 'status', label: t('common.status'), children: <ProcurementStatusTag status={d.status} /> },
          { key: 'model', label: t('terminals.procurement.model'), children: d.modelName },
          {
            key: 'quantity',
            label: t('terminals.procurement.quantity'),
            children: formatNumber(d.quantity),
          },
          {
            key: 'unitPrice',
            label: t('terminals.procurement.unitPrice'),
            children: formatAmount(d.unitPriceMinor),
          },
          {
            key: 'amount',
            label: t('terminals.procurement.amount'),
            children: (
              <Typography.Text strong data-testid="procurement-amount-shown">
                {formatAmount(d.amountMinor)}
              </Typography.Text>
            ),
          },
          { key: 'neededBy', label: t('terminals.procurement.neededBy'), children: d.neededBy },
          {
            key: 'warehouse',
            label: t('terminals.procurement.warehouse'),
            children: <span data-testid="procurement-warehouse-shown">{warehouseName}</span>,
          },
          {
            key: 'supplier',
            label: t('terminals.procurement.supplier'),
            children: d.supplierName ?? '—',
          },
          {
            key: 'orderedAt',
            label: t('terminals.procurement.orderedAt'),
            children: formatDateTime(d.orderedAt),
          },
          {
            key: 'progress',
            label: t('terminals.procurement.progress'),
            span: 'filled',
            children: <ProcurementProgress procurement={d} width={260} />,
          },
          { key: 'reason', label: t('terminals.procurement.reason'), span: 'filled', children: d.reason },
          {
            key: 'createdAt',
            label: t('terminals.procurement.createdAt'),
            span: 'filled',
            children: formatDateTime(d.createdAt),
          },
        ]}
      />
      <Receipts receipts={d.receipts} />
      {d.status === 'ordered' && manage && (
        <GoodsReceiptDrawer
          procurement={d}
          warehouseName={warehouseName}
          open={receiving}
          onClose={() => setReceiving(false)}
        />
      )}
    </Flex>
  );
}

/** 下单: picks one of the active suppliers and orders the approved request from it. */
function OrderForm({ procurement: d }: { procurement: ProcurementDetail }) {
  const { t } = useTranslation();
  const report = useErrorReporter();
  const { message } = App.useApp();
  const suppliers = useSuppliers();
  const order = useOrderProcurement();
  const [form] = Form.useForm<{ supplierId: string }>();

  const onFinish = async ({ supplierId }: { supplierId: string }) => {
    try {
      const done = await order.mutateAsync({ id: d.id, supplierId });
      message.success(t('terminals.procurement.ordered', { supplier: done.supplierName ?? '' }));
    } catch (error) {
      report(error, form);
    }
  };

  return (
    <Alert
      type="success"
      showIcon
      title={t('terminals.procurement.orderHint')}
      description={
        <Form form={form} layout="inline" onFinish={onFinish} style={{ marginTop: 8, rowGap: 8 }}>
          <Form.Item
            name="supplierId"
            rules={[{ required: true, message: t('terminals.procurement.supplierRequired') }]}
          >
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              loading={suppliers.isPending}
              placeholder={t('terminals.procurement.supplierRequired')}
              style={{ width: 300 }}
              options={(suppliers.data ?? [])
                .filter((s) => s.status === 'active')
                .map((s) => ({ value: s.id, label: s.name }))}
              data-testid="procurement-supplier"
            />
          </Form.Item>
          <Form.Item>
            <Button
              type="primary"
              htmlType="submit"
              icon={<ShoppingCartOutlined />}
              loading={order.isPending}
              data-testid="procurement-order"
            >
              {t('terminals.procurement.order')}
            </Button>
          </Form.Item>
        </Form>
      }
      data-testid="procurement-order-form"
    />
  );
}

/** 到货验收记录: each receipt with the units taken into stock and those returned, with their reasons. */
function Receipts({ receipts }: { receipts: GoodsReceipt[] }) {
  const { t } = useTranslation();
  const reasonText = (reason: string) => {
    const key = rejectReasonKeyOf(reason);
    return key ? t(`terminals.procurement.reasons.${key}`) : reason;
  };
  return (
    <div>
      <Typography.Text strong>{t('terminals.procurement.receipts')}</Typography.Text>
      {receipts.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('terminals.procurement.noReceipts')} />
      ) : (
        <Table<GoodsReceipt>
          rowKey="no"
          size="small"
          style={{ marginTop: 8 }}
          pagination={false}
          dataSource={receipts}
          columns={[
            {
              title: t('terminals.procurement.receiptNo'),
              dataIndex: 'no',
              width: 170,
              render: (no: string) => <span style={mono}>{no}</span>,
            },
            {
              title: t('terminals.procurement.receivedAt'),
              dataIndex: 'receivedAt',
              width: 160,
              render: (at: string) => formatDateTime(at),
            },
            {
              title: t('terminals.procurement.receiptAccepted'),
              dataIndex: 'accepted',
              width: 70,
              align: 'right',
              render: (n: number) => formatNumber(n),
            },
            {
              title: t('terminals.procurement.receiptRejected'),
              dataIndex: 'rejected',
              render: (rejected: GoodsReceipt['rejected']) =>
                rejected.length === 0 ? (
                  '—'
                ) : (
                  <Flex vertical gap={4}>
                    {rejected.map((r) => (
                      <span key={r.serialNo} data-testid="receipt-rejected-unit" data-serial={r.serialNo}>
                        <span style={mono}>{r.serialNo}</span>{' '}
                        <Tag color="orange">{reasonText(r.reason)}</Tag>
                      </span>
                    ))}
                  </Flex>
                ),
            },
          ]}
          onRow={(r) => rowAttrs({ 'data-testid': 'receipt-row', 'data-no': r.no })}
          data-testid="procurement-receipts"
        />
      )}
    </div>
  );
}
