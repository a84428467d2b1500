import { Button, Flex, Result, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useAccess } from '../../../app/access';
import { changeKindLabel } from '../change-labels';
import type { MerchantChangeRequest } from '../model';
import { ChangeComparison, ChangeFindings } from './change-comparison';

/** After submission: the request's number, when it takes effect, what changes and what the approvers will see. */
export function ChangeSubmitted({
  change,
  resubmitted,
  onClose,
}: {
  change: MerchantChangeRequest;
  resubmitted: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const access = useAccess();
  return (
    <Flex vertical gap={16} data-testid="change-submitted" data-no={change.no} data-status={change.status}>
      <Result
        status="success"
        style={{ padding: '16px 0' }}
        title={t(
          resubmitted ? 'merchants.changes.submitted.resubmitted' : 'merchants.changes.submitted.title',
          {
            no: change.no,
          },
        )}
        subTitle={`${changeKindLabel(t, change.kind)} · ${t('merchants.changes.submitted.subTitle', {
          date: change.effectiveDate,
        })}`}
        extra={
          <Space>
            <Button type="primary" onClick={onClose} data-testid="change-submitted-close">
              {t('merchants.changes.submitted.close')}
            </Button>
            {change.approvalId && access.can('approval.read') && (
              <Link to={`/approvals?box=all&id=${change.approvalId}`}>
                <Button>{t('merchants.changes.actions.viewApproval')}</Button>
              </Link>
            )}
          </Space>
        }
      />
      <ChangeComparison kind={change.kind} before={change.before} after={change.after} />
      {change.findings.length > 0 && (
        <>
          <Typography.Text type="secondary">{t('merchants.changes.submitted.findings')}</Typography.Text>
          <ChangeFindings findings={change.findings} />
        </>
      )}
    </Flex>
  );
}
