import { UnorderedListOutlined } from '@ant-design/icons';
import { Alert, Card, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageHeader } from '../../../app/components/page-header';
import { useWarehouses } from '../api';
import { rowAttrs } from '../components/row-attrs';
import { UnitsBar } from '../components/units-bar';
import { mono, type Warehouse } from '../model';

/** 仓库: one per organisation and agent of the user's subtree, with its units and a way into the ledger. */
export function WarehousesPage() {
  const { t } = useTranslation();
  const warehouses = useWarehouses();
  const items = warehouses.data ?? [];
  const maxUnits = Math.max(0, ...items.map((w) => w.units));

  const columns: ColumnsType<Warehouse> = [
    {
      title: t('terminals.warehouses.code'),
      dataIndex: 'code',
      width: 140,
      sorter: (a, b) => a.code.localeCompare(b.code),
      defaultSortOrder: 'ascend',
      render: (code: string) => <span style={mono}>{code}</span>,
    },
    {
      title: t('terminals.warehouses.name'),
      dataIndex: 'name',
      width: 200,
      sorter: (a, b) => a.name.localeCompare(b.name),
    },
    {
      title: t('terminals.warehouses.org'),
      dataIndex: 'orgName',
      width: 200,
      sorter: (a, b) => a.orgName.localeCompare(b.orgName),
    },
    {
      title: t('terminals.warehouses.kind'),
      dataIndex: 'kind',
      width: 110,
      filters: (['org', 'agent'] as const).map((v) => ({
        value: v,
        text: t(`terminals.warehouses.kinds.${v}`),
      })),
      onFilter: (value, w) => w.kind === value,
      render: (kind: Warehouse['kind']) => (
        <Tag color={kind === 'agent' ? 'purple' : 'blue'}>{t(`terminals.warehouses.kinds.${kind}`)}</Tag>
      ),
    },
    {
      title: t('terminals.warehouses.units'),
      dataIndex: 'units',
      width: 180,
      sorter: (a, b) => a.units - b.units,
      render: (units: number, w) => (
        <UnitsBar units={units} max={maxUnits} testId={`warehouse-units-${w.code}`} />
      ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 120,
      render: (_: unknown, w: Warehouse) => (
        <Link to={`/terminals?warehouseId=${w.id}`} data-testid={`warehouse-ledger-${w.code}`}>
          <UnorderedListOutlined style={{ marginInlineEnd: 4 }} />
          {t('terminals.warehouses.openLedger')}
        </Link>
      ),
    },
  ];

  return (
    <>
      <PageHeader title={t('terminals.warehouses.title')} />
      <Alert type="info" showIcon title={t('terminals.warehouses.hint')} style={{ marginBottom: 16 }} />
      <Card>
        <Table<Warehouse>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={items}
          loading={warehouses.isFetching}
          pagination={{ pageSize: 50, hideOnSinglePage: true, showSizeChanger: false }}
          scroll={{ x: 950 }}
          onRow={(w) => rowAttrs({ 'data-testid': 'warehouse-row', 'data-code': w.code })}
          data-testid="warehouses-table"
        />
      </Card>
    </>
  );
}
