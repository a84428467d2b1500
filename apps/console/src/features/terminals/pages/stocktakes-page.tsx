import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Progress, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAccess } from '../../../app/access';
import { PageHeader } from '../../../app/components/page-header';
import { formatDateTime, formatNumber } from '../../../app/format';
import { useStocktakes } from '../api';
import { rowAttrs } from '../components/row-attrs';
import { StocktakeDetailDrawer } from '../components/stocktake-detail-drawer';
import { StocktakeFormModal } from '../components/stocktake-form-modal';
import { StocktakeStatusTag } from '../components/stocktake-tags';
import {
  mono,
  STOCKTAKE_LIST_LIMIT,
  type Stocktake,
  type StocktakeStatus,
  stocktakeStatuses,
} from '../model';

/** A count column: blank while counting (the findings are counted at the report), highlighted when not 0. */
function findingCount(n: number, x: Stocktake, color: string) {
  if (x.status === 'counting') return <Typography.Text type="secondary">—</Typography.Text>;
  return n > 0 ? <span style={{ color, fontWeight: 600 }}>{formatNumber(n)}</span> : formatNumber(n);
}

/** 盘点: counts of the warehouses of the user's subtree, newest first — start one, scan, report. */
export function StocktakesPage() {
  const { t } = useTranslation();
  const access = useAccess();
  const stocktakes = useStocktakes();
  const [creating, setCreating] = useState(false);
  const [openId, setOpenId] = useState<string | null>(null);
  const items = stocktakes.data ?? [];

  const columns: ColumnsType<Stocktake> = [
    {
      title: t('terminals.stocktake.no'),
      dataIndex: 'no',
      width: 180,
      fixed: 'left',
      render: (no: string, x) => (
        <Typography.Link onClick={() => setOpenId(x.id)} style={mono} data-testid={`stocktake-open-${no}`}>
          {no}
        </Typography.Link>
      ),
    },
    {
      title: t('common.status'),
      dataIndex: 'status',
      width: 100,
      filters: stocktakeStatuses.map((s) => ({ value: s, text: t(`terminals.stocktake.statuses.${s}`) })),
      onFilter: (value, x) => x.status === value,
      render: (status: StocktakeStatus) => <StocktakeStatusTag status={status} />,
    },
    { title: t('terminals.stocktake.warehouse'), dataIndex: 'warehouseName', width: 160, ellipsis: true },
    {
      title: t('terminals.stocktake.expected'),
      dataIndex: 'expected',
      width: 80,
      align: 'right',
      render: (n: number) => formatNumber(n),
    },
    {
      title: t('terminals.stocktake.scanned'),
      dataIndex: 'scanned',
      width: 150,
      render: (n: number, x) => (
        <Flex vertical>
          <span>{formatNumber(n)}</span>
          {x.status === 'counting' && x.expected > 0 && (
            <Progress
              size="small"
              showInfo={false}
              percent={Math.min(100, Math.round((n / x.expected) * 100))}
              style={{ margin: 0 }}
            />
          )}
        </Flex>
      ),
    },
    {
      title: t('terminals.stocktake.missing'),
      dataIndex: 'missing',
      width: 80,
      align: 'right',
      render: (n: number, x) => findingCount(n, x, '#d4380d'),
    },
    {
      title: t('terminals.stocktake.unexpected'),
      dataIndex: 'unexpected',
      width: 80,
      align: 'right',
      render: (n: number, x) => findingCount(n, x, '#d48806'),
    },
    {
      title: t('terminals.stocktake.wrongPlace'),
      dataIndex: 'wrongPlace',
      width: 80,
      align: 'right',
      render: (n: number, x) => findingCount(n, x, '#531dab'),
    },
    {
      title: t('terminals.stocktake.startedAt'),
      dataIndex: 'startedAt',
      width: 160,
      sorter: (a, b) => a.startedAt.localeCompare(b.startedAt),
      defaultSortOrder: 'descend',
      render: (at: string) => formatDateTime(at),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('terminals.stocktake.title')}
        extra={
          access.can('terminal.transfer') && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setCreating(true)}
              data-testid="stocktake-create"
            >
              {t('terminals.stocktake.create')}
            </Button>
          )
        }
      />
      <Card>
        <Table<Stocktake>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={items}
          loading={stocktakes.isFetching}
          pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
          scroll={{ x: 1070 }}
          onRow={(x) =>
            rowAttrs({ 'data-testid': 'stocktake-row', 'data-no': x.no, 'data-status': x.status })
          }
          data-testid="stocktakes-table"
        />
        {items.length >= STOCKTAKE_LIST_LIMIT && (
          <Typography.Text type="secondary">
            {t('terminals.stocktake.limitNote', { n: STOCKTAKE_LIST_LIMIT })}
          </Typography.Text>
        )}
      </Card>
      <StocktakeFormModal
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(stocktake) => {
          setCreating(false);
          setOpenId(stocktake.id);
        }}
      />
      <StocktakeDetailDrawer id={openId} onClose={() => setOpenId(null)} />
    </>
  );
}
