import { ArrowRightOutlined } from '@ant-design/icons';
import { Empty, Space, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../../app/format';
import type { TerminalHistoryEntry, TerminalStatus } from '../model';
import { TerminalStatusTag } from './terminal-status-tag';

/** Timeline dot colours: antd's Timeline takes colour names, not Tag presets. */
const dotColors: Partial<Record<TerminalStatus, string>> = {
  active: 'green',
  installed: 'green',
  faulty: 'red',
  lost: 'red',
  in_repair: 'orange',
  retired: 'gray',
  scrapped: 'gray',
};

/** A history line's detail (reason, work order, MID, TID, the binding it left …) as labelled text. */
function Detail({ detail }: { detail: Record<string, unknown> }) {
  const { t } = useTranslation();
  const label = (key: string) => t(`terminals.history.detailKeys.${key}`, { defaultValue: key });
  const present = (value: unknown) => value !== null && value !== undefined && value !== '';
  const text = (value: unknown): string =>
    value !== null && typeof value === 'object' && !Array.isArray(value)
      ? Object.entries(value)
          .filter(([, v]) => present(v))
          .map(([k, v]) => `${label(k)} ${text(v)}`)
          .join(' · ')
      : typeof value === 'string'
        ? value
        : JSON.stringify(value);
  const entries = Object.entries(detail).filter(([, v]) => present(v));
  if (entries.length === 0) return null;
  return (
    <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0', fontSize: 12 }}>
      {entries.map(([key, value]) => (
        <span key={key} style={{ marginInlineEnd: 12 }}>
          {label(key)}: {text(value)}
        </span>
      ))}
    </Typography.Paragraph>
  );
}

/** 履历: every move of the terminal, in the server's order — event, from → to, who, when. */
export function TerminalHistory({ history }: { history: readonly TerminalHistoryEntry[] }) {
  const { t } = useTranslation();
  if (history.length === 0) return <Empty description={t('terminals.history.none')} />;
  return (
    <Timeline
      titleSpan="170px"
      data-testid="terminal-history"
      items={history.map((h, i) => ({
        key: `${h.at}-${i}`,
        color: dotColors[h.toStatus] ?? 'blue',
        title: formatDateTime(h.at),
        content: (
          <div data-testid={`terminal-history-${h.event}`}>
            <Space size={8} wrap>
              <Typography.Text strong>
                {t(`terminals.history.events.${h.event}`, { defaultValue: h.event })}
              </Typography.Text>
              <Space size={4}>
                {h.fromStatus && <TerminalStatusTag status={h.fromStatus} />}
                {h.fromStatus && <ArrowRightOutlined style={{ fontSize: 10 }} />}
                <TerminalStatusTag status={h.toStatus} />
              </Space>
              <Typography.Text type="secondary">· {h.actorName}</Typography.Text>
            </Space>
            {h.detail && <Detail detail={h.detail} />}
          </div>
        ),
      }))}
    />
  );
}
