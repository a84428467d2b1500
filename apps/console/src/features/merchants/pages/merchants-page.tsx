import { Card, Form, Input, Select, Table, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { Merchant, MerchantListQuery, MerchantStatus } from '../../../api/types';
import { CursorPager } from '../../../app/components/cursor-pager';
import { PageHeader } from '../../../app/components/page-header';
import { SearchForm } from '../../../app/components/search-form';
import { formatDateTime } from '../../../app/format';
import { useCursorPager } from '../../../app/use-cursor-pager';
import { useMerchants } from '../api';
import { useMccLabel } from '../components/mcc-select';
import { MerchantStatusTag, merchantStatuses } from '../components/merchant-status-tag';

interface Filters {
  q?: string;
  status?: MerchantStatus;
}

const mono = { fontFamily: 'ui-monospace, SFMono-Regular, Menlo, monospace' };

/** 商户: the merchants of the user's subtree, newest first. */
export function MerchantsPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [form] = Form.useForm<Filters>();
  const pager = useCursorPager();
  const [filters, setFilters] = useState<Filters>({});
  const mccLabel = useMccLabel();

  const query: MerchantListQuery = {
    ...filters,
    q: filters.q?.trim() || undefined,
    cursor: pager.cursor,
    limit: 20,
  };
  const merchants = useMerchants(query);
  const open = (m: Merchant) => navigate(`/merchants/${m.id}`);

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
      render: (grade: string) => t('merchants.merchant.gradeN', { grade }),
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
        onSearch={(values) => {
          pager.reset();
          setFilters({ ...values });
        }}
        testId="merchants-search"
      >
        <Form.Item name="q" label={t('common.keyword')}>
          <Input
            allowClear
            maxLength={64}
            placeholder={t('merchants.merchant.keywordPlaceholder')}
            style={{ width: 280 }}
            data-testid="merchants-filter-q"
          />
        </Form.Item>
        <Form.Item name="status" label={t('common.status')}>
          <Select
            allowClear
            placeholder={t('common.all')}
            style={{ width: 140 }}
            options={merchantStatuses.map((s) => ({
              value: s,
              label: t(`merchants.merchant.statuses.${s}`),
            }))}
            data-testid="merchants-filter-status"
          />
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
          scroll={{ x: 1124 }}
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
