import { CheckOutlined, CloseOutlined, RollbackOutlined } from '@ant-design/icons';
import {
  App,
  Button,
  Descriptions,
  Divider,
  Drawer,
  Input,
  Result,
  Skeleton,
  Space,
  Steps,
  Timeline,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApprovalRequest } from '../../../api/types';
import { errorText } from '../../../app/errors';
import { formatDateTime } from '../../../app/format';
import { type Decision, useApproval, useDecideApproval } from '../api';
import { ApprovalStatusTag, useApprovalTypeLabel } from './approval-status-tag';
import { PayloadSummary } from './payload-summary';

interface Props {
  id: string | null;
  onClose: () => void;
}

function stepStatus(a: ApprovalRequest, position: number, current: number) {
  if (a.status === 'approved') return 'finish' as const;
  if (position < current) return 'finish' as const;
  if (position > current) return 'wait' as const;
  if (a.status === 'rejected') return 'error' as const;
  if (a.status === 'pending') return 'process' as const;
  return 'wait' as const;
}

/** 1-based position of a step (by its `index`) in the chain. */
export function stepNumber(a: Pick<ApprovalRequest, 'steps'>, stepIndex: number): number {
  const position = a.steps?.findIndex((s) => s.index === stepIndex) ?? -1;
  return position >= 0 ? position + 1 : stepIndex;
}

export function ApprovalDrawer({ id, onClose }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const typeLabel = useApprovalTypeLabel();
  const query = useApproval(id);
  const decide = useDecideApproval();
  const [comment, setComment] = useState('');
  const a = query.data;

  const submit = (decision: Decision) => {
    if (!a) return;
    decide.mutate(
      { id: a.id, decision, comment: comment.trim() || undefined },
      {
        onSuccess: () => {
          message.success(t('approvals.detail.done'));
          setComment('');
        },
        onError: (error) => message.error(errorText(t, error)),
      },
    );
  };

  const current = a
    ? Math.max(
        0,
        a.steps.findIndex((s) => s.index === a.currentStep),
      )
    : 0;

  return (
    <Drawer
      open={id !== null}
      onClose={onClose}
      size={720}
      title={t('approvals.detail.title')}
      destroyOnHidden
      data-testid="approval-drawer"
    >
      {!a && query.isError ? (
        // Not visible to this user (another branch's) or gone: say so rather than load forever.
        <Result status="warning" subTitle={errorText(t, query.error)} data-testid="approval-not-found" />
      ) : !a ? (
        <Skeleton active />
      ) : (
        <>
          <Descriptions
            column={2}
            size="small"
            items={[
              { key: 'title', label: t('approvals.columns.title'), children: a.title, span: 2 },
              { key: 'type', label: t('approvals.columns.type'), children: typeLabel(a.type) },
              {
                key: 'status',
                label: t('approvals.columns.status'),
                children: <ApprovalStatusTag status={a.status} />,
              },
              { key: 'org', label: t('approvals.columns.org'), children: a.orgName },
              { key: 'maker', label: t('approvals.columns.maker'), children: a.makerName },
              {
                key: 'created',
                label: t('approvals.columns.createdAt'),
                children: formatDateTime(a.createdAt),
              },
              {
                key: 'decided',
                label: t('approvals.columns.decidedAt'),
                children: formatDateTime(a.decidedAt),
              },
            ]}
          />
          <Divider titlePlacement="start">{t('approvals.detail.steps')}</Divider>
          <Steps
            size="small"
            current={current}
            items={a.steps.map((s, i) => ({
              title: t('approvals.detail.stepN', { n: i + 1 }),
              status: stepStatus(a, i, current),
              content: (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {s.roleCode} · {s.orgLevel}
                </Typography.Text>
              ),
            }))}
          />
          <Divider titlePlacement="start">{t('approvals.detail.payload')}</Divider>
          <PayloadSummary payload={a.payload} />
          <Divider titlePlacement="start">{t('approvals.detail.history')}</Divider>
          <Timeline
            data-testid="approval-history"
            items={a.history.map((h, i) => ({
              key: `${h.at}-${i}`,
              color: h.action === 'reject' ? 'red' : h.action === 'approve' ? 'green' : 'blue',
              title: formatDateTime(h.at),
              content: (
                <>
                  <Typography.Text strong>{h.actorName}</Typography.Text>{' '}
                  {t(`approvals.actions.${h.action}`, { defaultValue: h.action })}
                  {h.step !== null && (
                    <Typography.Text type="secondary">
                      {' '}
                      ({t('approvals.detail.stepN', { n: stepNumber(a, h.step) })})
                    </Typography.Text>
                  )}
                  {h.comment && <div style={{ color: 'rgba(0,0,0,0.65)' }}>“{h.comment}”</div>}
                </>
              ),
            }))}
          />
          {a.canDecide && (
            <>
              <Divider titlePlacement="start">{t('approvals.detail.decide')}</Divider>
              <Input.TextArea
                rows={3}
                maxLength={1000}
                value={comment}
                onChange={(e) => setComment(e.target.value)}
                placeholder={t('approvals.detail.commentPlaceholder')}
                data-testid="approval-comment"
              />
              <Space style={{ marginTop: 12 }}>
                <Button
                  type="primary"
                  icon={<CheckOutlined />}
                  loading={decide.isPending}
                  onClick={() => submit('approve')}
                  data-testid="approval-approve"
                >
                  {t('approvals.actions.approve')}
                </Button>
                <Button
                  danger
                  icon={<CloseOutlined />}
                  loading={decide.isPending}
                  onClick={() => submit('reject')}
                  data-testid="approval-reject"
                >
                  {t('approvals.actions.reject')}
                </Button>
                <Button
                  icon={<RollbackOutlined />}
                  loading={decide.isPending}
                  onClick={() => submit('return')}
                  data-testid="approval-return"
                >
                  {t('approvals.actions.return')}
                </Button>
              </Space>
            </>
          )}
        </>
      )}
    </Drawer>
  );
}
