import { Alert, Button, Descriptions, Modal, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { GoLiveResult } from '../../../api/types';

/** The go-live result: MID, work orders, and the portal login whose first password is shown only here. */
export function GoLiveModal({ result, onClose }: { result: GoLiveResult | null; onClose: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <Modal
      open={result !== null}
      title={t('merchants.goLive.title')}
      closable={false}
      mask={{ closable: false }}
      keyboard={false}
      onCancel={onClose}
      width={560}
      footer={
        <Space>
          {result && (
            <Button
              onClick={() => {
                onClose();
                navigate(`/merchants/${result.merchantId}`);
              }}
              data-testid="golive-merchant-link"
            >
              {t('merchants.goLive.viewMerchant')}
            </Button>
          )}
          <Button type="primary" onClick={onClose} data-testid="golive-done">
            {t('merchants.goLive.done')}
          </Button>
        </Space>
      }
      data-testid="golive-modal"
    >
      {result && (
        <Space orientation="vertical" size={12} style={{ width: '100%' }}>
          <Descriptions
            size="small"
            column={1}
            bordered
            items={[
              {
                key: 'mid',
                label: t('merchants.goLive.mid'),
                children: (
                  <Typography.Text strong copyable data-testid="golive-mid">
                    {result.mid}
                  </Typography.Text>
                ),
              },
              {
                key: 'workOrders',
                label: t('merchants.goLive.workOrders'),
                children: (
                  <Space size={[4, 4]} wrap data-testid="golive-work-orders">
                    {result.workOrders.map((no) => (
                      <Tag key={no}>{no}</Tag>
                    ))}
                  </Space>
                ),
              },
              {
                key: 'username',
                label: t('merchants.goLive.username'),
                children: (
                  <Typography.Text copyable data-testid="golive-username">
                    {result.portalLogin.username}
                  </Typography.Text>
                ),
              },
            ]}
          />
          <Typography.Text type="secondary">
            {t('merchants.goLive.portalLogin')} · {t('merchants.goLive.initialPassword')}
          </Typography.Text>
          <Typography.Paragraph
            copyable={{
              text: result.portalLogin.initialPassword,
              tooltips: [t('common.copy'), t('common.copied')],
            }}
            code
            style={{ fontSize: 20, letterSpacing: 1, margin: 0 }}
            data-testid="golive-password"
          >
            {result.portalLogin.initialPassword}
          </Typography.Paragraph>
          <Alert type="warning" showIcon title={t('merchants.goLive.passwordOnce')} />
          <Alert type="info" showIcon title={t('merchants.goLive.next')} />
        </Space>
      )}
    </Modal>
  );
}
