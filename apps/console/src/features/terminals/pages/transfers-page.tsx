import { ArrowRightOutlined, DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Segmented, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useAccess } from '../../../app/access';
import { PageHeader } from '../../../app/components/page-header';
import { downloadCsv } from '../../../app/csv';
import { formatDate, formatDateTime, formatNumber } from '../../../app/format';
import { useTransfers } from '../api';
import { rowAttrs } from '../components/row-attrs';
import { TransferActions } from '../components/transfer-actions';
import { TransferDetailDrawer } from '../components/transfer-detail-drawer';
import { TransferFormDrawer } from '../components/transfer-form-drawer';
import { TransferKindTag, TransferStatusTag } from '../components/transfer-tags';
import {
  mono,
  TRANSFER_LIST_LIMIT,
  type Transfer,
  type TransferKind,
  type TransferStatus,
  transferKinds,
  transferStatuses,
} from '../model';

type StatusFilter = TransferStatus | 'all';

function statusFrom(value: string | null): StatusFilter {
  return transferStatuses.find((s) => s === value) ?? 'all';
}

/** 调拨: transfers to and from the user's subtree, newest first — create, open, receive, withdraw. */
export function TransfersPage() {
  const { t } = useTranslation();
  const access = useAccess();
  const [params, setParams] = useSearchParams();
  const status = statusFrom(params.get('status'));
  const transfers = useTransfers(status === 'all' ? undefined : status);
  const [creating, setCreating] = useState(false);
  const [openId, setOpenId] = useState<string | null>(null);
  const items = transfers.data ?? [];

  const setStatus = (next: StatusFilter) =>
    setParams(next === 'all' ? {} : { status: next }, { replace: true });

  const onExport = () =>
    downloadCsv(
      `${t('terminals.transfers.exportFile')}-${formatDate(new Date().toISOString())}.csv`,
      [
        t('terminals.transfers.no'),
        t('terminals.transfers.kind'),
        t('common.status'),
        t('terminals.transfers.from'),
        t('terminals.transfers.to'),
        t('terminals.transfers.units'),
        t('terminals.transfers.reason'),
        t('terminals.transfers.createdBy'),
        t('terminals.transfers.createdAt'),
        t('terminals.transfers.closedAt'),
      ],
      items.map((x) => [
        x.no,
        t(`terminals.transfers.kinds.${x.kind}`),
        t(`terminals.transfers.statuses.${x.status}`),
        x.fromWarehouse.name,
        x.toWarehouse.name,
        String(x.units),
        x.reason,
        x.createdBy,
        formatDateTime(x.createdAt),
        x.closedAt ? formatDateTime(x.closedAt) : '',
      ]),
    );

  const columns: ColumnsType<Transfer> = [
    {
      title: t('terminals.transfers.no'),
      dataIndex: 'no',
      width: 170,
      fixed: 'left',
      render: (no: string, x) => (
        <Typography.Link onClick={() => setOpenId(x.id)} style={mono} data-testid={`transfer-open-${no}`}>
          {no}
        </Typography.Link>
      ),
    },
    {
      title: t('terminals.transfers.kind'),
      dataIndex: 'kind',
      width: 72,
      filters: transferKinds.map((k) => ({ value: k, text: t(`terminals.transfers.kinds.${k}`) })),
      onFilter: (value, x) => x.kind === value,
      render: (kind: TransferKind) => <TransferKindTag kind={kind} />,
    },
    {
      title: t('common.status'),
      dataIndex: 'status',
      width: 150,
      render: (st: TransferStatus, x) => (
        <Flex vertical align="start" gap={2}>
          <TransferStatusTag status={st} />
          {x.closedAt && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {formatDateTime(x.closedAt)}
            </Typography.Text>
          )}
        </Flex>
      ),
    },
    {
      title: t('terminals.transfers.route'),
      key: 'route',
      width: 220,
      render: (_: unknown, x) => (
        <Flex align="center" gap={8} wrap>
          <span>{x.fromWarehouse.name}</span>
          <ArrowRightOutlined style={{ fontSize: 11, opacity: 0.6 }} />
          <span>{x.toWarehouse.name}</span>
        </Flex>
      ),
    },
    {
      title: t('terminals.transfers.units'),
      dataIndex: 'units',
      width: 70,
      align: 'right',
      sorter: (a, b) => a.units - b.units,
      render: (units: number) => formatNumber(units),
    },
    { title: t('terminals.transfers.reason'), dataIndex: 'reason', width: 120, ellipsis: true },
    {
      title: t('terminals.transfers.createdByAt'),
      dataIndex: 'createdAt',
      width: 150,
      sorter: (a, b) => a.createdAt.localeCompare(b.createdAt),
      defaultSortOrder: 'descend',
      render: (at: string, x) => (
        <Flex vertical>
          <Typography.Text ellipsis>{x.createdBy}</Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {formatDateTime(at)}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 150,
      fixed: 'right',
      render: (_: unknown, x) => <TransferActions transfer={x} />,
    },
  ];

  return (
    <>
      <PageHeader
        title={t('terminals.transfers.title')}
        extra={
          access.can('terminal.transfer') && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setCreating(true)}
              data-testid="transfer-create"
            >
              {t('terminals.transfers.create')}
            </Button>
          )
        }
      />
      <Card>
        <Flex justify="space-between" align="center" wrap gap={12} style={{ marginBottom: 12 }}>
          <Segmented<StatusFilter>
            value={status}
            onChange={setStatus}
            options={[
              { value: 'all', label: t('common.all') },
              ...transferStatuses.map((s) => ({ value: s, label: t(`terminals.transfers.statuses.${s}`) })),
            ]}
            data-testid="transfers-status"
          />
          <Button
            icon={<DownloadOutlined />}
            onClick={onExport}
            disabled={items.length === 0}
            data-testid="transfers-export"
          >
            {t('common.export')}
          </Button>
        </Flex>
        <Table<Transfer>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={items}
          loading={transfers.isFetching}
          pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
          scroll={{ x: 1102 }}
          onRow={(x) => rowAttrs({ 'data-testid': 'transfer-row', 'data-no': x.no, 'data-status': x.status })}
          data-testid="transfers-table"
        />
        {items.length >= TRANSFER_LIST_LIMIT && (
          <Typography.Text type="secondary">
            {t('terminals.transfers.limitNote', { n: TRANSFER_LIST_LIMIT })}
          </Typography.Text>
        )}
      </Card>
      <TransferFormDrawer
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(transfer) => {
          setCreating(false);
          setOpenId(transfer.id);
        }}
      />
      <TransferDetailDrawer id={openId} onClose={() => setOpenId(null)} />
    </>
  );
}
