import { Space, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDateTime, formatNumber, formatRelative } from '../../../app/format';
import type { GeoPoint, TerminalAlert } from '../model';

function point(p: GeoPoint | undefined): string {
  return p ? `${p.latitude.toFixed(6)}, ${p.longitude.toFixed(6)}` : '—';
}

/** Metres as `850 米` / `12.3 公里`. */
export function useDistanceText(): (metres: number) => string {
  const { t } = useTranslation();
  return (metres) =>
    metres >= 1000
      ? t('terminals.alerts.kilometres', { n: formatNumber(Math.round(metres / 100) / 10) })
      : t('terminals.alerts.metres', { n: formatNumber(metres) });
}

/** Offline: when it was last heard (or never) and the window; relocated: how far, with both positions on hover. */
export function AlertDetail({ alert }: { alert: TerminalAlert }) {
  const { t } = useTranslation();
  const distance = useDistanceText();
  if (alert.kind === 'offline') {
    const last = alert.detail.lastHeartbeatAt;
    return (
      <Space orientation="vertical" size={0} data-testid="alert-detail">
        {last ? (
          <Tooltip title={formatDateTime(last)}>
            <Typography.Text>
              {t('terminals.alerts.lastHeartbeat', { when: formatRelative(last) })}
            </Typography.Text>
          </Tooltip>
        ) : (
          <Typography.Text>{t('terminals.alerts.neverHeard')}</Typography.Text>
        )}
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('terminals.alerts.silentOver', { n: formatNumber(alert.detail.silentMinutes) })}
        </Typography.Text>
      </Space>
    );
  }
  return (
    <Tooltip
      title={
        <>
          <div>
            {t('terminals.alerts.reported')}: {point(alert.detail.reported)}
          </div>
          <div>
            {t('terminals.alerts.installed')}: {point(alert.detail.installed)}
          </div>
        </>
      }
    >
      <Typography.Text data-testid="alert-detail">
        {t('terminals.alerts.distance', { distance: distance(alert.detail.metres) })}
      </Typography.Text>
    </Tooltip>
  );
}
