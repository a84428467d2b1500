import { DownloadOutlined, LoadingOutlined, ScanOutlined, UploadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Button, Card, Form, Input, type InputRef, Select, Table, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { type KeyboardEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useAccess } from '../../../app/access';
import { CursorPager } from '../../../app/components/cursor-pager';
import { PageHeader } from '../../../app/components/page-header';
import { SearchForm } from '../../../app/components/search-form';
import { useErrorReporter } from '../../../app/errors';
import { formatDate, formatDateTime, formatRelative } from '../../../app/format';
import { useCursorPager } from '../../../app/use-cursor-pager';
import { OrgTreeSelect } from '../../orgs/components/org-tree-select';
import { exportTerminals, findTerminalBySerial, terminalKeys, useTerminals } from '../api';
import { TerminalModelSelect, WarehouseSelect } from '../components/catalogue-selects';
import { ImportDrawer } from '../components/import-drawer';
import { rowAttrs } from '../components/row-attrs';
import { TerminalLocation } from '../components/terminal-location';
import { TerminalStatusLegend, TerminalStatusTag } from '../components/terminal-status-tag';
import {
  mono,
  type TerminalFilters,
  type TerminalListItem,
  type TerminalStatus,
  terminalStatuses,
} from '../model';

const filterKeys = ['q', 'status', 'modelId', 'orgId', 'warehouseId'] as const;
type Filters = Pick<TerminalFilters, (typeof filterKeys)[number]>;

/** What a barcode scanner types: a whole serial number, worth looking up before searching. */
const serialPattern = /^[A-Za-z0-9-]{4,40}$/;
const PAGE_SIZE = 20;

/** The filters a link may carry (`/terminals?warehouseId=…` from the warehouses page). */
function filtersFrom(params: URLSearchParams): Filters {
  const out: Record<string, string> = {};
  for (const key of filterKeys) {
    const value = params.get(key);
    if (value) out[key] = value;
  }
  return out as Filters;
}

/** 机具台账: every terminal of the user's subtree — scan to open one, filter, page, export, import. */
export function TerminalsPage() {
  const { t } = useTranslation();
  const access = useAccess();
  const report = useErrorReporter();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const [initial] = useState(() => filtersFrom(params));
  const [filters, setFilters] = useState<Filters>(initial);
  const [form] = Form.useForm<Filters>();
  const pager = useCursorPager();
  const scanRef = useRef<InputRef>(null);
  const [scanning, setScanning] = useState(false);
  const [exporting, setExporting] = useState(false);
  const [importing, setImporting] = useState(false);

  // A link to the ledger while it is open (a chart on the overview, the menu) changes only the URL:
  // take its filters. The URL this page writes itself is remembered so that it is not applied twice.
  const written = useRef(params.toString());
  useEffect(() => {
    const text = params.toString();
    if (text === written.current) return;
    written.current = text;
    const next = filtersFrom(params);
    form.setFieldsValue(Object.fromEntries(filterKeys.map((key) => [key, next[key]])) as Filters);
    pager.reset();
    setFilters(next);
  }, [params, form, pager.reset]);

  const current: TerminalFilters = { ...filters, q: filters.q?.trim() || undefined };
  const terminals = useTerminals({ ...current, cursor: pager.cursor, limit: PAGE_SIZE });

  const search = (values: Filters) => {
    pager.reset();
    setFilters({ ...values });
    const next = new URLSearchParams();
    for (const key of filterKeys) {
      const value = values[key];
      if (value) next.set(key, value);
    }
    written.current = next.toString();
    setParams(next, { replace: true });
  };

  /** Enter in the scan box: a whole serial number opens that terminal; anything else searches. */
  const onScan = async (event: KeyboardEvent<HTMLInputElement>) => {
    event.preventDefault();
    if (scanning) return;
    const text = String(form.getFieldValue('q') ?? '').trim();
    if (!serialPattern.test(text)) {
      form.submit();
      return;
    }
    setScanning(true);
    try {
      const found = await findTerminalBySerial(text);
      if (found) {
        queryClient.setQueryData(terminalKeys.detail(found.id), found);
        navigate(`/terminals/${found.id}`);
        return;
      }
      form.submit();
    } catch (error) {
      report(error);
    } finally {
      setScanning(false);
      scanRef.current?.select();
    }
  };

  const onExport = async () => {
    setExporting(true);
    try {
      await exportTerminals(
        current,
        `${t('terminals.ledger.title')}-${formatDate(new Date().toISOString())}.xlsx`,
      );
    } catch (error) {
      report(error);
    } finally {
      setExporting(false);
    }
  };

  const columns: ColumnsType<TerminalListItem> = [
    {
      title: t('terminals.fields.serialNo'),
      dataIndex: 'serialNo',
      width: 180,
      fixed: 'left',
      render: (serial: string, row) => (
        <Link to={`/terminals/${row.id}`} style={mono} data-testid={`terminal-open-${serial}`}>
          {serial}
        </Link>
      ),
    },
    { title: t('terminals.fields.model'), dataIndex: 'modelName', width: 140, ellipsis: true },
    {
      title: t('terminals.fields.status'),
      dataIndex: 'status',
      width: 100,
      render: (status: TerminalStatus) => <TerminalStatusTag status={status} />,
    },
    {
      title: t('terminals.fields.location'),
      key: 'location',
      width: 260,
      render: (_: unknown, row) => <TerminalLocation row={row} linkMerchant={access.can('merchant.read')} />,
    },
    {
      title: t('terminals.fields.tid'),
      dataIndex: 'tid',
      width: 110,
      render: (tid: string | null) => (tid ? <span style={mono}>{tid}</span> : '—'),
    },
    {
      title: t('terminals.fields.firmware'),
      dataIndex: 'firmwareVersion',
      width: 110,
      render: (v: string | null) => v ?? '—',
    },
    {
      title: t('terminals.fields.lastHeartbeat'),
      dataIndex: 'lastHeartbeatAt',
      width: 140,
      render: (at: string | null) =>
        at ? (
          <Tooltip title={formatDateTime(at)}>
            <span>{formatRelative(at)}</span>
          </Tooltip>
        ) : (
          <Typography.Text type="secondary">{t('terminals.ledger.neverHeartbeat')}</Typography.Text>
        ),
    },
    {
      title: t('terminals.fields.installedAt'),
      dataIndex: 'installedAt',
      width: 170,
      render: (at: string | null) => formatDateTime(at),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('terminals.ledger.title')}
        extra={
          access.can('terminal.import') && (
            <Button
              type="primary"
              icon={<UploadOutlined />}
              onClick={() => setImporting(true)}
              data-testid="terminals-import"
            >
              {t('terminals.ledger.import')}
            </Button>
          )
        }
      />
      <SearchForm<Filters>
        form={form}
        initialValues={initial}
        onSearch={search}
        extra={
          <Button
            icon={<DownloadOutlined />}
            loading={exporting}
            onClick={onExport}
            data-testid="terminals-export"
          >
            {t('common.export')}
          </Button>
        }
        testId="terminals-search"
      >
        <Form.Item name="q" label={t('terminals.ledger.scan')} tooltip={t('terminals.ledger.scanHint')}>
          <Input
            ref={scanRef}
            autoFocus
            allowClear
            maxLength={64}
            prefix={<ScanOutlined />}
            placeholder={t('terminals.ledger.scanPlaceholder')}
            // Always rendered (hidden when idle): a suffix that comes and goes would take the focus away.
            suffix={<LoadingOutlined style={{ visibility: scanning ? 'visible' : 'hidden' }} />}
            onPressEnter={onScan}
            style={{ width: 300, ...mono }}
            data-testid="terminals-scan"
          />
        </Form.Item>
        <Form.Item name="status" label={t('terminals.fields.status')}>
          <Select
            allowClear
            placeholder={t('common.all')}
            style={{ width: 120 }}
            options={terminalStatuses.map((s) => ({ value: s, label: t(`terminals.statuses.${s}`) }))}
            data-testid="terminals-filter-status"
          />
        </Form.Item>
        <Form.Item name="modelId" label={t('terminals.fields.model')}>
          <TerminalModelSelect allowClear testId="terminals-filter-model" />
        </Form.Item>
        <Form.Item name="orgId" label={t('terminals.fields.org')}>
          <OrgTreeSelect allowClear style={{ width: 220 }} testId="terminals-filter-org" />
        </Form.Item>
        <Form.Item name="warehouseId" label={t('terminals.fields.warehouse')}>
          <WarehouseSelect allowClear testId="terminals-filter-warehouse" />
        </Form.Item>
      </SearchForm>
      <Card>
        <TerminalStatusLegend
          selected={filters.status}
          onSelect={(status) => {
            form.setFieldValue('status', status);
            form.submit();
          }}
        />
        <Table<TerminalListItem>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={terminals.data?.items ?? []}
          loading={terminals.isFetching}
          pagination={false}
          scroll={{ x: 1210 }}
          onRow={(row) => rowAttrs({ 'data-testid': 'terminal-row', 'data-serial': row.serialNo })}
          data-testid="terminals-table"
        />
        <CursorPager pager={pager} nextCursor={terminals.data?.nextCursor} loading={terminals.isFetching} />
      </Card>
      <ImportDrawer open={importing} onClose={() => setImporting(false)} warehouseId={filters.warehouseId} />
    </>
  );
}
