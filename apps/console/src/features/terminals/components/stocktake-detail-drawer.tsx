import { AuditOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Descriptions,
  Drawer,
  Flex,
  Input,
  type InputRef,
  Popconfirm,
  Progress,
  Result,
  Skeleton,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useAccess } from '../../../app/access';
import { errorText, useErrorReporter } from '../../../app/errors';
import { formatDateTime, formatNumber } from '../../../app/format';
import { useReportStocktake, useScanStocktake, useStocktake, useWarehouses } from '../api';
import {
  mono,
  parseSerials,
  SERIAL_MAX_LENGTH,
  STOCKTAKE_SCAN_MAX,
  type StocktakeDetail,
  type StocktakeDiscrepancy,
  stocktakeFindings,
} from '../model';
import { StocktakeFindingTag, StocktakeStatusTag } from './stocktake-tags';

/** A stocktake: scanning while counting, the report, then the discrepancies and the approval's outcome. */
export function StocktakeDetailDrawer({ id, onClose }: { id: string | null; onClose: () => void }) {
  const { t } = useTranslation();
  const stocktake = useStocktake(id);
  const d = stocktake.data;
  return (
    <Drawer
      open={id !== null}
      onClose={onClose}
      size={720}
      title={d ? t('terminals.stocktake.detailTitle', { no: d.no }) : t('common.detail')}
      extra={d && <StocktakeStatusTag status={d.status} />}
      destroyOnHidden
      data-testid="stocktake-detail"
    >
      {stocktake.isError ? (
        <Result status="warning" title={errorText(t, stocktake.error)} />
      ) : d && d.id === id ? (
        <StocktakeView stocktake={d} />
      ) : (
        <Skeleton active />
      )}
    </Drawer>
  );
}

function StocktakeView({ stocktake: d }: { stocktake: StocktakeDetail }) {
  const { t } = useTranslation();
  const access = useAccess();
  const warehouses = useWarehouses();
  const warehouseName = warehouses.data?.find((w) => w.id === d.warehouseId)?.name ?? '—';
  const canCount = access.can('terminal.transfer');
  const percent = d.expected > 0 ? Math.round(((d.expected - d.pendingScans) / d.expected) * 100) : 100;

  return (
    <Flex vertical gap={16}>
      <Descriptions column={2} size="small" bordered>
        <Descriptions.Item label={t('terminals.stocktake.no')}>
          <span style={mono} data-testid="stocktake-no">
            {d.no}
          </span>
        </Descriptions.Item>
        <Descriptions.Item label={t('terminals.stocktake.warehouse')}>{warehouseName}</Descriptions.Item>
        <Descriptions.Item label={t('terminals.stocktake.startedAt')}>
          {formatDateTime(d.startedAt)}
        </Descriptions.Item>
        <Descriptions.Item label={t('terminals.stocktake.reportedAt')}>
          {formatDateTime(d.reportedAt)}
        </Descriptions.Item>
        <Descriptions.Item label={t('terminals.stocktake.expected')}>
          {formatNumber(d.expected)}
        </Descriptions.Item>
        <Descriptions.Item label={t('terminals.stocktake.scanned')}>
          {formatNumber(d.scanned)}
        </Descriptions.Item>
        {d.status !== 'counting' && (
          <>
            <Descriptions.Item label={t('terminals.stocktake.missing')}>
              {formatNumber(d.missing)}
            </Descriptions.Item>
            <Descriptions.Item label={t('terminals.stocktake.unexpected')}>
              {formatNumber(d.unexpected)}
            </Descriptions.Item>
            <Descriptions.Item label={t('terminals.stocktake.wrongPlace')}>
              {formatNumber(d.wrongPlace)}
            </Descriptions.Item>
            <Descriptions.Item label={t('terminals.stocktake.closedAt')}>
              {formatDateTime(d.closedAt)}
            </Descriptions.Item>
          </>
        )}
      </Descriptions>

      {d.status === 'counting' ? (
        <>
          <div data-testid="stocktake-progress">
            <Typography.Text strong>
              {t('terminals.stocktake.progress', {
                scanned: formatNumber(d.scanned),
                expected: formatNumber(d.expected),
              })}
            </Typography.Text>
            <Progress percent={percent} status="active" />
            <Typography.Text
              type={d.pendingScans > 0 ? 'warning' : 'success'}
              data-testid="stocktake-pending"
            >
              {d.pendingScans > 0
                ? t('terminals.stocktake.pending', { n: formatNumber(d.pendingScans) })
                : t('terminals.stocktake.allScanned')}
            </Typography.Text>
          </div>
          {canCount && <ScanPanel stocktake={d} />}
          {canCount && <ReportButton stocktake={d} />}
        </>
      ) : (
        <>
          <Alert
            type={d.status === 'approved' ? 'success' : d.status === 'rejected' ? 'error' : 'info'}
            showIcon
            title={t(`terminals.stocktake.outcomes.${d.status}`)}
            action={
              d.status === 'reported' &&
              access.can('approval.read') && (
                <Link to="/approvals?box=all&status=pending" data-testid="stocktake-open-approval">
                  <Button size="small" icon={<AuditOutlined />}>
                    {t('terminals.stocktake.openApproval')}
                  </Button>
                </Link>
              )
            }
            data-testid="stocktake-outcome"
          />
          <Discrepancies items={d.discrepancies} />
        </>
      )}
    </Flex>
  );
}

interface ScanEntry {
  serialNo: string;
  expected: boolean;
  key: number;
}

/** The scan input (a scanner types then sends Enter: each serial goes at once) and a box for pasting many. */
function ScanPanel({ stocktake: d }: { stocktake: StocktakeDetail }) {
  const { t } = useTranslation();
  const report = useErrorReporter();
  const { message } = App.useApp();
  const scan = useScanStocktake();
  const inputRef = useRef<InputRef>(null);
  const [value, setValue] = useState('');
  const [pasted, setPasted] = useState('');
  const [recent, setRecent] = useState<ScanEntry[]>([]);
  const { serials, duplicates } = parseSerials(pasted);

  useEffect(() => {
    inputRef.current?.focus();
  }, []);

  const submitOne = async () => {
    const serial = value.trim();
    if (!serial) return;
    setValue('');
    const before = d.pendingScans;
    try {
      const after = await scan.mutateAsync({ id: d.id, serialNos: [serial] });
      setRecent((list) =>
        [{ serialNo: serial, expected: after.pendingScans < before, key: Date.now() }, ...list].slice(0, 8),
      );
    } catch (error) {
      report(error);
    } finally {
      inputRef.current?.focus();
    }
  };

  const submitMany = async () => {
    if (serials.length === 0) return;
    try {
      await scan.mutateAsync({ id: d.id, serialNos: serials });
      message.success(t('terminals.stocktake.pasted', { n: formatNumber(serials.length) }));
      setPasted('');
    } catch (error) {
      report(error);
    }
  };

  return (
    <Flex vertical gap={8}>
      <Typography.Text strong>{t('terminals.stocktake.scan')}</Typography.Text>
      <Input
        ref={inputRef}
        autoFocus
        size="large"
        value={value}
        maxLength={SERIAL_MAX_LENGTH}
        onChange={(e) => setValue(e.target.value)}
        onPressEnter={submitOne}
        placeholder={t('terminals.stocktake.scanPlaceholder')}
        style={mono}
        autoComplete="off"
        data-testid="stocktake-scan-input"
      />
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('terminals.stocktake.scanHint')}
      </Typography.Text>
      {recent.length > 0 && (
        <Flex wrap gap={4} align="center" data-testid="stocktake-recent">
          <Typography.Text type="secondary">{t('terminals.stocktake.lastScans')}:</Typography.Text>
          {recent.map((r) => (
            <Tag
              key={r.key}
              color={r.expected ? 'green' : 'orange'}
              title={t(
                r.expected ? 'terminals.stocktake.scanInLedger' : 'terminals.stocktake.scanNotExpected',
              )}
              style={mono}
            >
              {r.serialNo}
            </Tag>
          ))}
        </Flex>
      )}
      <Typography.Text strong style={{ marginTop: 8 }}>
        {t('terminals.stocktake.paste')}
      </Typography.Text>
      <Input.TextArea
        value={pasted}
        onChange={(e) => setPasted(e.target.value)}
        rows={4}
        placeholder={t('terminals.stocktake.pastePlaceholder')}
        style={mono}
        data-testid="stocktake-paste"
      />
      <Flex justify="space-between" align="center">
        <Typography.Text type={serials.length > STOCKTAKE_SCAN_MAX ? 'danger' : 'secondary'}>
          {t('terminals.stocktake.pasteCount', { n: formatNumber(serials.length) })}
          {duplicates > 0 && t('terminals.stocktake.pasteDuplicates', { n: formatNumber(duplicates) })}
          {serials.length > STOCKTAKE_SCAN_MAX &&
            ` · ${t('terminals.stocktake.pasteTooMany', { max: formatNumber(STOCKTAKE_SCAN_MAX) })}`}
        </Typography.Text>
        <Button
          onClick={submitMany}
          disabled={serials.length === 0 || serials.length > STOCKTAKE_SCAN_MAX}
          loading={scan.isPending && (scan.variables?.serialNos.length ?? 0) > 1}
          data-testid="stocktake-paste-submit"
        >
          {t('terminals.stocktake.pasteSubmit')}
        </Button>
      </Flex>
    </Flex>
  );
}

function ReportButton({ stocktake: d }: { stocktake: StocktakeDetail }) {
  const { t } = useTranslation();
  const report = useErrorReporter();
  const { message } = App.useApp();
  const submit = useReportStocktake();
  const run = async () => {
    try {
      await submit.mutateAsync(d.id);
      message.success(t('terminals.stocktake.reported'));
    } catch (error) {
      report(error);
    }
  };
  return (
    <Space>
      <Popconfirm
        title={
          d.pendingScans > 0
            ? t('terminals.stocktake.reportConfirmPending', { n: formatNumber(d.pendingScans) })
            : t('terminals.stocktake.reportConfirm')
        }
        onConfirm={run}
        okButtonProps={{ 'data-testid': 'stocktake-report-confirm' }}
      >
        <Button type="primary" loading={submit.isPending} data-testid="stocktake-report">
          {t('terminals.stocktake.report')}
        </Button>
      </Popconfirm>
    </Space>
  );
}

function DiscrepancyDetail({ item }: { item: StocktakeDiscrepancy }) {
  const { t } = useTranslation();
  if (item.finding === 'missing') return <>{t('terminals.stocktake.findingHints.missing')}</>;
  if (item.finding === 'unexpected') return <>{t('terminals.stocktake.ledgerNone')}</>;
  const detail = item.detail ?? {};
  return (
    <Flex vertical>
      <span>
        {t('terminals.stocktake.ledgerPlace', {
          warehouse: detail.warehouse ?? t('terminals.stocktake.notInWarehouse'),
          status: detail.status ? t(`terminals.statuses.${detail.status}`) : '—',
        })}
      </span>
      {detail.mid && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('terminals.stocktake.ledgerBound', { mid: detail.mid })}
        </Typography.Text>
      )}
    </Flex>
  );
}

function Discrepancies({ items }: { items: StocktakeDiscrepancy[] }) {
  const { t } = useTranslation();
  if (items.length === 0)
    return <Alert type="success" showIcon title={t('terminals.stocktake.noDiscrepancies')} />;
  return (
    <>
      <Typography.Text strong>
        {t('terminals.stocktake.discrepancies')} ({formatNumber(items.length)})
      </Typography.Text>
      <Table<StocktakeDiscrepancy>
        rowKey="serialNo"
        size="small"
        dataSource={items}
        pagination={{ pageSize: 50, hideOnSinglePage: true, showSizeChanger: false, size: 'small' }}
        columns={[
          {
            title: t('terminals.stocktake.serialNo'),
            dataIndex: 'serialNo',
            width: 200,
            render: (serial: string) => (
              <Link to={`/terminals?${new URLSearchParams({ q: serial })}`} style={mono}>
                {serial}
              </Link>
            ),
          },
          {
            title: t('terminals.stocktake.finding'),
            dataIndex: 'finding',
            width: 100,
            filters: stocktakeFindings.map((f) => ({
              value: f,
              text: t(`terminals.stocktake.findings.${f}`),
            })),
            onFilter: (value, x) => x.finding === value,
            render: (_: unknown, x) => <StocktakeFindingTag finding={x.finding} />,
          },
          {
            title: t('terminals.stocktake.detail'),
            key: 'detail',
            render: (_: unknown, x) => <DiscrepancyDetail item={x} />,
          },
        ]}
        data-testid="stocktake-discrepancies"
      />
    </>
  );
}
