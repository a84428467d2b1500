import { DownloadOutlined } from '@ant-design/icons';
import { App, Button, Card, Form, Input, Select, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import type { Merchant, MerchantStatus } from '../../../api/types';
import { CursorPager } from '../../../app/components/cursor-pager';
import { PageHeader } from '../../../app/components/page-header';
import { SearchForm } from '../../../app/components/search-form';
import { downloadCsv } from '../../../app/csv';
import { useErrorReporter } from '../../../app/errors';
import { formatAmount, formatDateTime } from '../../../app/format';
import { useCursorPager } from '../../../app/use-cursor-pager';
import { useOrgs } from '../../orgs/api';
import { OrgTreeSelect } from '../../orgs/components/org-tree-select';
import { fetchMerchantsForExport, MERCHANT_EXPORT_ROWS_MAX, useMerchants } from '../api';
import { useMccLabel } from '../components/mcc-select';
import { MerchantStatusTag, merchantStatuses } from '../components/merchant-status-tag';
import { SalesRepSelect } from '../components/sales-rep-select';
import { businessToday } from '../dates';
import { gradeColors, type MerchantFilterQuery, type RiskGrade, riskGrades } from '../model';

interface Filters {
  q?: string;
  status?: MerchantStatus;
  grade?: RiskGrade;
  orgId?: string;
  salesRepId?: string;
}

const mono = { fontFamily: 'ui-monospace, SFMono-Regular, Menlo, monospace' };
const filterKeys = ['q', 'status', 'grade', 'orgId', 'salesRepId'] as const;

/** The filters a link may carry (`/merchants?orgId=…`, from the merchant page's 业务归属). */
function filtersFrom(params: URLSearchParams): Filters {
  const out: Record<string, string> = {};
  for (const key of filterKeys) {
    const value = params.get(key);
    if (value) out[key] = value;
  }
  return out as Filters;
}

/** 商户: the merchants of the user's subtree, newest first, by grade, organisation and sales rep. */
export function MerchantsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const report = useErrorReporter();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const [exporting, setExporting] = useState(false);
  const [initial] = useState(() => filtersFrom(params));
  const [form] = Form.useForm<Filters>();
  const pager = useCursorPager();
  const [filters, setFilters] = useState<Filters>(initial);
  const mccLabel = useMccLabel();
  const orgs = useOrgs();
  const orgNames = useMemo(() => new Map((orgs.data ?? []).map((o) => [o.id, o.name])), [orgs.data]);
  const knownRep = initial.salesRepId
    ? { id: initial.salesRepId, name: params.get('salesRepName') ?? initial.salesRepId }
    : undefined;

  const query: MerchantFilterQuery = {
    ...filters,
    q: filters.q?.trim() || undefined,
    cursor: pager.cursor,
    limit: 20,
  };
  const merchants = useMerchants(query);
  const open = (m: Merchant) => navigate(`/merchants/${m.id}`);

  const onExport = async () => {
    setExporting(true);
    try {
      const { items, truncated } = await fetchMerchantsForExport({
        ...filters,
        q: filters.q?.trim() || undefined,
      });
      downloadCsv(
        `${t('merchants.merchant.title')}-${businessToday()}.csv`,
        [
          t('merchants.merchant.mid'),
          t('merchants.merchant.name'),
          t('merchants.merchant.shortName'),
          t('merchants.merchant.creditCode'),
          t('merchants.merchant.mcc'),
          t('merchants.merchant.riskGrade'),
          t('merchants.merchant.profile.org'),
          t('common.status'),
          t('merchants.merchant.singleLimit'),
          t('merchants.merchant.dailyLimit'),
          t('merchants.merchant.monthlyLimit'),
          t('merchants.merchant.createdAt'),
          t('merchants.merchant.activatedAt'),
        ],
        items.map((m) => [
          m.mid,
          m.name,
          m.shortName,
          m.creditCode,
          m.mcc,
          m.riskGrade,
          orgNames.get(m.orgId) ?? '',
          t(`merchants.merchant.statuses.${m.status}`),
          formatAmount(m.singleLimitMinor),
          formatAmount(m.dailyLimitMinor),
          formatAmount(m.monthlyLimitMinor),
          formatDateTime(m.createdAt),
          m.activatedAt ? formatDateTime(m.activatedAt) : '',
        ]),
      );
      if (truncated) message.warning(t('merchants.merchant.list.truncated', { n: MERCHANT_EXPORT_ROWS_MAX }));
      else message.success(t('merchants.merchant.list.exported', { n: items.length }));
    } catch (error) {
      report(error);
    } finally {
      setExporting(false);
    }
  };

  const columns: ColumnsType<Merchant> = [
    {
      title: t('merchants.merchant.mid'),
      dataIndex: 'mid',
      width: 170,
      render: (mid: string, m) => (
        <Typography.Link onClick={() => open(m)} style={mono} data-testid={`merchant-open-${mid}`}>
          {mid}
        </Typography.Link>
      ),
    },
    {
      title: t('merchants.merchant.name'),
      dataIndex: 'name',
      width: 200,
      ellipsis: true,
      render: (name: string, m) => (
        <Tooltip title={m.shortName}>
          <span>{name}</span>
        </Tooltip>
      ),
    },
    {
      title: t('merchants.merchant.creditCode'),
      dataIndex: 'creditCode',
      width: 170,
      render: (code: string) => <span style={mono}>{code}</span>,
    },
    {
      title: t('merchants.merchant.mcc'),
      dataIndex: 'mcc',
      width: 64,
      render: (mcc: string) => (
        <Tooltip title={mccLabel(mcc)}>
          <Typography.Text>{mcc}</Typography.Text>
        </Tooltip>
      ),
    },
    {
      title: t('merchants.merchant.riskGrade'),
      dataIndex: 'riskGrade',
      width: 80,
      render: (grade: RiskGrade) => (
        <Tag color={gradeColors[grade]} data-testid="merchant-row-grade">
          {t('merchants.merchant.gradeN', { grade })}
        </Tag>
      ),
    },
    {
      title: t('merchants.merchant.profile.org'),
      dataIndex: 'orgId',
      width: 150,
      ellipsis: true,
      render: (orgId: string) => orgNames.get(orgId) ?? '—',
    },
    {
      title: t('common.status'),
      dataIndex: 'status',
      width: 100,
      render: (status: MerchantStatus) => <MerchantStatusTag status={status} />,
    },
    {
      title: t('merchants.merchant.createdAt'),
      dataIndex: 'createdAt',
      width: 170,
      render: (at: string) => formatDateTime(at),
    },
    {
      title: t('merchants.merchant.activatedAt'),
      dataIndex: 'activatedAt',
      width: 170,
      render: (at: string | null) =>
        at ? (
          formatDateTime(at)
        ) : (
          <Typography.Text type="secondary">{t('merchants.merchant.notActivated')}</Typography.Text>
        ),
    },
  ];

  return (
    <>
      <PageHeader title={t('merchants.merchant.title')} />
      <SearchForm<Filters>
        form={form}
        initialValues={initial}
        onSearch={(values) => {
          pager.reset();
          setFilters({ ...values });
          const next = new URLSearchParams();
          for (const key of filterKeys) {
            const value = values[key];
            if (value) next.set(key, value);
          }
          if (values.salesRepId && values.salesRepId === knownRep?.id)
            next.set('salesRepName', knownRep.name);
          setParams(next, { replace: true });
        }}
        extra={
          <Button
            icon={<DownloadOutlined />}
            loading={exporting}
            onClick={onExport}
            data-testid="merchants-export"
          >
            {t('common.export')}
          </Button>
        }
        testId="merchants-search"
      >
        <Form.Item name="q" label={t('common.keyword')}>
          <Input
            allowClear
            maxLength={64}
            placeholder={t('merchants.merchant.keywordPlaceholder')}
            style={{ width: 240 }}
            data-testid="merchants-filter-q"
          />
        </Form.Item>
        <Form.Item name="status" label={t('common.status')}>
          <Select
            allowClear
            placeholder={t('common.all')}
            style={{ width: 120 }}
            options={merchantStatuses.map((s) => ({
              value: s,
              label: t(`merchants.merchant.statuses.${s}`),
            }))}
            data-testid="merchants-filter-status"
          />
        </Form.Item>
        <Form.Item name="grade" label={t('merchants.merchant.riskGrade')}>
          <Select
            allowClear
            placeholder={t('common.all')}
            style={{ width: 110 }}
            options={riskGrades.map((g) => ({
              value: g,
              label: t('merchants.merchant.gradeN', { grade: g }),
            }))}
            data-testid="merchants-filter-grade"
          />
        </Form.Item>
        <Form.Item name="orgId" label={t('merchants.merchant.profile.org')}>
          <OrgTreeSelect allowClear style={{ width: 220 }} testId="merchants-filter-org" />
        </Form.Item>
        <Form.Item name="salesRepId" label={t('merchants.merchant.profile.salesRep')}>
          <SalesRepSelect known={knownRep} testId="merchants-filter-sales-rep" />
        </Form.Item>
      </SearchForm>
      <Card>
        <Table<Merchant>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={merchants.data?.items ?? []}
          loading={merchants.isFetching}
          pagination={false}
          scroll={{ x: 1274 }}
          onRow={(m) => ({
            onClick: () => open(m),
            style: { cursor: 'pointer' },
            'data-testid': 'merchant-row',
            'data-mid': m.mid,
          })}
          data-testid="merchants-table"
        />
        <CursorPager pager={pager} nextCursor={merchants.data?.nextCursor} loading={merchants.isFetching} />
      </Card>
    </>
  );
}
