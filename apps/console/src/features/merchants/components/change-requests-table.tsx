import { AuditOutlined, CloseCircleOutlined, EditOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Descriptions, Flex, Space, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useAccess } from '../../../app/access';
import { useErrorReporter } from '../../../app/errors';
import { formatDateTime } from '../../../app/format';
import { changeKeys, fetchChangeRequest, useCancelChange } from '../change-api';
import { changeKindLabel, summarizeValues } from '../change-labels';
import type { MerchantChangeKind, MerchantChangeRequest, MerchantChangeStatus } from '../model';
import { ChangeComparison, ChangeFindings } from './change-comparison';
import { ChangeRequestDrawer } from './change-request-drawer';
import { ChangeStatusTag } from './change-status-tag';
import { CommentModal } from './comment-modal';

const mono = { fontFamily: 'ui-monospace, SFMono-Regular, Menlo, monospace' };

/** Opens the change's approval (list rows carry no approval id: it is looked up on the way). */
function ApprovalLink({ change }: { change: MerchantChangeRequest }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const report = useErrorReporter();
  const [busy, setBusy] = useState(false);
  const open = async () => {
    setBusy(true);
    try {
      const full = await queryClient.fetchQuery({
        queryKey: changeKeys.detail(change.id),
        queryFn: () => fetchChangeRequest(change.id),
      });
      if (full.approvalId) navigate(`/approvals?box=all&id=${full.approvalId}`);
    } catch (error) {
      report(error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button
      size="small"
      type="link"
      icon={<AuditOutlined />}
      loading={busy}
      onClick={open}
      data-testid={`change-approval-${change.no}`}
    >
      {t('merchants.changes.actions.viewApproval')}
    </Button>
  );
}

/** The request's particulars: reason, the decision's comment, before and after, the findings. */
export function ChangeDetail({ change }: { change: MerchantChangeRequest }) {
  const { t } = useTranslation();
  return (
    <Flex vertical gap={12} style={{ padding: '4px 0' }} data-testid={`change-detail-${change.no}`}>
      <Descriptions
        size="small"
        column={{ xs: 1, md: 2 }}
        items={[
          { key: 'reason', label: t('merchants.changes.detail.reason'), children: change.reason },
          ...(change.closedReason
            ? [
                {
                  key: 'closed',
                  label: t('merchants.changes.detail.closedReason'),
                  children: change.closedReason,
                },
              ]
            : []),
          ...(change.decidedAt
            ? [
                {
                  key: 'decided',
                  label: t('merchants.changes.detail.decidedAt'),
                  children: formatDateTime(change.decidedAt),
                },
              ]
            : []),
          ...(change.appliedAt
            ? [
                {
                  key: 'applied',
                  label: t('merchants.changes.detail.appliedAt'),
                  children: formatDateTime(change.appliedAt),
                },
              ]
            : []),
        ]}
      />
      <ChangeComparison kind={change.kind} before={change.before} after={change.after} />
      <ChangeFindings findings={change.findings} />
    </Flex>
  );
}

interface Props {
  items: MerchantChangeRequest[];
  loading?: boolean;
  /** The list of every merchant's requests shows whose each is. */
  showMerchant?: boolean;
  testId: string;
}

/** Change requests with status, before → after and effective date; resubmit and cancel where allowed. */
export function ChangeRequestsTable({ items, loading, showMerchant, testId }: Props) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const access = useAccess();
  const report = useErrorReporter();
  const cancel = useCancelChange();
  const [resubmitting, setResubmitting] = useState<MerchantChangeRequest | null>(null);
  const [cancelling, setCancelling] = useState<MerchantChangeRequest | null>(null);
  const english = i18n.language === 'en-US';

  const columns: ColumnsType<MerchantChangeRequest> = [
    {
      title: t('merchants.changes.columns.no'),
      dataIndex: 'no',
      width: 160,
      render: (no: string) => <span style={mono}>{no}</span>,
    },
    ...(showMerchant
      ? [
          {
            title: t('merchants.changes.columns.merchant'),
            key: 'merchant',
            width: 200,
            render: (_: unknown, c: MerchantChangeRequest) => (
              <Flex vertical>
                <Link to={`/merchants/${c.merchantId}`} data-testid={`change-merchant-${c.no}`}>
                  {c.merchantName}
                </Link>
                <Typography.Text type="secondary" style={{ ...mono, fontSize: 12 }}>
                  {c.merchantMid}
                </Typography.Text>
              </Flex>
            ),
          },
        ]
      : []),
    {
      title: t('merchants.changes.columns.kind'),
      dataIndex: 'kind',
      width: 110,
      render: (kind: MerchantChangeKind) => changeKindLabel(t, kind),
    },
    {
      title: t('merchants.changes.columns.change'),
      key: 'change',
      render: (_: unknown, c) => (
        <Flex vertical>
          <Typography.Text type="secondary" delete style={{ fontSize: 12, wordBreak: 'break-word' }}>
            {summarizeValues(t, c.kind, c.before, english)}
          </Typography.Text>
          <Typography.Text style={{ wordBreak: 'break-word' }}>
            → {summarizeValues(t, c.kind, c.after, english)}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      title: t('merchants.changes.columns.effectiveDate'),
      dataIndex: 'effectiveDate',
      width: 105,
    },
    {
      title: t('common.status'),
      dataIndex: 'status',
      width: 90,
      render: (status: MerchantChangeStatus) => <ChangeStatusTag status={status} />,
    },
    {
      title: t('merchants.changes.columns.requestedBy'),
      key: 'requested',
      width: 150,
      render: (_: unknown, c) => (
        <Flex vertical>
          <span>{c.requestedBy.name}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {formatDateTime(c.createdAt)}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 140,
      fixed: 'right',
      render: (_: unknown, c) => (
        <Space size={0} wrap>
          {access.can('approval.read') && <ApprovalLink change={c} />}
          {c.allowedActions.includes('resubmit') && (
            <Button
              size="small"
              type="link"
              icon={<EditOutlined />}
              onClick={() => setResubmitting(c)}
              data-testid={`change-resubmit-${c.no}`}
            >
              {t('merchants.changes.actions.resubmit')}
            </Button>
          )}
          {c.allowedActions.includes('cancel') && (
            <Button
              size="small"
              type="link"
              danger
              icon={<CloseCircleOutlined />}
              onClick={() => setCancelling(c)}
              data-testid={`change-cancel-${c.no}`}
            >
              {t('merchants.changes.actions.cancel')}
            </Button>
          )}
        </Space>
      ),
    },
  ];

  return (
    <>
      <Table<MerchantChangeRequest>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={items}
        loading={loading}
        pagination={false}
        scroll={{ x: showMerchant ? 1260 : 1040 }}
        expandable={{ expandedRowRender: (c) => <ChangeDetail change={c} /> }}
        locale={{ emptyText: t('merchants.changes.none') }}
        onRow={(c) => ({
          className: 'change-row',
          'data-testid': 'change-row',
          'data-no': c.no,
          'data-status': c.status,
        })}
        data-testid={testId}
      />
      {resubmitting && (
        <ChangeRequestDrawer
          open
          merchantId={resubmitting.merchantId}
          resubmit={resubmitting}
          onClose={() => setResubmitting(null)}
        />
      )}
      <CommentModal
        open={cancelling !== null}
        title={cancelling ? t('merchants.changes.actions.cancelTitle', { no: cancelling.no }) : ''}
        label={t('merchants.changes.actions.cancelReason')}
        minLength={2}
        maxLength={500}
        danger
        confirmLoading={cancel.isPending}
        onOk={async (reason) => {
          if (!cancelling) return false;
          try {
            await cancel.mutateAsync({ id: cancelling.id, reason });
            message.success(t('merchants.changes.actions.cancelled'));
            setCancelling(null);
            return true;
          } catch (error) {
            report(error);
            return false;
          }
        }}
        onCancel={() => setCancelling(null)}
      />
    </>
  );
}
