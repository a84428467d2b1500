import { EditOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApprovalChain } from '../../../api/types';
import { useAccess } from '../../../app/access';
import { PageHeader } from '../../../app/components/page-header';
import { errorText } from '../../../app/errors';
import { formatDateTime } from '../../../app/format';
import { useApprovalChains } from '../api';
import { ChainEditDrawer } from '../components/chain-edit-drawer';
import { ChainSteps } from '../components/chain-steps';

/** 审批流程配置: who approves each request type. Viewing needs approval.read, editing approval.configure. */
export function ApprovalChainsPage() {
  const { t, i18n } = useTranslation();
  const access = useAccess();
  const canConfigure = access.can('approval.configure');
  const chains = useApprovalChains();
  const [editing, setEditing] = useState<ApprovalChain | null>(null);

  const columns: ColumnsType<ApprovalChain> = [
    {
      title: t('approvals.chains.name'),
      key: 'name',
      width: 200,
      render: (_, c) => (i18n.language === 'en-US' ? c.nameEn : c.name),
    },
    {
      title: t('approvals.chains.type'),
      dataIndex: 'type',
      width: 160,
      render: (type: string) => <Typography.Text code>{type}</Typography.Text>,
    },
    {
      title: t('approvals.chains.steps'),
      dataIndex: 'steps',
      render: (steps: ApprovalChain['steps']) => <ChainSteps steps={steps} />,
    },
    {
      title: t('approvals.chains.updatedAt'),
      dataIndex: 'updatedAt',
      width: 180,
      render: formatDateTime,
    },
    ...(canConfigure
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            width: 100,
            render: (_: unknown, c: ApprovalChain) => (
              <Button
                type="link"
                size="small"
                icon={<EditOutlined />}
                onClick={() => setEditing(c)}
                data-testid="chain-edit"
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
      <PageHeader title={t('approvals.chains.title')} />
      <Alert type="info" showIcon title={t('approvals.chains.note')} style={{ marginBottom: 16 }} />
      {chains.isError && (
        <Alert type="error" showIcon title={errorText(t, chains.error)} style={{ marginBottom: 16 }} />
      )}
      <Card>
        <Table<ApprovalChain>
          rowKey="type"
          size="middle"
          columns={columns}
          dataSource={chains.data ?? []}
          loading={chains.isFetching}
          pagination={false}
          data-testid="chains-table"
        />
      </Card>
      {canConfigure && <ChainEditDrawer chain={editing} onClose={() => setEditing(null)} />}
    </>
  );
}
