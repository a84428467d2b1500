import { ArrowLeftOutlined, KeyOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Card,
  Descriptions,
  Empty,
  Flex,
  Result,
  Skeleton,
  Space,
  Tabs,
  Tooltip,
  Typography,
} from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { useAccess } from '../../../app/access';
import { PageHeader } from '../../../app/components/page-header';
import { errorText } from '../../../app/errors';
import { formatDate, formatDateTime, formatRelative } from '../../../app/format';
import { useTerminal } from '../api';
import { MaintenanceArchiveView } from '../components/maintenance-archive';
import { TerminalEventActions } from '../components/terminal-event-actions';
import { TerminalHistory } from '../components/terminal-history';
import { TerminalStatusTag } from '../components/terminal-status-tag';
import { mono, type TerminalBinding, type TerminalDetail } from '../model';

const tabKeys = ['overview', 'binding', 'key', 'history', 'archive'] as const;
type TabKey = (typeof tabKeys)[number];

/** 机具详情: one terminal — where it is, whom it is bound to, its key's check value and its history. */
export function TerminalDetailPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const terminal = useTerminal(id);
  if (terminal.isError) {
    return (
      <Result
        status="warning"
        title={t('terminals.detail.loadFailed')}
        subTitle={errorText(t, terminal.error)}
        extra={
          <Link to="/terminals">
            <Button>{t('terminals.detail.back')}</Button>
          </Link>
        }
        data-testid="terminal-not-found"
      />
    );
  }
  if (!terminal.data) return <Skeleton active />;
  return <TerminalView terminal={terminal.data} />;
}

function TerminalView({ terminal: d }: { terminal: TerminalDetail }) {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const asked = params.get('tab');
  const tab: TabKey = tabKeys.find((k) => k === asked) ?? 'overview';

  return (
    <>
      <PageHeader
        title={
          <Space size={12} wrap>
            <span style={mono} data-testid="terminal-serial">
              {d.serialNo}
            </span>
            <Typography.Text
              style={{ fontSize: 'inherit', fontWeight: 'inherit' }}
              data-testid="terminal-model"
            >
              {d.modelName}
            </Typography.Text>
            <TerminalStatusTag status={d.status} />
          </Space>
        }
        extra={
          <Space wrap>
            <TerminalEventActions terminal={d} />
            <Link to="/terminals">
              <Button icon={<ArrowLeftOutlined />}>{t('terminals.detail.back')}</Button>
            </Link>
          </Space>
        }
      />
      <Card>
        <Tabs
          activeKey={tab}
          onChange={(key) =>
            setParams(
              (p) => {
                p.set('tab', key);
                return p;
              },
              { replace: true },
            )
          }
          destroyOnHidden
          items={[
            {
              key: 'overview',
              label: t('terminals.detail.tabs.overview'),
              children: <Overview terminal={d} />,
            },
            {
              key: 'binding',
              label: t('terminals.detail.tabs.binding'),
              children: d.binding ? (
                <Binding binding={d.binding} />
              ) : (
                <Empty description={t('terminals.detail.notBound')} data-testid="terminal-not-bound" />
              ),
            },
            { key: 'key', label: t('terminals.detail.tabs.key'), children: <KeyTab terminal={d} /> },
            {
              key: 'history',
              label: t('terminals.detail.tabs.history'),
              children: <TerminalHistory history={d.history} />,
            },
            {
              key: 'archive',
              label: t('terminals.archive.tab'),
              children: <MaintenanceArchiveView terminalId={d.id} />,
            },
          ]}
          data-testid="terminal-tabs"
        />
      </Card>
    </>
  );
}

function Overview({ terminal: d }: { terminal: TerminalDetail }) {
  const { t } = useTranslation();
  return (
    <Descriptions
      bordered
      size="small"
      column={{ xs: 1, md: 2 }}
      data-testid="terminal-overview"
      items={[
        { key: 'model', label: t('terminals.fields.model'), children: d.modelName },
        { key: 'supplier', label: t('terminals.fields.supplier'), children: d.supplierName ?? '—' },
        { key: 'purchasedAt', label: t('terminals.fields.purchasedAt'), children: formatDate(d.purchasedAt) },
        { key: 'createdAt', label: t('terminals.fields.createdAt'), children: formatDateTime(d.createdAt) },
        { key: 'org', label: t('terminals.fields.org'), children: d.orgName },
        { key: 'warehouse', label: t('terminals.fields.warehouse'), children: d.warehouseName ?? '—' },
        { key: 'firmware', label: t('terminals.fields.firmware'), children: d.firmwareVersion ?? '—' },
        {
          key: 'heartbeat',
          label: t('terminals.fields.lastHeartbeat'),
          children: d.lastHeartbeatAt ? (
            <Tooltip title={formatDateTime(d.lastHeartbeatAt)}>
              <span>{formatRelative(d.lastHeartbeatAt)}</span>
            </Tooltip>
          ) : (
            <Typography.Text type="secondary">{t('terminals.ledger.neverHeartbeat')}</Typography.Text>
          ),
        },
        {
          key: 'installedAt',
          label: t('terminals.fields.installedAt'),
          children: formatDateTime(d.installedAt),
        },
        {
          key: 'tid',
          label: t('terminals.fields.tid'),
          children: d.tid ? <span style={mono}>{d.tid}</span> : '—',
        },
      ]}
    />
  );
}

function Binding({ binding: b }: { binding: TerminalBinding }) {
  const { t } = useTranslation();
  const access = useAccess();
  const gps =
    b.latitude !== null && b.longitude !== null
      ? `${b.latitude.toFixed(6)}, ${b.longitude.toFixed(6)}`
      : null;
  return (
    <Descriptions
      bordered
      size="small"
      column={{ xs: 1, md: 2 }}
      data-testid="terminal-binding"
      items={[
        {
          key: 'merchant',
          label: t('terminals.fields.merchant'),
          span: 'filled',
          children: access.can('merchant.read') ? (
            <Link to={`/merchants/${b.merchantId}`} data-testid="terminal-binding-merchant">
              {b.merchantName}
            </Link>
          ) : (
            b.merchantName
          ),
        },
        {
          key: 'mid',
          label: t('terminals.fields.mid'),
          children: (
            <span style={mono} data-testid="terminal-binding-mid">
              {b.mid}
            </span>
          ),
        },
        {
          key: 'tid',
          label: t('terminals.fields.tid'),
          children: (
            <span style={mono} data-testid="terminal-binding-tid">
              {b.tid}
            </span>
          ),
        },
        {
          key: 'creditCode',
          label: t('terminals.fields.creditCode'),
          children: <span style={mono}>{b.creditCode}</span>,
        },
        {
          key: 'account',
          label: t('terminals.fields.account'),
          children: <span style={mono}>{b.accountMasked}</span>,
        },
        { key: 'address', label: t('terminals.fields.address'), span: 'filled', children: b.address },
        { key: 'division', label: t('terminals.fields.division'), children: b.divisionCode },
        {
          key: 'gps',
          label: t('terminals.fields.gps'),
          children: gps ? (
            <Typography.Text copyable style={mono}>
              {gps}
            </Typography.Text>
          ) : (
            '—'
          ),
        },
        { key: 'boundAt', label: t('terminals.fields.boundAt'), children: formatDateTime(b.boundAt) },
      ]}
    />
  );
}

function KeyTab({ terminal: d }: { terminal: TerminalDetail }) {
  const { t } = useTranslation();
  return (
    <Flex vertical gap={16} data-testid="terminal-key">
      {d.tmkCheckValue ? (
        <Descriptions
          bordered
          size="small"
          column={1}
          items={[
            {
              key: 'kcv',
              label: t('terminals.fields.tmkCheckValue'),
              children: (
                <Space>
                  <KeyOutlined />
                  <span style={{ ...mono, fontSize: 16 }} data-testid="terminal-kcv">
                    {d.tmkCheckValue}
                  </span>
                </Space>
              ),
            },
            {
              key: 'injectedAt',
              label: t('terminals.fields.tmkInjectedAt'),
              children: formatDateTime(d.tmkInjectedAt),
            },
          ]}
        />
      ) : (
        <Empty description={t('terminals.detail.keyNone')} />
      )}
      <Alert type="info" showIcon title={t('terminals.detail.keyNote')} />
    </Flex>
  );
}
