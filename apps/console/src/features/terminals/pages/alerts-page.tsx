import { DownloadOutlined } from '@ant-design/icons';
import { Alert, Badge, Button, Card, Flex, Table, Tabs, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { PageHeader } from '../../../app/components/page-header';
import { downloadCsv } from '../../../app/csv';
import { formatDate, formatDateTime, formatRelative } from '../../../app/format';
import { useTerminalAlerts } from '../api';
import { AlertDetail, useDistanceText } from '../components/alert-detail';
import { rowAttrs } from '../components/row-attrs';
import {
  ALERT_LIST_LIMIT,
  type AlertKind,
  type AlertStatus,
  alertClosedReasons,
  alertKindColors,
  alertKinds,
  mono,
  type TerminalAlert,
} from '../model';

/** 告警: offline and relocation alerts of the user's subtree, open or closed, newest first. */
export function AlertsPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const status: AlertStatus = params.get('status') === 'closed' ? 'closed' : 'open';
  const alerts = useTerminalAlerts(status);
  const open = useTerminalAlerts('open');
  const distance = useDistanceText();
  const items = alerts.data ?? [];

  const reasonText = (reason: string | null) => {
    if (!reason) return '—';
    const key = alertClosedReasons[reason];
    return key ? t(`terminals.alerts.reasons.${key}`) : reason;
  };

  const detailText = (a: TerminalAlert) =>
    a.kind === 'offline'
      ? a.detail.lastHeartbeatAt
        ? t('terminals.alerts.lastHeartbeat', { when: formatDateTime(a.detail.lastHeartbeatAt) })
        : t('terminals.alerts.neverHeard')
      : t('terminals.alerts.distance', { distance: distance(a.detail.metres) });

  const onExport = () =>
    downloadCsv(
      `${t('terminals.alerts.exportFile')}-${formatDate(new Date().toISOString())}.csv`,
      [
        t('terminals.alerts.kind'),
        t('terminals.fields.serialNo'),
        t('terminals.fields.tid'),
        t('terminals.fields.mid'),
        t('terminals.alerts.detail'),
        t('terminals.alerts.openedAt'),
        t('terminals.alerts.closedAt'),
        t('terminals.alerts.closedReason'),
      ],
      items.map((a) => [
        t(`terminals.alerts.kinds.${a.kind}`),
        a.serialNo,
        a.tid ?? '',
        a.mid ?? '',
        detailText(a),
        formatDateTime(a.openedAt),
        a.closedAt ? formatDateTime(a.closedAt) : '',
        a.closedReason ? reasonText(a.closedReason) : '',
      ]),
    );

  const columns: ColumnsType<TerminalAlert> = [
    {
      title: t('terminals.alerts.kind'),
      dataIndex: 'kind',
      width: 90,
      filters: alertKinds.map((k) => ({ value: k, text: t(`terminals.alerts.kinds.${k}`) })),
      onFilter: (value, a) => a.kind === value,
      render: (kind: AlertKind) => (
        <Tag color={alertKindColors[kind]} data-testid="alert-kind" data-kind={kind}>
          {t(`terminals.alerts.kinds.${kind}`)}
        </Tag>
      ),
    },
    {
      title: t('terminals.fields.serialNo'),
      dataIndex: 'serialNo',
      width: 170,
      sorter: (a, b) => a.serialNo.localeCompare(b.serialNo),
      render: (serial: string, a) => (
        <Link to={`/terminals/${a.terminalId}`} style={mono} data-testid={`alert-terminal-${serial}`}>
          {serial}
        </Link>
      ),
    },
    {
      title: t('terminals.fields.tid'),
      dataIndex: 'tid',
      width: 100,
      render: (tid: string | null) => (tid ? <span style={mono}>{tid}</span> : '—'),
    },
    {
      title: t('terminals.fields.mid'),
      dataIndex: 'mid',
      width: 145,
      render: (mid: string | null) => (mid ? <span style={mono}>{mid}</span> : '—'),
    },
    {
      title: t('terminals.alerts.detail'),
      key: 'detail',
      width: 200,
      render: (_: unknown, a) => <AlertDetail alert={a} />,
    },
    {
      title: t('terminals.alerts.openedAt'),
      dataIndex: 'openedAt',
      width: 160,
      sorter: (a, b) => a.openedAt.localeCompare(b.openedAt),
      defaultSortOrder: 'descend',
      render: (at: string) =>
        status === 'open' ? <span title={formatDateTime(at)}>{formatRelative(at)}</span> : formatDateTime(at),
    },
    ...(status === 'closed'
      ? [
          {
            title: t('terminals.alerts.closed'),
            dataIndex: 'closedAt',
            width: 180,
            render: (at: string | null, a: TerminalAlert) => (
              <Flex vertical>
                <Typography.Text>{reasonText(a.closedReason)}</Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {formatDateTime(at)}
                </Typography.Text>
              </Flex>
            ),
          },
        ]
      : []),
  ];

  const openCount = open.data?.length;
  return (
    <>
      <PageHeader title={t('terminals.alerts.title')} />
      <Alert type="info" showIcon title={t('terminals.alerts.hint')} style={{ marginBottom: 16 }} />
      <Card>
        <Tabs
          activeKey={status}
          onChange={(key) => setParams(key === 'closed' ? { status: 'closed' } : {}, { replace: true })}
          tabBarExtraContent={
            <Button
              icon={<DownloadOutlined />}
              onClick={onExport}
              disabled={items.length === 0}
              data-testid="alerts-export"
            >
              {t('common.export')}
            </Button>
          }
          items={[
            {
              key: 'open',
              label: (
                <span data-testid="alerts-tab-open">
                  {t('terminals.alerts.open')}{' '}
                  {openCount !== undefined && (
                    <Badge
                      count={openCount}
                      overflowCount={ALERT_LIST_LIMIT - 1}
                      showZero
                      color={openCount > 0 ? 'orange' : 'gray'}
                    />
                  )}
                </span>
              ),
            },
            {
              key: 'closed',
              label: <span data-testid="alerts-tab-closed">{t('terminals.alerts.closed')}</span>,
            },
          ]}
        />
        <Table<TerminalAlert>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={items}
          loading={alerts.isFetching}
          pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
          scroll={{ x: status === 'closed' ? 1045 : 865 }}
          onRow={(a) =>
            rowAttrs({ 'data-testid': 'alert-row', 'data-serial': a.serialNo, 'data-kind': a.kind })
          }
          data-testid="alerts-table"
        />
        {items.length >= ALERT_LIST_LIMIT && (
          <Typography.Text type="secondary">
            {t('terminals.alerts.limitNote', { n: ALERT_LIST_LIMIT })}
          </Typography.Text>
        )}
      </Card>
    </>
  );
}
