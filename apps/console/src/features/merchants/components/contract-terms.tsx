import type { ContractTerms } from '@posops/contracts';
import { Space, Tag } from 'antd';
import type { TFunction } from 'i18next';
import { formatAmount } from '../../../app/format';

/** The contract's terms as description items: settlement cycle, term with auto-renewal, deposit. */
export function contractTermItems(t: TFunction, terms: ContractTerms, currency?: string) {
  return [
    {
      key: 'cycle',
      label: t('merchants.contract.settlementCycle'),
      children: t(`merchants.contract.cycles.${terms.settlementCycle}`),
    },
    {
      key: 'term',
      label: t('merchants.contract.termYears'),
      children: (
        <Space size={8}>
          {t('merchants.contract.years', { n: terms.termYears })}
          {terms.autoRenew && <Tag>{t('merchants.contract.autoRenew')}</Tag>}
        </Space>
      ),
    },
    {
      key: 'deposit',
      label: t('merchants.contract.deposit'),
      children:
        terms.depositMinor === '0'
          ? t('merchants.contract.noDeposit')
          : formatAmount(terms.depositMinor, currency),
    },
  ];
}
