import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Segmented, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useAccess } from '../../../app/access';
import { PageHeader } from '../../../app/components/page-header';
import { downloadCsv } from '../../../app/csv';
import { formatAmount, formatDate, formatDateTime, formatNumber } from '../../../app/format';
import { useProcurements, useWarehouses } from '../api';
import { ProcurementDetailDrawer } from '../components/procurement-detail-drawer';
import { ProcurementFormDrawer } from '../components/procurement-form-drawer';
import { ProcurementProgress, ProcurementStatusTag } from '../components/procurement-tags';
import { rowAttrs } from '../components/row-attrs';
import {
  fenToYuan,
  mono,
  PROCUREMENT_LIST_LIMIT,
  type Procurement,
  type ProcurementStatus,
  procurementStatuses,
} from '../model';

type StatusFilter = ProcurementStatus | 'all';

function statusFrom(value: string | null): StatusFilter {
  return procurementStatuses.find((s) => s === value) ?? 'all';
}

/**
 * 采购: purchase requests of the user's subtree, newest first — request (to approval), order from a
 * supplier once approved, receive the goods by serial number once ordered. `?status=` filters, `?id=`
 * opens one.
 */
export function ProcurementsPage() {
  const { t } = useTranslation();
  const access = useAccess();
  const [params, setParams] = useSearchParams();
  const status = statusFrom(params.get('status'));
  const openId = params.get('id');
  const procurements = useProcurements(status === 'all' ? undefined : status);
  const warehouses = useWarehouses();
  const [creating, setCreating] = useState(false);
  const items = procurements.data ?? [];
  const warehouseName = (id: string) => warehouses.data?.find((w) => w.id === id)?.name ?? '—';

  const update = (changes: Record<string, string | null>) =>
    setParams(
      (p) => {
        for (const [key, value] of Object.entries(changes)) {
          if (value) p.set(key, value);
          else p.delete(key);
        }
        return p;
      },
      { replace: true },
    );

  const onExport = () =>
    downloadCsv(
      `${t('terminals.procurement.exportFile')}-${formatDate(new Date().toISOString())}.csv`,
      [
        t('terminals.procurement.no'),
        t('common.status'),
        t('terminals.procurement.model'),
        t('terminals.procurement.quantity'),
        `${t('terminals.procurement.amount')} (CNY)`,
        t('terminals.procurement.neededBy'),
        t('terminals.procurement.warehouse'),
        t('terminals.procurement.supplier'),
        t('terminals.procurement.receiptAccepted'),
        t('terminals.procurement.receiptRejected'),
        t('terminals.procurement.outstanding'),
        t('terminals.procurement.reason'),
        t('terminals.procurement.createdAt'),
      ],
      items.map((p) => [
        p.no,
        t(`terminals.procurement.statuses.${p.status}`),
        p.modelName,
        String(p.quantity),
        fenToYuan(p.amountMinor),
        p.neededBy,
        warehouseName(p.warehouseId),
        p.supplierName ?? '',
        String(p.receivedUnits),
        String(p.rejectedUnits),
        String(p.outstanding),
        p.reason,
        formatDateTime(p.createdAt),
      ]),
    );

  const columns: ColumnsType<Procurement> = [
    {
      title: t('terminals.procurement.no'),
      dataIndex: 'no',
      width: 170,
      fixed: 'left',
      render: (no: string, p) => (
        <Flex vertical>
          <Typography.Link
            onClick={() => update({ id: p.id })}
            style={mono}
            data-testid={`procurement-open-${no}`}
          >
            {no}
          </Typography.Link>
          <Typography.Text
            type="secondary"
            style={{ fontSize: 12 }}
            title={t('terminals.procurement.createdAt')}
          >
            {formatDateTime(p.createdAt)}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      title: t('common.status'),
      dataIndex: 'status',
      width: 80,
      render: (st: ProcurementStatus) => <ProcurementStatusTag status={st} />,
    },
    { title: t('terminals.procurement.model'), dataIndex: 'modelName', width: 100, ellipsis: true },
    {
      title: t('terminals.procurement.quantity'),
      dataIndex: 'quantity',
      width: 96,
      align: 'right',
      sorter: (a, b) => a.quantity - b.quantity,
      render: (n: number) => formatNumber(n),
    },
    {
      title: t('terminals.procurement.progress'),
      key: 'progress',
      width: 130,
      render: (_: unknown, p) => <ProcurementProgress procurement={p} width={110} />,
    },
    {
      title: t('terminals.procurement.amount'),
      dataIndex: 'amountMinor',
      width: 120,
      align: 'right',
      sorter: (a, b) => {
        const gap = BigInt(a.amountMinor) - BigInt(b.amountMinor);
        return gap < 0n ? -1 : gap > 0n ? 1 : 0;
      },
      render: (fen: string) => (
        <span style={{ fontVariantNumeric: 'tabular-nums' }}>{formatAmount(fen)}</span>
      ),
    },
    {
      title: t('terminals.procurement.neededBy'),
      dataIndex: 'neededBy',
      width: 104,
      sorter: (a, b) => a.neededBy.localeCompare(b.neededBy),
    },
    {
      title: t('terminals.procurement.warehouse'),
      dataIndex: 'warehouseId',
      width: 130,
      ellipsis: true,
      render: (id: string) => warehouseName(id),
    },
    {
      title: t('terminals.procurement.supplier'),
      dataIndex: 'supplierName',
      width: 130,
      ellipsis: true,
      render: (name: string | null) => name ?? '—',
    },
  ];

  return (
    <>
      <PageHeader
        title={t('terminals.procurement.title')}
        extra={
          access.can('procurement.manage') && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setCreating(true)}
              data-testid="procurement-create"
            >
              {t('terminals.procurement.create')}
            </Button>
          )
        }
      />
      <Card>
        <Flex justify="space-between" align="center" wrap gap={12} style={{ marginBottom: 12 }}>
          <Segmented<StatusFilter>
            value={status}
            onChange={(next) => update({ status: next === 'all' ? null : next })}
            options={[
              { value: 'all', label: t('common.all') },
              ...procurementStatuses.map((s) => ({
                value: s,
                label: t(`terminals.procurement.statuses.${s}`),
              })),
            ]}
            data-testid="procurements-status"
          />
          <Button
            icon={<DownloadOutlined />}
            onClick={onExport}
            disabled={items.length === 0}
            data-testid="procurements-export"
          >
            {t('common.export')}
          </Button>
        </Flex>
        <Table<Procurement>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={items}
          loading={procurements.isFetching}
          pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
          scroll={{ x: 1060 }}
          onRow={(p) =>
            rowAttrs({ 'data-testid': 'procurement-row', 'data-no': p.no, 'data-status': p.status })
          }
          data-testid="procurements-table"
        />
        {items.length >= PROCUREMENT_LIST_LIMIT && (
          <Typography.Text type="secondary">
            {t('terminals.procurement.limitNote', { n: PROCUREMENT_LIST_LIMIT })}
          </Typography.Text>
        )}
      </Card>
      <ProcurementFormDrawer
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(procurement) => {
          setCreating(false);
          update({ id: procurement.id });
        }}
      />
      <ProcurementDetailDrawer id={openId} onClose={() => update({ id: null })} />
    </>
  );
}
