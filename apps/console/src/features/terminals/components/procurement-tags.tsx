import { Flex, Progress, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../../app/format';
import { type Procurement, type ProcurementStatus, procurementStatusColors, receivedPercent } from '../model';

export function ProcurementStatusTag({ status }: { status: ProcurementStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={procurementStatusColors[status]} data-testid="procurement-status" data-status={status}>
      {t(`terminals.procurement.statuses.${status}`)}
    </Tag>
  );
}

/** 到货进度: units accepted of those ordered, as a bar, with the units returned to the supplier under it. */
export function ProcurementProgress({
  procurement: p,
  width = 140,
}: {
  procurement: Procurement;
  width?: number;
}) {
  const { t } = useTranslation();
  return (
    <Flex
      vertical
      gap={2}
      style={{ width }}
      data-testid="procurement-progress"
      data-received={p.receivedUnits}
      data-outstanding={p.outstanding}
    >
      <Progress
        percent={receivedPercent(p)}
        size="small"
        status={p.receivedUnits >= p.quantity ? 'success' : 'normal'}
        format={() => `${formatNumber(p.receivedUnits)}/${formatNumber(p.quantity)}`}
        style={{ margin: 0 }}
      />
      {p.rejectedUnits > 0 && (
        <Typography.Text type="warning" style={{ fontSize: 12 }}>
          {t('terminals.procurement.rejectedUnits', { n: formatNumber(p.rejectedUnits) })}
        </Typography.Text>
      )}
    </Flex>
  );
}
