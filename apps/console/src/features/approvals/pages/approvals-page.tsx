import { Card, Form, Select, Table, Tabs, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import type { ApprovalBox, ApprovalRequest, ApprovalStatus } from '../../../api/types';
import { CursorPager } from '../../../app/components/cursor-pager';
import { PageHeader } from '../../../app/components/page-header';
import { SearchForm } from '../../../app/components/search-form';
import { formatDateTime } from '../../../app/format';
import { useCursorPager } from '../../../app/use-cursor-pager';
import { useApprovals } from '../api';
import { ApprovalDrawer, stepNumber } from '../components/approval-drawer';
import { ApprovalStatusTag, useApprovalTypeLabel } from '../components/approval-status-tag';

const boxes: ApprovalBox[] = ['inbox', 'mine', 'all'];
const statuses: ApprovalStatus[] = ['pending', 'approved', 'rejected', 'returned', 'cancelled'];

function asBox(value: string | null): ApprovalBox {
  return boxes.find((b) => b === value) ?? 'inbox';
}

function asStatus(value: string | null): ApprovalStatus | undefined {
  return statuses.find((s) => s === value);
}

export function ApprovalsPage() {
  const { t } = useTranslation();
  const typeLabel = useApprovalTypeLabel();
  const [params, setParams] = useSearchParams();
  const box = asBox(params.get('box'));
  const status = asStatus(params.get('status'));
  const openId = params.get('id');
  const pager = useCursorPager();
  const [form] = Form.useForm<{ status?: ApprovalStatus }>();

  const update = (changes: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes)) {
      if (value) next.set(key, value);
      else next.delete(key);
    }
    setParams(next, { replace: true });
  };

  const query = useApprovals({ box, status, cursor: pager.cursor, limit: 20 });

  const columns: ColumnsType<ApprovalRequest> = [
    {
      title: t('approvals.columns.title'),
      dataIndex: 'title',
      render: (title: string, a) => (
        <Typography.Link onClick={() => update({ id: a.id })} data-testid="approval-open">
          {title}
        </Typography.Link>
      ),
    },
    { title: t('approvals.columns.type'), dataIndex: 'type', render: (type: string) => typeLabel(type) },
    {
      title: t('approvals.columns.status'),
      dataIndex: 'status',
      render: (s: string) => <ApprovalStatusTag status={s} />,
    },
    { title: t('approvals.columns.org'), dataIndex: 'orgName' },
    { title: t('approvals.columns.maker'), dataIndex: 'makerName' },
    {
      title: t('approvals.columns.step'),
      key: 'step',
      render: (_, a) =>
        a.steps?.length ? `${stepNumber(a, a.currentStep)} / ${a.steps.length}` : a.currentStep,
    },
    { title: t('approvals.columns.createdAt'), dataIndex: 'createdAt', render: formatDateTime },
    { title: t('approvals.columns.decidedAt'), dataIndex: 'decidedAt', render: formatDateTime },
  ];

  return (
    <>
      <PageHeader title={t('approvals.title')} />
      <Tabs
        activeKey={box}
        onChange={(key) => {
          pager.reset();
          update({ box: key });
        }}
        items={boxes.map((b) => ({
          key: b,
          label: <span data-testid={`approvals-tab-${b}`}>{t(`approvals.tabs.${b}`)}</span>,
        }))}
      />
      <SearchForm
        form={form}
        initialValues={{ status }}
        onSearch={(values) => {
          pager.reset();
          update({ status: values.status });
        }}
      >
        <Form.Item name="status" label={t('approvals.columns.status')}>
          <Select
            allowClear
            style={{ width: 160 }}
            placeholder={t('common.all')}
            options={statuses.map((s) => ({ value: s, label: t(`approvals.statuses.${s}`) }))}
            data-testid="approvals-status-filter"
          />
        </Form.Item>
      </SearchForm>
      <Card>
        <Table<ApprovalRequest>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={query.data?.items ?? []}
          loading={query.isFetching}
          pagination={false}
          data-testid="approvals-table"
        />
        <CursorPager pager={pager} nextCursor={query.data?.nextCursor} loading={query.isFetching} />
      </Card>
      <ApprovalDrawer id={openId} onClose={() => update({ id: undefined })} />
    </>
  );
}
