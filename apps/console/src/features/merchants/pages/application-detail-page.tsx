import {
  AuditOutlined,
  CheckOutlined,
  EditOutlined,
  FileSearchOutlined,
  RocketOutlined,
  RollbackOutlined,
  SendOutlined,
  ShopOutlined,
  StopOutlined,
} from '@ant-design/icons';
import {
  Alert,
  App,
  Badge,
  Button,
  Card,
  Descriptions,
  Flex,
  Result,
  Skeleton,
  Space,
  Tabs,
  Tooltip,
  Typography,
} from 'antd';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiError } from '../../../api/client';
import type { ApplicationDetail, ApplicationStatus, GoLiveResult } from '../../../api/types';
import { useAccess } from '../../../app/access';
import { PageHeader } from '../../../app/components/page-header';
import { errorText } from '../../../app/errors';
import { formatDateTime } from '../../../app/format';
import { useApplication, useApplicationAction, useGoLive, useMerchantOfApplication } from '../api';
import { ApplicationFormViewer } from '../components/application-form-view';
import { ApplicationHistory } from '../components/application-history';
import { ApplicationStatusTag } from '../components/application-status-tag';
import { AssessmentCard } from '../components/assessment-card';
import { CommentModal } from '../components/comment-modal';
import { ContractPanel } from '../components/contract-panel';
import { DocumentsView } from '../components/documents-view';
import { GoLiveModal } from '../components/go-live-modal';
import {
  checklistRows,
  effectiveResult,
  ReviewChecklist,
  undecidedItems,
} from '../components/review-checklist';
import { formPathOf } from '../form-model';
import { checkItemLabel, fieldLabel, fieldMessage } from '../labels';
import { type ApplicationAction, applicationActions, editableStatuses, isApplicationAction } from '../model';

const actionIcons: Record<ApplicationAction, ReactNode> = {
  submit: <SendOutlined />,
  resubmit: <SendOutlined />,
  start_review: <FileSearchOutlined />,
  return: <RollbackOutlined />,
  complete_review: <CheckOutlined />,
  request_approval: <AuditOutlined />,
  withdraw: <StopOutlined />,
};

/** Statuses in which the application has (or is about to get) a contract. */
const contractStatuses: readonly ApplicationStatus[] = ['approved', 'contracted', 'active'];

/** 申请详情: the application read-only, its documents, the review checklist, actions and history. */
export function ApplicationDetailPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const application = useApplication(id);

  if (application.isError) {
    return (
      <Result
        status="warning"
        title={t('merchants.form.loadFailed')}
        subTitle={errorText(t, application.error)}
        extra={
          <Link to="/merchants/applications">
            <Button>{t('merchants.list.title')}</Button>
          </Link>
        }
        data-testid="app-not-found"
      />
    );
  }
  if (!application.data) return <Skeleton active />;
  return <Detail application={application.data} />;
}

function Detail({ application: a }: { application: ApplicationDetail }) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const access = useAccess();
  const navigate = useNavigate();
  const act = useApplicationAction();
  const [commentFor, setCommentFor] = useState<'return' | 'withdraw' | null>(null);
  const [submitProblems, setSubmitProblems] = useState<{ path: string; message: string }[] | null>(null);
  const showContract = contractStatuses.includes(a.status) && access.can('contract.read');
  const [tab, setTab] = useState<string>(
    a.status === 'approved' && showContract ? 'contract' : a.checks.length > 0 ? 'checks' : 'form',
  );
  const goLive = useGoLive();
  const [goLiveResult, setGoLiveResult] = useState<GoLiveResult | null>(null);
  const merchant = useMerchantOfApplication(
    a,
    (a.status === 'contracted' || a.status === 'active') && access.can('merchant.read'),
  );
  const liveMerchant = merchant.data ?? null;
  // Once gone live the application stays contracted until the merchant activates: offer the merchant instead.
  const canGoLive =
    a.status === 'contracted' && access.can('merchant.goLive') && !merchant.isPending && !liveMerchant;

  const onGoLive = () => {
    modal.confirm({
      title: t('merchants.goLive.confirmTitle'),
      content: t('merchants.goLive.confirm'),
      okButtonProps: { 'data-testid': 'golive-confirm' },
      onOk: async () => {
        try {
          setGoLiveResult(await goLive.mutateAsync(a.id));
        } catch (error) {
          message.error(errorText(t, error));
        }
      },
    });
  };

  const canReview = access.can('merchantApplication.review');
  const canEdit = access.can('merchantApplication.create') && editableStatuses.includes(a.status);
  const rows = checklistRows(a.checks);
  const undecided = undecidedItems(rows);
  const openFailures = rows.filter((r) => effectiveResult(r) === 'failed').length;

  const actions = a.allowedEvents
    .filter(isApplicationAction)
    .filter((event) => access.can(applicationActions[event].permission));
  // The server leaves "complete review" out while failed checks are open; show why it cannot be done yet.
  if (a.status === 'in_review' && canReview && !actions.includes('complete_review'))
    actions.push('complete_review');

  const run = async (action: ApplicationAction, comment?: string): Promise<boolean> => {
    setSubmitProblems(null);
    try {
      await act.mutateAsync({ id: a.id, action, ...(comment ? { comment } : {}) });
      message.success(t(`merchants.actions.done.${action}`));
      setCommentFor(null);
      if (action === 'start_review') setTab('checks');
      return true;
    } catch (error) {
      if ((action === 'submit' || action === 'resubmit') && error instanceof ApiError && error.fields) {
        setSubmitProblems(
          Object.entries(error.fields).map(([path, text]) => ({
            path: formPathOf(path),
            message: fieldMessage(t, formPathOf(path), text),
          })),
        );
        return false;
      }
      if (action === 'complete_review' && error instanceof ApiError && error.fields) {
        const items = Object.keys(error.fields).map((item) => checkItemLabel(t, item));
        message.error(
          `${errorText(t, error)} ${t('merchants.actions.undecided', { items: items.join('、') })}`,
        );
        setTab('checks');
        return false;
      }
      message.error(errorText(t, error));
      return false;
    }
  };

  const onAction = (action: ApplicationAction) => {
    if (applicationActions[action].comment === 'required') {
      setCommentFor(action as 'return' | 'withdraw');
      return;
    }
    modal.confirm({
      title: t(`merchants.actions.${action}`),
      content: t(`merchants.actions.confirm.${action}`, { defaultValue: '' }),
      okButtonProps: { 'data-testid': 'app-action-confirm' },
      onOk: () => run(action),
    });
  };

  const actionButton = (action: ApplicationAction) => {
    const blocked = action === 'complete_review' && (undecided.length > 0 || openFailures > 0);
    const button = (
      <Button
        key={action}
        type={action === 'return' || action === 'withdraw' ? 'default' : 'primary'}
        danger={action === 'withdraw'}
        icon={actionIcons[action]}
        disabled={blocked || act.isPending}
        loading={act.isPending && act.variables?.action === action}
        onClick={() => onAction(action)}
        data-testid={`app-action-${action}`}
      >
        {t(`merchants.actions.${action}`)}
      </Button>
    );
    if (!blocked) return button;
    const reasons = [
      ...(openFailures > 0 ? [t('merchants.actions.openFailures', { count: openFailures })] : []),
      ...(undecided.length > 0
        ? [t('merchants.actions.undecided', { items: undecided.map((i) => checkItemLabel(t, i)).join('、') })]
        : []),
    ];
    return (
      <Tooltip key={action} title={reasons.join(' ')}>
        <span>{button}</span>
      </Tooltip>
    );
  };

  return (
    <>
      <PageHeader
        title={
          <Space size={12} wrap>
            <span data-testid="app-no">{a.no}</span>
            <Typography.Text style={{ fontSize: 'inherit', fontWeight: 'inherit' }}>
              {a.merchantName ?? t('merchants.list.unnamed')}
            </Typography.Text>
            <ApplicationStatusTag status={a.status} />
          </Space>
        }
        extra={
          <Space wrap data-testid="app-actions">
            {canEdit && (
              <Button
                icon={<EditOutlined />}
                onClick={() => navigate(`/merchants/applications/${a.id}/edit`)}
                data-testid="app-action-edit"
              >
                {t('merchants.detail.edit')}
              </Button>
            )}
            {actions.map(actionButton)}
            {liveMerchant && (
              <Button
                icon={<ShopOutlined />}
                onClick={() => navigate(`/merchants/${liveMerchant.id}`)}
                data-testid="app-merchant-link"
              >
                {t('merchants.goLive.viewMerchant')} {liveMerchant.mid}
              </Button>
            )}
            {canGoLive && (
              <Button
                type="primary"
                icon={<RocketOutlined />}
                loading={goLive.isPending}
                onClick={onGoLive}
                data-testid="app-go-live"
              >
                {t('merchants.goLive.action')}
              </Button>
            )}
          </Space>
        }
      />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Descriptions
          size="small"
          column={{ xs: 1, md: 2, xl: 4 }}
          items={[
            { key: 'org', label: t('merchants.detail.org'), children: a.orgName },
            { key: 'createdBy', label: t('merchants.detail.createdBy'), children: a.createdByName },
            {
              key: 'createdAt',
              label: t('merchants.detail.createdAt'),
              children: formatDateTime(a.createdAt),
            },
            {
              key: 'submittedAt',
              label: t('merchants.detail.submittedAt'),
              children: formatDateTime(a.submittedAt),
            },
          ]}
        />
      </Card>
      {submitProblems && (
        <Alert
          type="error"
          showIcon
          closable={{ onClose: () => setSubmitProblems(null) }}
          style={{ marginBottom: 16 }}
          title={t('merchants.detail.submitFailed')}
          description={
            <ul style={{ margin: 0, paddingInlineStart: 20 }}>
              {submitProblems.map((p) => (
                <li key={`${p.path}:${p.message}`}>
                  {fieldLabel(t, p.path)}
                  {t('merchants.form.colon')}
                  {p.message}
                </li>
              ))}
            </ul>
          }
          action={
            canEdit && (
              <Button size="small" onClick={() => navigate(`/merchants/applications/${a.id}/edit`)}>
                {t('merchants.detail.goEdit')}
              </Button>
            )
          }
          data-testid="app-submit-problems"
        />
      )}
      <Card>
        <Tabs
          activeKey={tab}
          onChange={setTab}
          items={[
            {
              key: 'form',
              label: t('merchants.detail.tabs.form'),
              children: <ApplicationFormViewer form={a.form} />,
            },
            {
              key: 'documents',
              label: t('merchants.detail.tabs.documents'),
              children: <DocumentsView applicationId={a.id} />,
            },
            {
              key: 'checks',
              label: (
                <Space size={6}>
                  {t('merchants.detail.tabs.checks')}
                  {a.status === 'in_review' && (openFailures > 0 || undecided.length > 0) && (
                    <Badge count={openFailures + undecided.length} size="small" />
                  )}
                </Space>
              ),
              children: (
                <Flex vertical gap={16}>
                  <ReviewChecklist application={a} canDecide={canReview && a.status === 'in_review'} />
                  {a.assessment && <AssessmentCard assessment={a.assessment} approvalId={a.approvalId} />}
                </Flex>
              ),
            },
            ...(showContract
              ? [
                  {
                    key: 'contract',
                    label: t('merchants.contract.tab'),
                    children: <ContractPanel application={a} />,
                  },
                ]
              : []),
            {
              key: 'history',
              label: t('merchants.detail.tabs.history'),
              children: <ApplicationHistory history={a.history} />,
            },
          ]}
          data-testid="app-tabs"
        />
      </Card>
      <CommentModal
        open={commentFor !== null}
        title={commentFor ? t(`merchants.actions.commentTitle.${commentFor}`) : ''}
        label={commentFor ? t(`merchants.actions.commentLabel.${commentFor}`) : ''}
        danger={commentFor === 'withdraw'}
        confirmLoading={act.isPending}
        onOk={(comment) => (commentFor ? run(commentFor, comment) : false)}
        onCancel={() => setCommentFor(null)}
      />
      <GoLiveModal result={goLiveResult} onClose={() => setGoLiveResult(null)} />
    </>
  );
}
