import { CheckOutlined, SendOutlined, ShopOutlined } from '@ant-design/icons';
import { Button, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useAccess } from '../../../app/access';
import { canFinishHere, type WorkOrderListItem } from '../model';

/**
 * The actions on an open work order: 派单 for dispatchers, 完成 for engineers (an installation is completed
 * on its merchant's page, where the unit is bound and its key injected).
 */
export function WorkOrderActions({
  order: w,
  onAssign,
  onFinish,
}: {
  order: WorkOrderListItem;
  onAssign: (w: WorkOrderListItem) => void;
  onFinish: (w: WorkOrderListItem) => void;
}) {
  const { t } = useTranslation();
  const access = useAccess();
  if (w.status !== 'open') return null;
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
      {access.can('workOrder.complete') &&
        (canFinishHere(w) ? (
          <Button
            size="small"
            type="link"
            icon={<CheckOutlined />}
            onClick={() => onFinish(w)}
            data-testid={`wo-finish-${w.no}`}
          >
            {t('workorders.actions.finish')}
          </Button>
        ) : (
          <Link to={`/merchants/${w.merchantId}`} data-testid={`wo-install-${w.no}`}>
            <Button size="small" type="link" icon={<ShopOutlined />}>
              {t('workorders.actions.installOnMerchant')}
            </Button>
          </Link>
        ))}
    </Space>
  );
}
