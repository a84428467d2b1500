import { App } from 'antd';
import { useTranslation } from 'react-i18next';
import type { MerchantProfile } from '../model';

/**
 * After an action on the merchant: say what was done, and say so louder when it took the merchant live.
 */
export function useMerchantAnnouncer() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  return (before: MerchantProfile, after: MerchantProfile, done: string) => {
    if (before.status !== 'active' && after.status === 'active') {
      message.success({ content: t('merchants.merchant.activated'), key: 'merchant-activated' });
    } else {
      message.success(done);
    }
  };
}
