import { EditOutlined, PlusOutlined, StopOutlined } from '@ant-design/icons';
import { App, Button, Card, Popconfirm, Space, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAccess } from '../../../app/access';
import { PageHeader } from '../../../app/components/page-header';
import { useErrorReporter } from '../../../app/errors';
import { formatAmount, formatDateTime } from '../../../app/format';
import { useRetireTerminalModel, useTerminalModels } from '../api';
import { ModelFormDrawer } from '../components/model-form-drawer';
import { rowAttrs } from '../components/row-attrs';
import { UnitsBar } from '../components/units-bar';
import { type TerminalCapability, type TerminalModel, type TerminalType, terminalTypes } from '../model';

/** 机型目录: the models the ledger may hold, their price and how many units of each there are. */
export function TerminalModelsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const access = useAccess();
  const report = useErrorReporter();
  const models = useTerminalModels();
  const retire = useRetireTerminalModel();
  const [editing, setEditing] = useState<TerminalModel | 'new' | null>(null);
  const mayManage = access.can('catalogue.manage');
  const items = models.data ?? [];
  const maxUnits = Math.max(0, ...items.map((m) => m.units));
  const name = (m: TerminalModel) => `${m.brand} ${m.model}`;

  const columns: ColumnsType<TerminalModel> = [
    {
      title: t('terminals.fields.brand'),
      dataIndex: 'brand',
      width: 120,
      sorter: (a, b) => a.brand.localeCompare(b.brand),
      defaultSortOrder: 'ascend',
    },
    {
      title: t('terminals.fields.model'),
      dataIndex: 'model',
      width: 140,
      sorter: (a, b) => a.model.localeCompare(b.model),
    },
    {
      title: t('terminals.fields.type'),
      dataIndex: 'type',
      width: 110,
      filters: terminalTypes.map((v) => ({
        value: v,
        text: t(`terminals.types.${v}`),
      })),
      onFilter: (value, m) => m.type === value,
      render: (type: TerminalType) => t(`terminals.types.${type}`),
    },
    {
      title: t('terminals.fields.capabilities'),
      dataIndex: 'capabilities',
      width: 260,
      render: (caps: TerminalCapability[]) => (
        <Space size={[4, 4]} wrap>
          {caps.map((c) => (
            <Tag key={c}>{t(`terminals.capabilities.${c}`)}</Tag>
          ))}
        </Space>
      ),
    },
    {
      title: t('terminals.fields.unitPrice'),
      dataIndex: 'unitPriceMinor',
      width: 120,
      align: 'right',
      sorter: (a, b) => {
        const diff = BigInt(a.unitPriceMinor) - BigInt(b.unitPriceMinor);
        return diff === 0n ? 0 : diff < 0n ? -1 : 1;
      },
      render: (fen: string) => formatAmount(fen),
    },
    {
      title: t('terminals.fields.units'),
      dataIndex: 'units',
      width: 170,
      sorter: (a, b) => a.units - b.units,
      render: (units: number, m) => (
        <UnitsBar units={units} max={maxUnits} testId={`model-units-${m.model}`} />
      ),
    },
    {
      title: t('common.status'),
      dataIndex: 'status',
      width: 90,
      filters: (['active', 'retired'] as const).map((v) => ({
        value: v,
        text: t(`terminals.models.statuses.${v}`),
      })),
      onFilter: (value, m) => m.status === value,
      render: (status: TerminalModel['status']) => (
        <Tag color={status === 'active' ? 'green' : 'default'}>
          {t(`terminals.models.statuses.${status}`)}
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
            width: 150,
            fixed: 'right' as const,
            render: (_: unknown, m: TerminalModel) => (
              <Space size={0}>
                <Button
                  type="link"
                  size="small"
                  icon={<EditOutlined />}
                  onClick={() => setEditing(m)}
                  data-testid={`model-edit-${m.model}`}
                >
                  {t('common.edit')}
                </Button>
                {m.status === 'active' && (
                  <Popconfirm
                    title={t('terminals.models.retireConfirm', { name: name(m) })}
                    okButtonProps={{ danger: true, loading: retire.isPending }}
                    onConfirm={async () => {
                      try {
                        await retire.mutateAsync(m.id);
                        message.success(t('terminals.models.retired'));
                      } catch (error) {
                        report(error);
                      }
                    }}
                  >
                    <Button
                      type="link"
                      size="small"
                      danger
                      icon={<StopOutlined />}
                      data-testid={`model-retire-${m.model}`}
                    >
                      {t('terminals.models.retire')}
                    </Button>
                  </Popconfirm>
                )}
              </Space>
            ),
          },
        ]
      : []),
  ];

  return (
    <>
      <PageHeader
        title={t('terminals.models.title')}
        extra={
          mayManage && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setEditing('new')}
              data-testid="model-create"
            >
              {t('terminals.models.create')}
            </Button>
          )
        }
      />
      <Card>
        <Table<TerminalModel>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={items}
          loading={models.isFetching}
          pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
          scroll={{ x: 1330 }}
          onRow={(m) => rowAttrs({ 'data-testid': 'model-row', 'data-model': m.model })}
          data-testid="models-table"
        />
      </Card>
      <ModelFormDrawer
        editing={editing}
        onClose={() => setEditing(null)}
        onSaved={() => {
          message.success(t('terminals.models.saved'));
          setEditing(null);
        }}
      />
    </>
  );
}
