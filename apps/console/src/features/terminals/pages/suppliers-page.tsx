import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Rate, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAccess } from '../../../app/access';
import { PageHeader } from '../../../app/components/page-header';
import { formatDateTime } from '../../../app/format';
import { useSuppliers } from '../api';
import { rowAttrs } from '../components/row-attrs';
import { SupplierFormDrawer } from '../components/supplier-form-drawer';
import type { Supplier } from '../model';

/** 供应商: whom terminals are bought from, their qualifications, contact and rating. */
export function SuppliersPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const access = useAccess();
  const suppliers = useSuppliers();
  const [editing, setEditing] = useState<Supplier | 'new' | null>(null);
  const mayManage = access.can('catalogue.manage');

  const columns: ColumnsType<Supplier> = [
    {
      title: t('terminals.suppliers.name'),
      dataIndex: 'name',
      width: 200,
      sorter: (a, b) => a.name.localeCompare(b.name),
      defaultSortOrder: 'ascend',
    },
    {
      title: t('terminals.suppliers.qualification'),
      dataIndex: 'qualification',
      width: 280,
      render: (text: string) => (
        <Typography.Paragraph ellipsis={{ rows: 2, tooltip: text }} style={{ margin: 0 }}>
          {text}
        </Typography.Paragraph>
      ),
    },
    { title: t('terminals.suppliers.contactName'), dataIndex: 'contactName', width: 110 },
    { title: t('terminals.suppliers.contactPhone'), dataIndex: 'contactPhone', width: 140 },
    {
      title: t('terminals.suppliers.rating'),
      dataIndex: 'rating',
      width: 160,
      sorter: (a, b) => a.rating - b.rating,
      render: (rating: number) => <Rate disabled value={rating} style={{ fontSize: 14 }} />,
    },
    {
      title: t('common.status'),
      dataIndex: 'status',
      width: 90,
      filters: (['active', 'suspended'] as const).map((v) => ({
        value: v,
        text: t(`terminals.suppliers.statuses.${v}`),
      })),
      onFilter: (value, s) => s.status === value,
      render: (status: Supplier['status']) => (
        <Tag color={status === 'active' ? 'green' : 'default'}>
          {t(`terminals.suppliers.statuses.${status}`)}
        </Tag>
      ),
    },
    {
      title: t('common.createdAt'),
      dataIndex: 'createdAt',
      width: 170,
      sorter: (a, b) => a.createdAt.localeCompare(b.createdAt),
      render: (at: string) => formatDateTime(at),
    },
    ...(mayManage
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            width: 90,
            fixed: 'right' as const,
            render: (_: unknown, s: Supplier) => (
              <Button
                type="link"
                size="small"
                icon={<EditOutlined />}
                onClick={() => setEditing(s)}
                data-testid={`supplier-edit-${s.name}`}
              >
                {t('common.edit')}
              </Button>
            ),
          },
        ]
      : []),
  ];

  return (
    <>
      <PageHeader
        title={t('terminals.suppliers.title')}
        extra={
          mayManage && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setEditing('new')}
              data-testid="supplier-create"
            >
              {t('terminals.suppliers.create')}
            </Button>
          )
        }
      />
      <Card>
        <Table<Supplier>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={suppliers.data ?? []}
          loading={suppliers.isFetching}
          pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
          scroll={{ x: 1240 }}
          onRow={(s) => rowAttrs({ 'data-testid': 'supplier-row', 'data-name': s.name })}
          data-testid="suppliers-table"
        />
      </Card>
      <SupplierFormDrawer
        editing={editing}
        onClose={() => setEditing(null)}
        onSaved={() => {
          message.success(t('terminals.suppliers.saved'));
          setEditing(null);
        }}
      />
    </>
  );
}
