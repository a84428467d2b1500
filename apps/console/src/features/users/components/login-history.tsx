import { Alert, Flex, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import type { LoginHistoryEntry } from '../../../api/types';
import { CursorPager } from '../../../app/components/cursor-pager';
import { errorText } from '../../../app/errors';
import { formatDateTime } from '../../../app/format';
import { useCursorPager } from '../../../app/use-cursor-pager';
import { useLoginHistory } from '../api';

const pageSize = 10;

/** Browsers by their user-agent token, the more specific first (Edge and Opera also say "Chrome"). */
const browsers: readonly [pattern: RegExp, name: string][] = [
  [/\bEdg\/(\d+)/, 'Edge'],
  [/\bOPR\/(\d+)/, 'Opera'],
  [/\b(?:Firefox|FxiOS)\/(\d+)/, 'Firefox'],
  [/\b(?:HeadlessChrome|Chrome|CriOS)\/(\d+)/, 'Chrome'],
  [/\bVersion\/(\d+)\S* (?:Mobile\/\S+ )?Safari\//, 'Safari'],
];

const systems: readonly [pattern: RegExp, name: string][] = [
  [/Windows/, 'Windows'],
  [/iPhone|iPad/, 'iOS'],
  [/Mac OS X|Macintosh/, 'macOS'],
  [/Android/, 'Android'],
  [/Linux|X11/, 'Linux'],
];

/** "Chrome 140 · Windows" from a user-agent string; the string itself when it is not a browser's. */
export function clientSummary(agent: string): string {
  let browser: string | undefined;
  for (const [pattern, name] of browsers) {
    const match = pattern.exec(agent);
    if (match) {
      browser = `${name} ${match[1]}`;
      break;
    }
  }
  if (!browser) return agent;
  const os = systems.find(([pattern]) => pattern.test(agent))?.[1];
  return os ? `${browser} · ${os}` : browser;
}

/** A user's sign-in attempts (登录日志), newest first, paged by cursor. */
export function LoginHistory({ userId }: { userId: string }) {
  const { t } = useTranslation();
  const pager = useCursorPager();
  const query = useLoginHistory(userId, pager.cursor, pageSize);

  const columns: ColumnsType<LoginHistoryEntry> = [
    {
      title: t('users.logins.at'),
      dataIndex: 'at',
      width: 160,
      render: (at: string) => <span style={{ whiteSpace: 'nowrap' }}>{formatDateTime(at)}</span>,
    },
    {
      title: t('users.logins.result'),
      key: 'result',
      render: (_, entry) => (
        <Flex gap={4} align="center" wrap>
          <Tag color={entry.success ? 'green' : 'red'} style={{ marginInlineEnd: 0 }}>
            {entry.success ? t('users.logins.success') : t('users.logins.failure')}
          </Tag>
          <span style={{ whiteSpace: 'nowrap' }} data-testid="login-reason">
            {t(`users.logins.reasons.${entry.reason}`, { defaultValue: entry.reason })}
          </span>
        </Flex>
      ),
    },
    {
      title: t('users.logins.ip'),
      dataIndex: 'ip',
      width: 105,
      ellipsis: true,
      render: (ip: string | null) => ip ?? '—',
    },
    {
      title: t('users.logins.userAgent'),
      dataIndex: 'userAgent',
      width: 165,
      ellipsis: { showTitle: false },
      render: (agent: string | null) =>
        agent ? (
          <Tooltip title={agent} placement="topLeft">
            <Typography.Text type="secondary">{clientSummary(agent)}</Typography.Text>
          </Tooltip>
        ) : (
          '—'
        ),
    },
  ];

  return (
    <div data-testid="login-history">
      {query.isError && (
        <Alert type="error" showIcon title={errorText(t, query.error)} style={{ marginBottom: 12 }} />
      )}
      <Table<LoginHistoryEntry>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={query.data?.items ?? []}
        loading={query.isFetching}
        pagination={false}
        locale={{ emptyText: t('users.logins.empty') }}
      />
      <CursorPager
        pager={pager}
        nextCursor={query.data?.nextCursor}
        loading={query.isFetching}
        testIdPrefix="login-history-page"
      />
    </div>
  );
}
