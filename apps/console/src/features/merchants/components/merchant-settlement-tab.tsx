import { BankOutlined, SwapOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Flex, Space, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { MerchantProfile } from '../model';
import { OpenChangesNotice } from './merchant-profile-tab';

const mono = { fontFamily: 'ui-monospace, SFMono-Regular, Menlo, monospace' };

/** 结算账户: where the merchant is paid, the number masked; changed only through a change request. */
export function MerchantSettlementTab({
  merchant: m,
  onRequestChange,
}: {
  merchant: MerchantProfile;
  /** Opens the change form on a settlement account change; absent when the user may not request one. */
  onRequestChange?: () => void;
}) {
  const { t } = useTranslation();
  const s = m.settlement;
  return (
    <Flex vertical gap={16} data-testid="merchant-settlement">
      <OpenChangesNotice merchantId={m.id} kinds={['settlement_account']} />
      <Card
        size="small"
        title={
          <Space>
            <BankOutlined />
            {t('merchants.merchant.tabs.settlement')}
          </Space>
        }
        extra={
          onRequestChange && (
            <Button
              size="small"
              icon={<SwapOutlined />}
              onClick={onRequestChange}
              data-testid="settlement-change"
            >
              {t('merchants.changes.kinds.settlement_account')}
            </Button>
          )
        }
      >
        <Descriptions
          size="small"
          bordered
          column={{ xs: 1, md: 2 }}
          items={[
            {
              key: 'accountType',
              label: t('merchants.fields.settlement.accountType'),
              children: <Tag>{t(`merchants.options.accountType.${s.accountType}`)}</Tag>,
            },
            { key: 'holderName', label: t('merchants.fields.settlement.holderName'), children: s.holderName },
            { key: 'bankName', label: t('merchants.fields.settlement.bankName'), children: s.bankName },
            { key: 'branchName', label: t('merchants.fields.settlement.branchName'), children: s.branchName },
            {
              key: 'accountNo',
              label: t('merchants.fields.settlement.accountNo'),
              span: 2,
              children: (
                <span style={{ ...mono, fontSize: 15, letterSpacing: 1 }} data-testid="merchant-account-no">
                  {s.accountNo}
                </span>
              ),
            },
          ]}
        />
      </Card>
      <Alert type="info" showIcon title={t('merchants.merchant.settlementTab.masked')} />
    </Flex>
  );
}
