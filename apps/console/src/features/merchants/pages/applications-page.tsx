import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Form, Input, Select, Table, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { ApplicationListItem, ApplicationListQuery, ApplicationStatus } from '../../../api/types';
import { useAccess } from '../../../app/access';
import { CursorPager } from '../../../app/components/cursor-pager';
import { PageHeader } from '../../../app/components/page-header';
import { SearchForm } from '../../../app/components/search-form';
import { useErrorReporter } from '../../../app/errors';
import { formatDateTime } from '../../../app/format';
import { useCursorPager } from '../../../app/use-cursor-pager';
import { OrgTreeSelect } from '../../orgs/components/org-tree-select';
import { useApplications, useCreateApplication } from '../api';
import { ApplicationStatusTag } from '../components/application-status-tag';
import { useMccLabel } from '../components/mcc-select';
import { applicationStatuses } from '../model';

interface Filters {
  q?: string;
  status?: ApplicationStatus;
  orgId?: string;
}

/** 进件申请: the applications of the user's subtree, newest first. */
export function ApplicationsPage() {
  const { t } = useTranslation();
  const access = useAccess();
  const navigate = useNavigate();
  const report = useErrorReporter();
  const [form] = Form.useForm<Filters>();
  const pager = useCursorPager();
  const [filters, setFilters] = useState<Filters>({});
  const create = useCreateApplication();
  const mccLabel = useMccLabel();

  const query: ApplicationListQuery = {
    ...filters,
    q: filters.q?.trim() || undefined,
    cursor: pager.cursor,
    limit: 20,
  };
  const applications = useApplications(query);

  const open = (a: ApplicationListItem) => navigate(`/merchants/applications/${a.id}`);

  const columns: ColumnsType<ApplicationListItem> = [
    {
      title: t('merchants.list.no'),
      dataIndex: 'no',
      width: 160,
      render: (no: string, a) => (
        <Typography.Link onClick={() => open(a)} data-testid={`app-open-${no}`}>
          {no}
        </Typography.Link>
      ),
    },
    {
      title: t('merchants.list.merchantName'),
      dataIndex: 'merchantName',
      width: 160,
      ellipsis: true,
      render: (name: string | null) =>
        name ?? <Typography.Text type="secondary">{t('merchants.list.unnamed')}</Typography.Text>,
    },
    {
      title: t('merchants.list.creditCode'),
      dataIndex: 'creditCode',
      width: 170,
      render: (code: string | null) =>
        code ? (
          <span style={{ fontFamily: 'ui-monospace, SFMono-Regular, Menlo, monospace' }}>{code}</span>
        ) : (
          '—'
        ),
    },
    {
      title: t('merchants.list.mcc'),
      dataIndex: 'mcc',
      width: 64,
      render: (mcc: string | null) =>
        mcc ? (
          <Tooltip title={mccLabel(mcc)}>
            <Typography.Text>{mcc}</Typography.Text>
          </Tooltip>
        ) : (
          '—'
        ),
    },
    { title: t('merchants.list.org'), dataIndex: 'orgName', width: 130, ellipsis: true },
    {
      title: t('common.status'),
      dataIndex: 'status',
      width: 136,
      render: (status: ApplicationStatus) => <ApplicationStatusTag status={status} />,
    },
    { title: t('merchants.list.createdBy'), dataIndex: 'createdByName', width: 90, ellipsis: true },
    {
      // Created and submitted in one column: the table fits a laptop screen.
      title: t('merchants.list.createdSubmitted'),
      key: 'times',
      width: 180,
      render: (_, a) => (
        <Flex vertical>
          <span>{formatDateTime(a.createdAt)}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {a.submittedAt
              ? `${t('merchants.list.submittedAt')} ${formatDateTime(a.submittedAt)}`
              : t('merchants.list.notSubmitted')}
          </Typography.Text>
        </Flex>
      ),
    },
  ];

  const onCreate = async () => {
    try {
      const detail = await create.mutateAsync({ form: {} });
      navigate(`/merchants/applications/${detail.id}/edit`);
    } catch (error) {
      report(error);
    }
  };

  return (
    <>
      <PageHeader
        title={t('merchants.list.title')}
        extra={
          access.can('merchantApplication.create') && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              loading={create.isPending}
              onClick={onCreate}
              data-testid="app-new"
            >
              {t('merchants.list.create')}
            </Button>
          )
        }
      />
      <SearchForm<Filters>
        form={form}
        onSearch={(values) => {
          pager.reset();
          setFilters({ ...values });
        }}
        testId="apps-search"
      >
        <Form.Item name="q" label={t('common.keyword')}>
          <Input
            allowClear
            maxLength={64}
            placeholder={t('merchants.list.keywordPlaceholder')}
            style={{ width: 280 }}
            data-testid="apps-filter-q"
          />
        </Form.Item>
        <Form.Item name="status" label={t('common.status')}>
          <Select
            allowClear
            placeholder={t('common.all')}
            style={{ width: 140 }}
            options={applicationStatuses.map((s) => ({ value: s, label: t(`merchants.statuses.${s}`) }))}
            data-testid="apps-filter-status"
          />
        </Form.Item>
        {access.can('org.read') && (
          <Form.Item name="orgId" label={t('merchants.list.org')}>
            <OrgTreeSelect allowClear testId="apps-filter-org" />
          </Form.Item>
        )}
      </SearchForm>
      <Card>
        <Table<ApplicationListItem>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={applications.data?.items ?? []}
          loading={applications.isFetching}
          pagination={false}
          scroll={{ x: 1094 }}
          onRow={(a) => ({ onClick: () => open(a), style: { cursor: 'pointer' } })}
          data-testid="apps-table"
        />
        <CursorPager
          pager={pager}
          nextCursor={applications.data?.nextCursor}
          loading={applications.isFetching}
        />
      </Card>
    </>
  );
}
