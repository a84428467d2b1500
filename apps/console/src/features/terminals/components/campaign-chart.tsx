import { theme } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../../app/format';
import type { CampaignDetail, TargetStatus } from '../upgrade-model';
import { EChart } from './echart';
import type { ChartOption } from './echarts-setup';

const order: readonly TargetStatus[] = ['upgraded', 'scheduled', 'pending', 'failed', 'skipped'];

/** 各阶段进度: one stacked bar per stage (灰度, 全量), a segment per status of its units. */
export function CampaignChart({ campaign }: { campaign: CampaignDetail }) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const { canary, rollout } = campaign.progress;
  const option = useMemo((): ChartOption => {
    const colors: Record<TargetStatus, string> = {
      upgraded: token.colorSuccess,
      scheduled: token.colorPrimary,
      pending: token.colorTextQuaternary,
      failed: token.colorError,
      skipped: token.colorBorder,
    };
    return {
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { bottom: 0, textStyle: { color: token.colorText } },
      grid: { left: 8, right: 16, top: 8, bottom: 32, containLabel: true },
      xAxis: {
        type: 'value',
        minInterval: 1,
        axisLabel: { color: token.colorTextSecondary },
        splitLine: { lineStyle: { color: token.colorSplit } },
      },
      yAxis: {
        type: 'category',
        inverse: true,
        data: [t('terminals.upgrade.stages.canary'), t('terminals.upgrade.stages.rollout')],
        axisTick: { show: false },
        axisLabel: { color: token.colorText },
      },
      series: order.map((status) => ({
        type: 'bar',
        stack: 'units',
        name: t(`terminals.upgrade.targetStatuses.${status}`),
        barMaxWidth: 24,
        itemStyle: { color: colors[status] },
        data: [canary[status], rollout[status]],
      })),
    };
  }, [t, token, canary, rollout]);
  const summary = t('terminals.upgrade.chartSummary', {
    canary: `${formatNumber(canary.upgraded)}/${formatNumber(canary.total)}`,
    rollout: `${formatNumber(rollout.upgraded)}/${formatNumber(rollout.total)}`,
  });
  return <EChart option={option} height={150} summary={summary} testId="campaign-chart" />;
}
