import { DownloadOutlined } from '@ant-design/icons';
import { App, Button, Card, Form, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CursorPager } from '../../../app/components/cursor-pager';
import { PageHeader } from '../../../app/components/page-header';
import { SearchForm } from '../../../app/components/search-form';
import { downloadCsv } from '../../../app/csv';
import { useErrorReporter } from '../../../app/errors';
import { formatDateTime } from '../../../app/format';
import { useCursorPager } from '../../../app/use-cursor-pager';
import { CHANGE_EXPORT_ROWS_MAX, fetchChangesForExport, useChangeRequests } from '../change-api';
import { changeKindLabel, summarizeValues } from '../change-labels';
import { ChangeRequestsTable } from '../components/change-requests-table';
import { businessToday } from '../dates';
import {
  type ChangeListQuery,
  changeKinds,
  changeStatuses,
  type MerchantChangeKind,
  type MerchantChangeStatus,
} from '../model';

interface Filters {
  status?: MerchantChangeStatus;
  kind?: MerchantChangeKind;
}

/** 变更申请: every change request of the user's subtree, newest first, filtered by status and kind. */
export function MerchantChangesPage() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const report = useErrorReporter();
  const [form] = Form.useForm<Filters>();
  const pager = useCursorPager();
  const [filters, setFilters] = useState<Filters>({});
  const [exporting, setExporting] = useState(false);
  const query: ChangeListQuery = { ...filters, cursor: pager.cursor, limit: 20 };
  const changes = useChangeRequests(query);

  const onExport = async () => {
    setExporting(true);
    try {
      const { items, truncated } = await fetchChangesForExport(filters);
      const english = i18n.language === 'en-US';
      const col = (key: string) => t(`merchants.changes.columns.${key}`);
      downloadCsv(
        `${t('merchants.changes.export.fileName')}-${businessToday()}.csv`,
        [
          col('no'),
          t('merchants.changes.fields.merchantMid'),
          t('merchants.changes.fields.merchantName'),
          col('kind'),
          t('merchants.changes.detail.before'),
          t('merchants.changes.detail.after'),
          col('effectiveDate'),
          t('common.status'),
          t('merchants.changes.detail.reason'),
          t('merchants.changes.detail.closedReason'),
          col('requestedBy'),
          col('createdAt'),
          t('merchants.changes.detail.appliedAt'),
        ],
        items.map((c) => [
          c.no,
          c.merchantMid,
          c.merchantName,
          changeKindLabel(t, c.kind),
          summarizeValues(t, c.kind, c.before, english),
          summarizeValues(t, c.kind, c.after, english),
          c.effectiveDate,
          t(`merchants.changes.statuses.${c.status}`),
          c.reason,
          c.closedReason ?? '',
          c.requestedBy.name,
          formatDateTime(c.createdAt),
          c.appliedAt ? formatDateTime(c.appliedAt) : '',
        ]),
      );
      if (truncated) message.warning(t('merchants.changes.export.truncated', { n: CHANGE_EXPORT_ROWS_MAX }));
      else message.success(t('merchants.changes.export.done', { n: items.length }));
    } catch (error) {
      report(error);
    } finally {
      setExporting(false);
    }
  };

  return (
    <>
      <PageHeader title={t('merchants.changes.title')} />
      <SearchForm<Filters>
        form={form}
        onSearch={(values) => {
          pager.reset();
          setFilters({ ...values });
        }}
        extra={
          <Button
            icon={<DownloadOutlined />}
            loading={exporting}
            onClick={onExport}
            data-testid="changes-export"
          >
            {t('common.export')}
          </Button>
        }
        testId="changes-search"
      >
        <Form.Item name="status" label={t('common.status')}>
          <Select
            allowClear
            placeholder={t('common.all')}
            style={{ width: 140 }}
            options={changeStatuses.map((s) => ({ value: s, label: t(`merchants.changes.statuses.${s}`) }))}
            data-testid="changes-filter-status"
          />
        </Form.Item>
        <Form.Item name="kind" label={t('merchants.changes.columns.kind')}>
          <Select
            allowClear
            placeholder={t('common.all')}
            style={{ width: 160 }}
            options={changeKinds.map((k) => ({ value: k, label: changeKindLabel(t, k) }))}
            data-testid="changes-filter-kind"
          />
        </Form.Item>
      </SearchForm>
      <Card>
        <ChangeRequestsTable
          items={changes.data?.items ?? []}
          loading={changes.isFetching}
          showMerchant
          testId="changes-table"
        />
        <CursorPager pager={pager} nextCursor={changes.data?.nextCursor} loading={changes.isFetching} />
      </Card>
    </>
  );
}
