import { App, Button, Popconfirm, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { useAccess } from '../../../app/access';
import { useErrorReporter } from '../../../app/errors';
import { formatNumber } from '../../../app/format';
import { useCloseTransfer } from '../api';
import type { Transfer } from '../model';

/** 签收 and 撤回 of a transfer in transit (`terminal.transfer`), each after a confirmation. */
export function TransferActions({
  transfer,
  size = 'small',
}: {
  transfer: Transfer;
  size?: 'small' | 'middle';
}) {
  const { t } = useTranslation();
  const access = useAccess();
  const report = useErrorReporter();
  const { message } = App.useApp();
  const close = useCloseTransfer();
  if (transfer.status !== 'in_transit' || !access.can('terminal.transfer')) return null;

  const run = async (outcome: 'receive' | 'cancel') => {
    try {
      const done = await close.mutateAsync({ id: transfer.id, outcome });
      message.success(
        t(`terminals.transfers.${outcome === 'receive' ? 'received' : 'cancelled'}`, { no: done.no }),
      );
    } catch (error) {
      report(error);
    }
  };
  const vars = {
    no: transfer.no,
    units: formatNumber(transfer.units),
    from: transfer.fromWarehouse.name,
    to: transfer.toWarehouse.name,
  };
  const busy = close.isPending ? close.variables?.outcome : undefined;

  return (
    <Space size={size === 'small' ? 4 : 8}>
      <Popconfirm
        title={t('terminals.transfers.receiveConfirm', vars)}
        onConfirm={() => run('receive')}
        okButtonProps={{ 'data-testid': 'transfer-receive-confirm' }}
      >
        <Button
          size={size}
          type={size === 'small' ? 'link' : 'primary'}
          loading={busy === 'receive'}
          disabled={busy === 'cancel'}
          data-testid={`transfer-receive-${transfer.no}`}
        >
          {t('terminals.transfers.receive')}
        </Button>
      </Popconfirm>
      <Popconfirm
        title={t('terminals.transfers.cancelConfirm', vars)}
        onConfirm={() => run('cancel')}
        okButtonProps={{ danger: true, 'data-testid': 'transfer-cancel-confirm' }}
      >
        <Button
          size={size}
          type={size === 'small' ? 'link' : 'default'}
          danger
          loading={busy === 'cancel'}
          disabled={busy === 'receive'}
          data-testid={`transfer-cancel-${transfer.no}`}
        >
          {t('terminals.transfers.cancel')}
        </Button>
      </Popconfirm>
    </Space>
  );
}
