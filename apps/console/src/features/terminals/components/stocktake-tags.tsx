import { Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import {
  type StocktakeFinding,
  type StocktakeStatus,
  stocktakeFindingColors,
  stocktakeStatusColors,
} from '../model';

export function StocktakeStatusTag({ status }: { status: StocktakeStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={stocktakeStatusColors[status]} data-testid="stocktake-status" data-status={status}>
      {t(`terminals.stocktake.statuses.${status}`)}
    </Tag>
  );
}

/** 盘亏 / 盘盈 / 错位, with what it means on hover. */
export function StocktakeFindingTag({ finding }: { finding: StocktakeFinding }) {
  const { t } = useTranslation();
  return (
    <Tooltip title={t(`terminals.stocktake.findingHints.${finding}`)}>
      <Tag color={stocktakeFindingColors[finding]} data-testid="stocktake-finding" data-finding={finding}>
        {t(`terminals.stocktake.findings.${finding}`)}
      </Tag>
    </Tooltip>
  );
}
