import { Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import { type TransferKind, type TransferStatus, transferKindColors, transferStatusColors } from '../model';

/** 下发 / 回拨 / 调拨, with what it means on hover. */
export function TransferKindTag({ kind }: { kind: TransferKind }) {
  const { t } = useTranslation();
  return (
    <Tooltip title={t(`terminals.transfers.kindHints.${kind}`)}>
      <Tag color={transferKindColors[kind]} data-testid="transfer-kind" data-kind={kind}>
        {t(`terminals.transfers.kinds.${kind}`)}
      </Tag>
    </Tooltip>
  );
}

export function TransferStatusTag({ status }: { status: TransferStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={transferStatusColors[status]} data-testid="transfer-status" data-status={status}>
      {t(`terminals.transfers.statuses.${status}`)}
    </Tag>
  );
}
