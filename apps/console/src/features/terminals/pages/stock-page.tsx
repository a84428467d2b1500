import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Flex, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useAccess } from '../../../app/access';
import { PageHeader } from '../../../app/components/page-header';
import { downloadCsv } from '../../../app/csv';
import { useErrorReporter } from '../../../app/errors';
import { formatDate, formatDateTime, formatNumber } from '../../../app/format';
import { useSetStockThreshold, useStockLevels } from '../api';
import { rowAttrs } from '../components/row-attrs';
import { StockThresholdModal } from '../components/stock-threshold-modal';
import type { StockLevel } from '../model';

/** Distinct values of a column as the table's filter options. */
function optionsOf(items: readonly StockLevel[], pick: (s: StockLevel) => [string, string]) {
  const seen = new Map(items.map((s) => pick(s)));
  return [...seen].map(([value, text]) => ({ value, text })).sort((a, b) => a.text.localeCompare(b.text));
}

/** 库存预警: a minimum per model per warehouse against its available stock; set, change or remove one. */
export function StockPage() {
  const { t } = useTranslation();
  const access = useAccess();
  const report = useErrorReporter();
  const { message } = App.useApp();
  const levels = useStockLevels();
  const save = useSetStockThreshold();
  const [editing, setEditing] = useState<StockLevel | 'new' | null>(null);
  const items = levels.data ?? [];
  const canEdit = access.can('terminal.transfer');
  const low = items.filter((s) => s.low).length;

  const remove = async (s: StockLevel) => {
    try {
      await save.mutateAsync({ warehouseId: s.warehouseId, modelId: s.modelId, minUnits: 0 });
      message.success(t('terminals.stock.removed'));
    } catch (error) {
      report(error);
    }
  };

  const onExport = () =>
    downloadCsv(
      `${t('terminals.stock.exportFile')}-${formatDate(new Date().toISOString())}.csv`,
      [
        t('terminals.stock.warehouse'),
        t('terminals.stock.model'),
        t('terminals.stock.available'),
        t('terminals.stock.minUnits'),
        t('terminals.stock.status'),
        t('terminals.stock.alertOpenedAt'),
      ],
      items.map((s) => [
        s.warehouseName,
        s.modelName,
        String(s.available),
        String(s.minUnits),
        t(s.low ? 'terminals.stock.low' : 'terminals.stock.ok'),
        s.alertOpenedAt ? formatDateTime(s.alertOpenedAt) : '',
      ]),
    );

  const columns: ColumnsType<StockLevel> = [
    {
      title: t('terminals.stock.warehouse'),
      dataIndex: 'warehouseName',
      width: 200,
      filters: optionsOf(items, (s) => [s.warehouseId, s.warehouseName]),
      filterSearch: true,
      onFilter: (value, s) => s.warehouseId === value,
      sorter: (a, b) => a.warehouseName.localeCompare(b.warehouseName),
      render: (name: string, s) => <Link to={`/terminals?warehouseId=${s.warehouseId}`}>{name}</Link>,
    },
    {
      title: t('terminals.stock.model'),
      dataIndex: 'modelName',
      width: 180,
      filters: optionsOf(items, (s) => [s.modelId, s.modelName]),
      onFilter: (value, s) => s.modelId === value,
      sorter: (a, b) => a.modelName.localeCompare(b.modelName),
    },
    {
      title: t('terminals.stock.available'),
      dataIndex: 'available',
      width: 110,
      align: 'right',
      sorter: (a, b) => a.available - b.available,
      render: (n: number, s) => (
        <Typography.Text type={s.low ? 'danger' : undefined} strong={s.low} data-testid="stock-available">
          {formatNumber(n)}
        </Typography.Text>
      ),
    },
    {
      title: t('terminals.stock.minUnits'),
      dataIndex: 'minUnits',
      width: 110,
      align: 'right',
      sorter: (a, b) => a.minUnits - b.minUnits,
      render: (n: number) => formatNumber(n),
    },
    {
      title: t('terminals.stock.status'),
      dataIndex: 'low',
      width: 100,
      filters: [
        { value: true, text: t('terminals.stock.low') },
        { value: false, text: t('terminals.stock.ok') },
      ],
      onFilter: (value, s) => s.low === value,
      sorter: (a, b) => Number(b.low) - Number(a.low),
      defaultSortOrder: 'ascend',
      render: (isLow: boolean) => (
        <Tag color={isLow ? 'red' : 'green'} data-testid="stock-status" data-low={isLow}>
          {t(isLow ? 'terminals.stock.low' : 'terminals.stock.ok')}
        </Tag>
      ),
    },
    {
      title: t('terminals.stock.alertOpenedAt'),
      dataIndex: 'alertOpenedAt',
      width: 170,
      render: (at: string | null) => formatDateTime(at),
    },
    ...(canEdit
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            width: 150,
            render: (_: unknown, s: StockLevel) => (
              <Space size={4}>
                <Button type="link" size="small" onClick={() => setEditing(s)} data-testid="stock-edit">
                  {t('common.edit')}
                </Button>
                <Popconfirm
                  title={t('terminals.stock.removeConfirm', {
                    warehouse: s.warehouseName,
                    model: s.modelName,
                  })}
                  onConfirm={() => remove(s)}
                  okButtonProps={{ danger: true, 'data-testid': 'stock-remove-confirm' }}
                >
                  <Button type="link" size="small" danger data-testid="stock-remove">
                    {t('terminals.stock.remove')}
                  </Button>
                </Popconfirm>
              </Space>
            ),
          },
        ]
      : []),
  ];

  return (
    <>
      <PageHeader
        title={t('terminals.stock.title')}
        extra={
          canEdit && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setEditing('new')}
              data-testid="stock-add"
            >
              {t('terminals.stock.add')}
            </Button>
          )
        }
      />
      <Alert type="info" showIcon title={t('terminals.stock.hint')} style={{ marginBottom: 16 }} />
      <Card>
        <Flex justify="space-between" align="center" style={{ marginBottom: 12 }}>
          {low > 0 ? (
            <Tag color="red" data-testid="stock-low-count">
              {t('terminals.stock.lowCount', { n: formatNumber(low) })}
            </Tag>
          ) : (
            <span />
          )}
          <Button
            icon={<DownloadOutlined />}
            onClick={onExport}
            disabled={items.length === 0}
            data-testid="stock-export"
          >
            {t('common.export')}
          </Button>
        </Flex>
        <Table<StockLevel>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={items}
          loading={levels.isFetching}
          pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
          scroll={{ x: 1020 }}
          onRow={(s) =>
            rowAttrs({
              'data-testid': 'stock-row',
              'data-warehouse': s.warehouseName,
              'data-model': s.modelName,
            })
          }
          data-testid="stock-table"
        />
      </Card>
      <StockThresholdModal editing={editing} levels={items} onClose={() => setEditing(null)} />
    </>
  );
}
