import { Card, Col, Empty, Row, theme } from 'antd';
import type { ECElementEvent } from 'echarts/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { formatNumber } from '../../../app/format';
import { useTerminalModels } from '../api';
import {
  type AgeBand,
  ageBands,
  type FleetOverview,
  type TerminalStatus,
  terminalStatusColors,
  terminalStatuses,
} from '../model';
import { EChart } from './echart';
import {
  barOption,
  barsHeight,
  type ChartItem,
  type ChartLook,
  doughnutOption,
  topItems,
} from './fleet-chart-options';

/** Bars per chart before the rest are summed as "N others". */
const BARS_MAX = 10;

function summaryOf(items: readonly ChartItem[]): string {
  return items.map((i) => `${i.label} ${i.units}`).join(', ');
}

function ChartCard({
  title,
  items,
  height,
  build,
  onOpen,
  testId,
}: {
  title: string;
  items: ChartItem[];
  height: number;
  build: (items: ChartItem[]) => ReturnType<typeof barOption>;
  /** Opens the ledger filtered by the clicked item's key. */
  onOpen?: (key: string) => void;
  testId: string;
}) {
  const { t } = useTranslation();
  const option = useMemo(() => build(items), [build, items]);
  const onItemClick = onOpen
    ? (event: ECElementEvent) => {
        const key = items[event.dataIndex]?.key;
        if (key !== undefined) onOpen(key);
      }
    : undefined;
  return (
    <Card
      size="small"
      title={title}
      extra={
        onOpen && <span style={{ fontSize: 12, opacity: 0.65 }}>{t('terminals.overview.clickToFilter')}</span>
      }
      style={{ height: '100%' }}
    >
      {items.length === 0 ? (
        <Empty
          image={Empty.PRESENTED_IMAGE_SIMPLE}
          description={t('terminals.overview.empty')}
          style={{ height }}
        />
      ) : (
        <EChart
          option={option}
          height={height}
          summary={summaryOf(items)}
          {...(onItemClick ? { onItemClick } : {})}
          testId={testId}
        />
      )}
    </Card>
  );
}

/** The fleet by status (doughnut), model, organisation, firmware and age (bars); status and model open the ledger. */
export function FleetCharts({ overview }: { overview: FleetOverview }) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const navigate = useNavigate();
  const models = useTerminalModels();

  const look = useMemo((): ChartLook => {
    return {
      text: token.colorText,
      secondaryText: token.colorTextSecondary,
      split: token.colorBorderSecondary,
      bar: token.colorPrimary,
      formatNumber: (n) => formatNumber(n),
      formatUnits: (n) => t('terminals.overview.units', { n: formatNumber(n) }),
      clickable: false,
    };
  }, [token, t]);
  const clickable = useMemo(() => ({ ...look, clickable: true }), [look]);

  const statusItems = useMemo((): ChartItem[] => {
    const units = new Map(overview.byStatus.map((s) => [s.key, s.units]));
    const palette = token as unknown as Record<string, string | undefined>;
    return terminalStatuses
      .filter((s) => (units.get(s) ?? 0) > 0)
      .map((s: TerminalStatus) => ({
        key: s,
        label: t(`terminals.statuses.${s}`),
        units: units.get(s) ?? 0,
        color: palette[terminalStatusColors[s]] ?? token.colorTextQuaternary,
      }));
  }, [overview.byStatus, token, t]);

  const modelItems = useMemo((): ChartItem[] => {
    // The overview names models `brand model`; the ledger filters by id.
    const idOf = new Map((models.data ?? []).map((m) => [`${m.brand} ${m.model}`, m.id]));
    const others = (n: number) => t('terminals.overview.others', { n });
    return topItems(
      overview.byModel.map((m) => ({ key: idOf.get(m.key), label: m.key, units: m.units })),
      BARS_MAX,
      others,
    );
  }, [overview.byModel, models.data, t]);

  const orgItems = useMemo(
    () =>
      topItems(
        overview.byOrg.map((o) => ({ key: undefined, label: o.key, units: o.units })),
        BARS_MAX,
        (n) => t('terminals.overview.others', { n }),
      ),
    [overview.byOrg, t],
  );

  const firmwareItems = useMemo(
    () =>
      topItems(
        overview.byFirmware.map((f) => ({
          key: undefined,
          label: f.key === 'unknown' ? t('terminals.overview.unknownFirmware') : f.key,
          units: f.units,
        })),
        BARS_MAX,
        (n) => t('terminals.overview.others', { n }),
      ),
    [overview.byFirmware, t],
  );

  const ageItems = useMemo((): ChartItem[] => {
    const units = new Map(overview.byAge.map((a) => [a.key, a.units]));
    if (overview.byAge.length === 0) return [];
    return ageBands.map((band: AgeBand) => ({
      key: undefined,
      label: t(`terminals.overview.ages.${band}`),
      units: units.get(band) ?? 0,
    }));
  }, [overview.byAge, t]);

  const doughnut = useMemo(() => (items: ChartItem[]) => doughnutOption(items, clickable), [clickable]);
  const clickableBars = useMemo(
    () => (items: ChartItem[]) => barOption(items, clickable, 'horizontal'),
    [clickable],
  );
  const bars = useMemo(() => (items: ChartItem[]) => barOption(items, look, 'horizontal'), [look]);
  const columns = useMemo(() => (items: ChartItem[]) => barOption(items, look, 'vertical'), [look]);

  const open = (param: 'status' | 'modelId') => (key: string) =>
    navigate(`/terminals?${new URLSearchParams({ [param]: key })}`);

  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} xl={12}>
        <ChartCard
          title={t('terminals.overview.byStatus')}
          items={statusItems}
          height={280}
          build={doughnut}
          onOpen={open('status')}
          testId="chart-status"
        />
      </Col>
      <Col xs={24} xl={12}>
        <ChartCard
          title={t('terminals.overview.byModel')}
          items={modelItems}
          height={Math.max(280, barsHeight(modelItems.length))}
          build={clickableBars}
          onOpen={open('modelId')}
          testId="chart-model"
        />
      </Col>
      <Col xs={24} xl={12}>
        <ChartCard
          title={t('terminals.overview.byOrg')}
          items={orgItems}
          height={barsHeight(orgItems.length)}
          build={bars}
          testId="chart-org"
        />
      </Col>
      <Col xs={24} xl={12}>
        <ChartCard
          title={t('terminals.overview.byFirmware')}
          items={firmwareItems}
          height={barsHeight(firmwareItems.length)}
          build={bars}
          testId="chart-firmware"
        />
      </Col>
      <Col xs={24} xl={12}>
        <ChartCard
          title={t('terminals.overview.byAge')}
          items={ageItems}
          height={240}
          build={columns}
          testId="chart-age"
        />
      </Col>
    </Row>
  );
}
