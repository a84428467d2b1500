import { FilePdfOutlined, FileProtectOutlined, HistoryOutlined, PercentageOutlined } from '@ant-design/icons';
import type { ContractRates } from '@posops/contracts';
import { Alert, Button, Card, Descriptions, Empty, Flex, Space, Tag, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAccess } from '../../../app/access';
import { formatAmount, formatDateTime } from '../../../app/format';
import { contractPdfUrl } from '../api';
import { businessToday } from '../dates';
import type { MerchantProfile, RatePeriod } from '../model';
import { ppmToPercent } from '../rates';
import { contractTermItems } from './contract-terms';
import { PdfPreviewModal } from './document-thumb';

const mono = { fontFamily: 'ui-monospace, SFMono-Regular, Menlo, monospace' };
const contractStatusColors: Record<string, string> = {
  draft: 'default',
  generated: 'processing',
  signed: 'success',
};

function usePlanName() {
  const { i18n } = useTranslation();
  return (plan: { name: string; nameEn: string }) =>
    i18n.language === 'en-US' ? plan.nameEn || plan.name : plan.name;
}

/** The four figures of a rate plan, as a compact line. */
function RatesLine({ rates }: { rates: ContractRates }) {
  const { t } = useTranslation();
  const cap = rates.debitCapMinor
    ? ` (${t('merchants.contract.debitCap')} ${formatAmount(rates.debitCapMinor, rates.currency)})`
    : '';
  return (
    <Typography.Text type="secondary">
      {t('merchants.contract.debitRate')} {ppmToPercent(rates.debitRatePpm)}
      {cap} · {t('merchants.contract.creditRate')} {ppmToPercent(rates.creditRatePpm)} ·{' '}
      {t('merchants.contract.qrRate')} {ppmToPercent(rates.qrRatePpm)}
    </Typography.Text>
  );
}

/** 协议与费率: the signed contract and its PDF, the rates in force and how they changed over time. */
export function MerchantContractTab({ merchant: m }: { merchant: MerchantProfile }) {
  const { t } = useTranslation();
  const access = useAccess();
  const planName = usePlanName();
  const [pdfOpen, setPdfOpen] = useState(false);
  const c = m.contract;
  const pdf = c?.documentId ? (m.documents.find((d) => d.id === c.documentId) ?? null) : null;
  const current = m.rates.current;
  const upcoming = current ? null : ([...m.rates.history].reverse()[0] ?? null);

  return (
    <Flex vertical gap={16} data-testid="merchant-contract">
      {c ? (
        <Card
          size="small"
          title={
            <Space>
              <FileProtectOutlined />
              {t('merchants.contract.title')}
              <Typography.Text copyable style={mono} data-testid="merchant-contract-no">
                {c.contractNo}
              </Typography.Text>
              <Tag color={contractStatusColors[c.status]}>{t(`merchants.contract.statuses.${c.status}`)}</Tag>
            </Space>
          }
          extra={
            pdf ? (
              <Button
                icon={<FilePdfOutlined />}
                onClick={() => setPdfOpen(true)}
                data-testid="merchant-contract-pdf"
              >
                {t('merchants.contract.viewPdf')}
              </Button>
            ) : (
              c.documentId &&
              m.applicationId &&
              access.can('contract.read') && (
                <Button
                  icon={<FilePdfOutlined />}
                  href={contractPdfUrl(m.applicationId)}
                  target="_blank"
                  rel="noopener"
                  data-testid="merchant-contract-pdf"
                >
                  {t('merchants.contract.viewPdf')}
                </Button>
              )
            )
          }
        >
          <Descriptions
            size="small"
            column={{ xs: 1, md: 2, xl: 3 }}
            items={[
              { key: 'effective', label: t('merchants.contract.effectiveDate'), children: c.effectiveDate },
              {
                key: 'signer',
                label: t('merchants.contract.signer'),
                children: <span data-testid="merchant-contract-signer">{c.signerName ?? '—'}</span>,
              },
              {
                key: 'signedAt',
                label: t('merchants.contract.signedAt'),
                children: formatDateTime(c.signedAt),
              },
              ...contractTermItems(t, c.terms),
            ]}
          />
        </Card>
      ) : (
        <Empty description={t('merchants.merchant.contractTab.none')} />
      )}
      <Card
        size="small"
        title={
          <Space>
            <PercentageOutlined />
            {t('merchants.merchant.rates.current')}
          </Space>
        }
        data-testid="merchant-rates-current"
      >
        {current ? (
          <Descriptions
            size="small"
            column={{ xs: 1, md: 2, xl: 3 }}
            items={[
              {
                key: 'plan',
                label: t('merchants.merchant.rates.plan'),
                children: (
                  <span data-testid="merchant-rate-plan">
                    {planName(current)} <Typography.Text type="secondary">({current.code})</Typography.Text>
                  </span>
                ),
              },
              {
                key: 'debit',
                label: t('merchants.contract.debitRate'),
                children: ppmToPercent(current.debitRatePpm),
              },
              {
                key: 'cap',
                label: t('merchants.contract.debitCap'),
                children: current.debitCapMinor
                  ? formatAmount(current.debitCapMinor, current.currency)
                  : t('merchants.contract.noCap'),
              },
              {
                key: 'credit',
                label: t('merchants.contract.creditRate'),
                children: ppmToPercent(current.creditRatePpm),
              },
              { key: 'qr', label: t('merchants.contract.qrRate'), children: ppmToPercent(current.qrRatePpm) },
              {
                key: 'from',
                label: t('merchants.contract.effectiveDate'),
                children: current.effectiveFrom,
              },
            ]}
          />
        ) : upcoming ? (
          <Alert
            type="info"
            showIcon
            title={t('merchants.merchant.rates.notYetEffective', { date: upcoming.effectiveFrom })}
            description={
              <span>
                {planName(upcoming)} ({upcoming.code}) · <RatesLine rates={upcoming} />
              </span>
            }
          />
        ) : (
          <Empty description={t('merchants.merchant.rates.none')} />
        )}
      </Card>
      <Card
        size="small"
        title={
          <Space>
            <HistoryOutlined />
            {t('merchants.merchant.rates.history')}
          </Space>
        }
      >
        <RateHistory periods={m.rates.history} />
      </Card>
      {pdf && <PdfPreviewModal doc={pdfOpen ? pdf : null} onClose={() => setPdfOpen(false)} />}
    </Flex>
  );
}

/** Every rate period, newest first: from when, from where (contract or change), the figures. */
function RateHistory({ periods }: { periods: RatePeriod[] }) {
  const { t } = useTranslation();
  const planName = usePlanName();
  const today = businessToday();
  if (periods.length === 0) return <Empty description={t('merchants.merchant.rates.none')} />;
  return (
    <Timeline
      titleSpan="200px"
      data-testid="merchant-rate-history"
      items={periods.map((p, i) => {
        const state = p.current ? 'current' : p.effectiveFrom > today ? 'upcoming' : 'ended';
        return {
          key: `${p.effectiveFrom}-${i}`,
          color: state === 'current' ? 'green' : state === 'upcoming' ? 'blue' : 'gray',
          title: (
            <Space size={6}>
              <Typography.Text strong>
                {t('merchants.merchant.rates.effectiveFrom', { date: p.effectiveFrom })}
              </Typography.Text>
              <Tag color={state === 'current' ? 'green' : state === 'upcoming' ? 'blue' : 'default'}>
                {t(`merchants.merchant.rates.${state === 'current' ? 'currentTag' : state}`)}
              </Tag>
            </Space>
          ),
          content: (
            <Flex vertical data-testid={`rate-period-${p.effectiveFrom}`}>
              <span>
                {planName(p)} <Typography.Text type="secondary">({p.code})</Typography.Text>{' '}
                <Tag bordered={false} color={p.source === 'change' ? 'purple' : 'geekblue'}>
                  {t(`merchants.merchant.rates.sources.${p.source}`)}
                </Tag>
              </span>
              <RatesLine rates={p} />
            </Flex>
          ),
        };
      })}
    />
  );
}
