import { Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ApplicationDetail } from '../../../api/types';
import { formatDateTime } from '../../../app/format';

const eventColors: Record<string, string> = {
  create: 'gray',
  submit: 'blue',
  resubmit: 'blue',
  start_review: 'blue',
  return: 'orange',
  return_from_approval: 'orange',
  complete_review: 'green',
  approve: 'green',
  activate: 'green',
  reject: 'red',
  withdraw: 'gray',
};

/** What happened to the application, oldest first: who, when, and the comment they left. */
export function ApplicationHistory({ history }: { history: ApplicationDetail['history'] }) {
  const { t } = useTranslation();
  return (
    <Timeline
      data-testid="app-history"
      items={history.map((h, i) => ({
        key: `${h.at}-${i}`,
        color: eventColors[h.event] ?? 'blue',
        title: formatDateTime(h.at),
        content: (
          <div data-testid={`app-history-${h.event}`}>
            <Typography.Text strong>
              {t(`merchants.events.${h.event}`, { defaultValue: h.event })}
            </Typography.Text>
            <Typography.Text type="secondary"> · {h.actorName}</Typography.Text>
            {h.comment && (
              <Typography.Paragraph style={{ margin: '4px 0 0' }} type="secondary">
                “{h.comment}”
              </Typography.Paragraph>
            )}
          </div>
        ),
      }))}
    />
  );
}
