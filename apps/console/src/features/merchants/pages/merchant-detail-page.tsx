import { Alert, Badge, Button, Card, Result, Skeleton, Space, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { useAccess } from '../../../app/access';
import { PageHeader } from '../../../app/components/page-header';
import { errorText } from '../../../app/errors';
import { useMerchant } from '../api';
import { useMerchantChanges } from '../change-api';
import { ChangeRequestDrawer } from '../components/change-request-drawer';
import { GoLiveProgress } from '../components/golive-progress';
import { MerchantChangesTab } from '../components/merchant-changes-tab';
import { MerchantContractTab } from '../components/merchant-contract-tab';
import { MerchantDocumentsTab } from '../components/merchant-documents-tab';
import { MerchantHistoryTab } from '../components/merchant-history-tab';
import { MerchantProfileTab } from '../components/merchant-profile-tab';
import { MerchantRiskTab } from '../components/merchant-risk-tab';
import { MerchantSettlementTab } from '../components/merchant-settlement-tab';
import { MerchantStatusActions } from '../components/merchant-status-actions';
import { MerchantStatusTag } from '../components/merchant-status-tag';
import { MerchantTerminalsTab } from '../components/merchant-terminals-tab';
import { TrainingsCard } from '../components/trainings-card';
import { WorkOrdersCard } from '../components/work-orders-card';
import { gradeColors, type MerchantChangeKind, type MerchantProfile, openChangeStatuses } from '../model';

const mono = { fontFamily: 'ui-monospace, SFMono-Regular, Menlo, monospace' };

const tabKeys = [
  'golive',
  'profile',
  'settlement',
  'contract',
  'risk',
  'documents',
  'terminals',
  'workOrders',
  'trainings',
  'changes',
  'history',
] as const;
type TabKey = (typeof tabKeys)[number];

/** 商户360: the merchant in tabs — profile, account, contract and rates, risk, documents, … history. */
export function MerchantDetailPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const merchant = useMerchant(id);
  if (merchant.isError) {
    return (
      <Result
        status="warning"
        title={t('merchants.merchant.loadFailed')}
        subTitle={errorText(t, merchant.error)}
        extra={
          <Link to="/merchants">
            <Button>{t('merchants.merchant.title')}</Button>
          </Link>
        }
        data-testid="merchant-not-found"
      />
    );
  }
  if (!merchant.data) return <Skeleton active />;
  return <Merchant360 merchant={merchant.data} />;
}

function Merchant360({ merchant: m }: { merchant: MerchantProfile }) {
  const { t } = useTranslation();
  const access = useAccess();
  const [params, setParams] = useSearchParams();
  const changes = useMerchantChanges(m.id);
  const [requesting, setRequesting] = useState<MerchantChangeKind | null>(null);
  const onboarding = m.status === 'onboarding';
  const asked = params.get('tab');
  const tab: TabKey =
    tabKeys.find((k) => k === asked && (k !== 'golive' || onboarding)) ?? (onboarding ? 'golive' : 'profile');
  const mayRequest = access.can('merchantChange.request') && m.status !== 'closed';
  const open = (changes.data ?? []).filter((c) => openChangeStatuses.includes(c.status));
  const accountChangeOpen = open.some((c) => c.kind === 'settlement_account');

  const items = [
    ...(onboarding
      ? [
          {
            key: 'golive',
            label: t('merchants.merchant.tabs.golive'),
            children: <GoLiveProgress merchant={m} />,
          },
        ]
      : []),
    {
      key: 'profile',
      label: t('merchants.merchant.tabs.profile'),
      children: <MerchantProfileTab merchant={m} />,
    },
    {
      key: 'settlement',
      label: t('merchants.merchant.tabs.settlement'),
      children: (
        <MerchantSettlementTab
          merchant={m}
          {...(mayRequest && !accountChangeOpen
            ? { onRequestChange: () => setRequesting('settlement_account') }
            : {})}
        />
      ),
    },
    {
      key: 'contract',
      label: t('merchants.merchant.tabs.contract'),
      children: <MerchantContractTab merchant={m} />,
    },
    { key: 'risk', label: t('merchants.merchant.tabs.risk'), children: <MerchantRiskTab merchant={m} /> },
    {
      key: 'documents',
      label: t('merchants.merchant.tabs.documents'),
      children: <MerchantDocumentsTab merchant={m} />,
    },
    {
      key: 'terminals',
      label: (
        <Space size={6}>
          {t('merchants.merchant.tabs.terminals')}
          {m.terminals.length > 0 && <Badge count={m.terminals.length} size="small" color="gray" />}
        </Space>
      ),
      children: <MerchantTerminalsTab merchant={m} />,
    },
    {
      key: 'workOrders',
      label: t('merchants.merchant.tabs.workOrders'),
      children: <WorkOrdersCard merchant={m} />,
    },
    {
      key: 'trainings',
      label: t('merchants.merchant.tabs.trainings'),
      children: <TrainingsCard merchant={m} />,
    },
    {
      key: 'changes',
      label: (
        <Space size={6}>
          {t('merchants.merchant.tabs.changes')}
          {open.length > 0 && <Badge count={open.length} size="small" />}
        </Space>
      ),
      children: (
        <MerchantChangesTab
          merchant={m}
          {...(mayRequest ? { onRequest: () => setRequesting('settlement_account') } : {})}
        />
      ),
    },
    {
      key: 'history',
      label: t('merchants.merchant.tabs.history'),
      children: <MerchantHistoryTab merchantId={m.id} />,
    },
  ];

  return (
    <>
      <PageHeader
        title={
          <Space size={12} wrap>
            <span style={mono} data-testid="merchant-mid">
              {m.mid}
            </span>
            <Typography.Text
              style={{ fontSize: 'inherit', fontWeight: 'inherit' }}
              data-testid="merchant-name"
            >
              {m.name}
            </Typography.Text>
            <MerchantStatusTag status={m.status} />
            <Tag color={gradeColors[m.riskGrade]} data-testid="merchant-header-grade">
              {t('merchants.merchant.gradeN', { grade: m.riskGrade })}
            </Tag>
          </Space>
        }
        extra={
          <Space wrap>
            <MerchantStatusActions merchant={m} />
            {mayRequest && (
              <Button
                onClick={() => setRequesting('settlement_account')}
                data-testid="merchant-request-change"
              >
                {t('merchants.changes.new')}
              </Button>
            )}
            {m.applicationId && (
              <Link to={`/merchants/applications/${m.applicationId}`} data-testid="merchant-application-link">
                <Button>{t('merchants.merchant.viewApplication')}</Button>
              </Link>
            )}
          </Space>
        }
      />
      {onboarding && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('merchants.merchant.onboardingHint')}
          data-testid="merchant-onboarding-hint"
        />
      )}
      <Card>
        <Tabs
          activeKey={tab}
          onChange={(key) =>
            setParams(
              (p) => {
                p.set('tab', key);
                return p;
              },
              { replace: true },
            )
          }
          destroyOnHidden
          items={items}
          data-testid="merchant-tabs"
        />
      </Card>
      <ChangeRequestDrawer
        open={requesting !== null}
        merchantId={m.id}
        initialKind={requesting ?? 'settlement_account'}
        onClose={() => setRequesting(null)}
      />
    </>
  );
}
