import { DownloadOutlined } from '@ant-design/icons';
import { App, Button, Card, DatePicker, Form, Input, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditEntry } from '../../../api/types';
import { useAccess } from '../../../app/access';
import { CursorPager } from '../../../app/components/cursor-pager';
import { PageHeader } from '../../../app/components/page-header';
import { SearchForm } from '../../../app/components/search-form';
import { useErrorReporter } from '../../../app/errors';
import { formatDateTime, pickerToIso } from '../../../app/format';
import { useCursorPager } from '../../../app/use-cursor-pager';
import { type AuditFilter, exportAudit, useAuditEntries } from '../api';
import { AuditDiff } from '../components/audit-diff';

interface FormValues {
  range?: [Dayjs | null, Dayjs | null] | null;
  actor?: string;
  action?: string;
  objectType?: string;
  objectId?: string;
}

function toFilter(v: FormValues): AuditFilter {
  const text = (s: string | undefined) => s?.trim() || undefined;
  const [from, to] = v.range ?? [];
  return {
    from: from ? pickerToIso(from) : undefined,
    to: to ? pickerToIso(to) : undefined,
    actor: text(v.actor),
    action: text(v.action),
    objectType: text(v.objectType),
    objectId: text(v.objectId),
  };
}

export function AuditPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const access = useAccess();
  const report = useErrorReporter();
  const [form] = Form.useForm<FormValues>();
  const pager = useCursorPager();
  const [filter, setFilter] = useState<AuditFilter>({});
  const [exporting, setExporting] = useState(false);
  const entries = useAuditEntries({ ...filter, cursor: pager.cursor, limit: 50 });

  const onExport = async () => {
    setExporting(true);
    try {
      await exportAudit(filter);
      message.success(t('audit.exported'));
    } catch (error) {
      report(error);
    } finally {
      setExporting(false);
    }
  };

  const columns: ColumnsType<AuditEntry> = [
    { title: t('audit.at'), dataIndex: 'at', width: 180, render: formatDateTime },
    {
      title: t('audit.actor'),
      dataIndex: 'actorName',
      width: 140,
      render: (name: string | null) =>
        name ?? <Typography.Text type="secondary">{t('audit.system')}</Typography.Text>,
    },
    { title: t('audit.action'), dataIndex: 'action', render: (a: string) => <Tag color="blue">{a}</Tag> },
    { title: t('audit.objectType'), dataIndex: 'objectType' },
    {
      title: t('audit.objectId'),
      dataIndex: 'objectId',
      render: (id: string | null) =>
        id ? <Typography.Text copyable={{ text: id }}>{id.slice(0, 8)}…</Typography.Text> : '—',
    },
    { title: t('audit.ip'), dataIndex: 'ip', width: 140, render: (ip: string | null) => ip ?? '—' },
  ];

  return (
    <>
      <PageHeader title={t('audit.title')} />
      <SearchForm<FormValues>
        form={form}
        onSearch={(values) => {
          pager.reset();
          setFilter(toFilter(values));
        }}
        extra={
          access.can('audit.export') && (
            <Button
              icon={<DownloadOutlined />}
              loading={exporting}
              onClick={onExport}
              data-testid="audit-export"
            >
              {t('common.export')}
            </Button>
          )
        }
        testId="audit-search"
      >
        <Form.Item name="range" label={t('audit.range')}>
          <DatePicker.RangePicker showTime allowEmpty={[true, true]} data-testid="audit-filter-range" />
        </Form.Item>
        <Form.Item name="actor" label={t('audit.actor')}>
          <Input allowClear style={{ width: 140 }} data-testid="audit-filter-actor" />
        </Form.Item>
        <Form.Item name="action" label={t('audit.action')}>
          <Input allowClear style={{ width: 160 }} data-testid="audit-filter-action" />
        </Form.Item>
        <Form.Item name="objectType" label={t('audit.objectType')}>
          <Input allowClear style={{ width: 140 }} data-testid="audit-filter-object-type" />
        </Form.Item>
        <Form.Item name="objectId" label={t('audit.objectId')}>
          <Input allowClear style={{ width: 200 }} data-testid="audit-filter-object-id" />
        </Form.Item>
      </SearchForm>
      <Card>
        <Table<AuditEntry>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={entries.data?.items ?? []}
          loading={entries.isFetching}
          pagination={false}
          expandable={{
            expandedRowRender: (entry) => <AuditDiff entry={entry} />,
            rowExpandable: (entry) => entry.before !== null || entry.after !== null,
          }}
          data-testid="audit-table"
        />
        <CursorPager pager={pager} nextCursor={entries.data?.nextCursor} loading={entries.isFetching} />
      </Card>
    </>
  );
}
