import { FileDoneOutlined, KeyOutlined, SendOutlined, ToolOutlined } from '@ant-design/icons';
import { Button, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useAccess } from '../../../app/access';
import { siteStep, type WorkOrderListItem } from '../model';

/**
 * The actions on a work order: 派单 for dispatchers and, for engineers, its site page (现场作业: binding an
 * installation's unit, the checks and the sign-off); a completed one opens its site report.
 */
export function WorkOrderActions({
  order: w,
  onAssign,
}: {
  order: WorkOrderListItem;
  onAssign: (w: WorkOrderListItem) => void;
}) {
  const { t } = useTranslation();
  const access = useAccess();
  if (w.status === 'completed') {
    return (
      <Link to={`/work-orders/${w.id}`} data-testid={`wo-report-${w.no}`}>
        <Button size="small" type="link" icon={<FileDoneOutlined />}>
          {t('workorders.actions.report')}
        </Button>
      </Link>
    );
  }
  const step = siteStep(w);
  if (!step) return null;
  return (
    <Space size={0} wrap>
      {access.can('workOrder.assign') && (
        <Button
          size="small"
          type="link"
          icon={<SendOutlined />}
          onClick={() => onAssign(w)}
          data-testid={`wo-assign-${w.no}`}
        >
          {w.assignee ? t('workorders.actions.reassign') : t('workorders.actions.assign')}
        </Button>
      )}
      {access.can('workOrder.complete') && (
        <Link to={`/work-orders/${w.id}`} data-testid={`wo-site-${w.no}`}>
          <Button size="small" type="link" icon={step === 'bind' ? <KeyOutlined /> : <ToolOutlined />}>
            {step === 'bind' ? t('workorders.actions.bind') : t('workorders.actions.onSite')}
          </Button>
        </Link>
      )}
    </Space>
  );
}
