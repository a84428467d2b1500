import { FilePdfOutlined, FileProtectOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Card,
  Descriptions,
  Empty,
  Flex,
  Modal,
  Skeleton,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ContractStatus } from '../../../api/types';
import { PageHeader } from '../../../app/components/page-header';
import { errorText } from '../../../app/errors';
import { formatAmount, formatDateTime } from '../../../app/format';
import { useMccLabel } from '../../merchants/components/mcc-select';
import { MerchantStatusTag } from '../../merchants/components/merchant-status-tag';
import { type PortalContract, type PortalTerminal, portalContractPdfUrl, usePortalMerchant } from '../api';

const contractStatusColors: Record<ContractStatus, string> = {
  draft: 'default',
  generated: 'processing',
  signed: 'success',
};

function ContractCard({ contract }: { contract: PortalContract | null }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  if (!contract) {
    return (
      <Card title={t('portal.contract')} data-testid="portal-contract">
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('portal.noContract')} />
      </Card>
    );
  }
  return (
    <Card
      title={
        <Space>
          <FileProtectOutlined />
          {t('portal.contract')}
        </Space>
      }
      extra={
        <Button icon={<FilePdfOutlined />} onClick={() => setOpen(true)} data-testid="portal-contract-pdf">
          {t('portal.viewContract')}
        </Button>
      }
      data-testid="portal-contract"
    >
      <Descriptions
        size="small"
        column={{ xs: 1, md: 2 }}
        items={[
          {
            key: 'no',
            label: t('portal.contractNo'),
            children: <span data-testid="portal-contract-no">{contract.contractNo}</span>,
          },
          {
            key: 'status',
            label: t('portal.contractStatus'),
            children: (
              <Tag color={contractStatusColors[contract.status] ?? 'default'} data-status={contract.status}>
                {t(`merchants.contract.statuses.${contract.status}`, { defaultValue: contract.status })}
              </Tag>
            ),
          },
          { key: 'effective', label: t('portal.effectiveDate'), children: contract.effectiveDate },
          { key: 'signedAt', label: t('portal.signedAt'), children: formatDateTime(contract.signedAt) },
        ]}
      />
      <Modal
        open={open}
        title={`${t('portal.contract')} · ${contract.contractNo}`}
        width={960}
        onCancel={() => setOpen(false)}
        destroyOnHidden
        footer={
          <Space>
            <Typography.Link href={portalContractPdfUrl} target="_blank" rel="noopener noreferrer">
              {t('portal.openInNewTab')}
            </Typography.Link>
            <Button onClick={() => setOpen(false)}>{t('common.close')}</Button>
          </Space>
        }
      >
        <iframe
          title={contract.contractNo}
          src={portalContractPdfUrl}
          style={{ width: '100%', height: '72vh', border: 0 }}
          data-testid="portal-contract-frame"
        />
      </Modal>
    </Card>
  );
}

/** 我的商户: what a merchant portal login sees — its own merchant, limits, terminals and contract. */
export function PortalPage() {
  const { t } = useTranslation();
  const mccLabel = useMccLabel();
  const query = usePortalMerchant();

  if (query.isPending) return <Skeleton active />;
  if (query.isError) {
    return (
      <Alert
        type="error"
        showIcon
        title={t('portal.loadFailed')}
        description={errorText(t, query.error)}
        data-testid="portal-error"
      />
    );
  }
  const m = query.data;

  const columns: ColumnsType<PortalTerminal> = [
    {
      key: 'model',
      title: t('portal.terminalModel'),
      dataIndex: 'model',
      render: (v: string | null) => v ?? '—',
    },
    {
      key: 'serialNo',
      title: t('portal.serialNo'),
      dataIndex: 'serialNo',
      render: (v: string | null) => v ?? '—',
    },
    {
      key: 'installedAt',
      title: t('portal.installedAt'),
      dataIndex: 'installedAt',
      render: (v: string | null) => formatDateTime(v),
    },
  ];

  return (
    <Flex vertical gap={16} data-testid="portal-page">
      <PageHeader title={t('portal.title')} />
      <Card title={t('portal.profile')}>
        <Descriptions
          size="small"
          column={{ xs: 1, md: 2, xl: 3 }}
          items={[
            {
              key: 'mid',
              label: t('portal.mid'),
              children: (
                <Typography.Text copyable data-testid="portal-mid">
                  {m.mid}
                </Typography.Text>
              ),
            },
            {
              key: 'name',
              label: t('portal.name'),
              children: <span data-testid="portal-name">{m.name}</span>,
            },
            { key: 'shortName', label: t('portal.shortName'), children: m.shortName },
            { key: 'mcc', label: t('portal.mcc'), children: mccLabel(m.mcc) },
            { key: 'status', label: t('portal.status'), children: <MerchantStatusTag status={m.status} /> },
            { key: 'activatedAt', label: t('portal.activatedAt'), children: formatDateTime(m.activatedAt) },
          ]}
        />
      </Card>
      <Card title={t('portal.limits')} data-testid="portal-limits">
        <Descriptions
          size="small"
          column={{ xs: 1, md: 3 }}
          items={[
            {
              key: 'single',
              label: t('portal.singleLimit'),
              children: <span data-testid="portal-limit-single">{formatAmount(m.limits.singleMinor)}</span>,
            },
            {
              key: 'daily',
              label: t('portal.dailyLimit'),
              children: <span data-testid="portal-limit-daily">{formatAmount(m.limits.dailyMinor)}</span>,
            },
            {
              key: 'monthly',
              label: t('portal.monthlyLimit'),
              children: <span data-testid="portal-limit-monthly">{formatAmount(m.limits.monthlyMinor)}</span>,
            },
          ]}
        />
      </Card>
      <Card title={t('portal.terminals')}>
        <Table<PortalTerminal>
          size="small"
          rowKey={(row, index) => row.serialNo ?? `terminal-${index}`}
          columns={columns}
          dataSource={m.terminals}
          pagination={false}
          locale={{ emptyText: t('portal.noTerminals') }}
          data-testid="portal-terminals"
        />
      </Card>
      <ContractCard contract={m.contract} />
    </Flex>
  );
}
