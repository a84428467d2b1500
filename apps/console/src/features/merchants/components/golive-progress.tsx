import { Card, Flex, Steps } from 'antd';
import { useTranslation } from 'react-i18next';
import type { MerchantProfile } from '../model';
import { TrainingsCard } from './trainings-card';
import { WorkOrdersCard } from './work-orders-card';

/** 开通进度: for a merchant still onboarding, what stands between it and going live. */
export function GoLiveProgress({ merchant: m }: { merchant: MerchantProfile }) {
  const { t } = useTranslation();
  const installed = m.workOrders.some((w) => w.kind === 'install' && w.status === 'completed');
  const trained = m.trainings.length > 0;
  const steps = [
    { key: 'contract', done: m.contract?.status === 'signed' },
    { key: 'install', done: installed },
    { key: 'training', done: trained },
    { key: 'active', done: m.status === 'active' },
  ];
  const current = steps.findIndex((s) => !s.done);
  return (
    <Flex vertical gap={16} data-testid="merchant-golive">
      <Card size="small">
        <Steps
          size="small"
          current={current < 0 ? steps.length : current}
          items={steps.map((s, i) => ({
            title: t(`merchants.merchant.golive.${s.key}`),
            status: s.done ? 'finish' : i === current ? 'process' : 'wait',
          }))}
        />
      </Card>
      <WorkOrdersCard merchant={m} />
      <TrainingsCard merchant={m} />
    </Flex>
  );
}
