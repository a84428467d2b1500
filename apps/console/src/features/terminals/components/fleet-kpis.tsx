import { QuestionCircleOutlined } from '@ant-design/icons';
import { Card, Col, Row, Statistic, Tooltip, Typography, theme } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatNumber } from '../../../app/format';
import { ALERT_LIST_LIMIT, type FleetOverview, onlineRate, type StockLevel } from '../model';

interface Kpi {
  key: string;
  title: string;
  hint?: string;
  value: number | null;
  precision?: number;
  suffix?: string;
  footer?: ReactNode;
  to?: string;
  color?: string | undefined;
}

function KpiCard({ kpi, loading }: { kpi: Kpi; loading: boolean }) {
  const card = (
    <Card size="small" hoverable={Boolean(kpi.to)} style={{ height: '100%' }} data-testid={`kpi-${kpi.key}`}>
      <Statistic
        title={
          <span>
            {kpi.title}
            {kpi.hint && (
              <Tooltip title={kpi.hint}>
                <QuestionCircleOutlined style={{ marginInlineStart: 6 }} />
              </Tooltip>
            )}
          </span>
        }
        loading={loading}
        value={kpi.value ?? '—'}
        precision={kpi.value === null ? undefined : kpi.precision}
        suffix={kpi.value === null ? undefined : kpi.suffix}
        styles={{ content: { color: kpi.color, fontVariantNumeric: 'tabular-nums' } }}
      />
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {(!loading && kpi.footer) || '\u00a0'}
      </Typography.Text>
    </Card>
  );
  return kpi.to ? (
    <Link to={kpi.to} style={{ display: 'block', height: '100%' }}>
      {card}
    </Link>
  ) : (
    card
  );
}

interface Props {
  overview: FleetOverview | undefined;
  stock: StockLevel[] | undefined;
  /** Open alerts as listed (the list stops at ALERT_LIST_LIMIT). */
  openAlerts: number | undefined;
}

/** 机具总数, 在册, 在线率, 低库存, 未处理告警: each a card; those with a page behind them open it. */
export function FleetKpis({ overview, stock, openAlerts }: Props) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const rate = overview ? onlineRate(overview.online) : null;
  const low = stock?.filter((s) => s.low).length;
  const kpis: { kpi: Kpi; loading: boolean }[] = [
    {
      loading: !overview,
      kpi: {
        key: 'total',
        title: t('terminals.overview.total'),
        hint: t('terminals.overview.totalHint'),
        value: overview?.total ?? null,
        to: '/terminals',
      },
    },
    {
      loading: !overview,
      kpi: {
        key: 'in-service',
        title: t('terminals.overview.inService'),
        hint: t('terminals.overview.inServiceHint'),
        value: overview?.register.inService ?? null,
      },
    },
    {
      loading: !overview,
      kpi: {
        key: 'online-rate',
        title: t('terminals.overview.onlineRate'),
        hint: t('terminals.overview.onlineHint'),
        value: rate,
        precision: 1,
        suffix: '%',
        color:
          rate === null
            ? undefined
            : rate >= 90
              ? token.colorSuccess
              : rate >= 70
                ? token.colorWarning
                : token.colorError,
        footer: overview
          ? overview.online.bound > 0
            ? t('terminals.overview.onlineOf', {
                online: formatNumber(overview.online.online),
                bound: formatNumber(overview.online.bound),
              })
            : t('terminals.overview.noneBound')
          : undefined,
      },
    },
    {
      loading: !stock,
      kpi: {
        key: 'low-stock',
        title: t('terminals.overview.lowStock'),
        value: low ?? null,
        color: low ? token.colorError : undefined,
        footer: stock ? t('terminals.overview.lowStockOf', { n: formatNumber(stock.length) }) : undefined,
        to: '/terminals/stock',
      },
    },
    {
      loading: openAlerts === undefined,
      kpi: {
        key: 'open-alerts',
        title: t('terminals.overview.openAlerts'),
        value: openAlerts ?? null,
        suffix: openAlerts !== undefined && openAlerts >= ALERT_LIST_LIMIT ? '+' : undefined,
        color: openAlerts ? token.colorWarning : undefined,
        footer: t('terminals.overview.openAlertsHint'),
        to: '/terminals/alerts',
      },
    },
  ];
  return (
    <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
      {kpis.map(({ kpi, loading }) => (
        <Col key={kpi.key} flex="1 1 200px">
          <KpiCard kpi={kpi} loading={loading} />
        </Col>
      ))}
    </Row>
  );
}
