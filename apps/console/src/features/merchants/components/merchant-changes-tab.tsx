import { PlusOutlined } from '@ant-design/icons';
import { Button, Flex, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useMerchantChanges } from '../change-api';
import type { MerchantProfile } from '../model';
import { ChangeRequestsTable } from './change-requests-table';

/** 变更: the merchant's change requests, newest first, and the way to request another. */
export function MerchantChangesTab({
  merchant: m,
  onRequest,
}: {
  merchant: MerchantProfile;
  /** Absent when the user may not request changes, or the merchant is closed. */
  onRequest?: () => void;
}) {
  const { t } = useTranslation();
  const changes = useMerchantChanges(m.id);
  return (
    <Flex vertical gap={12}>
      <Flex justify="space-between" align="center">
        <Typography.Text type="secondary">{t('merchants.changes.form.effectiveHint')}</Typography.Text>
        {onRequest && (
          <Button type="primary" icon={<PlusOutlined />} onClick={onRequest} data-testid="change-new">
            {t('merchants.changes.new')}
          </Button>
        )}
      </Flex>
      <ChangeRequestsTable
        items={changes.data ?? []}
        loading={changes.isFetching}
        testId="merchant-changes"
      />
    </Flex>
  );
}
