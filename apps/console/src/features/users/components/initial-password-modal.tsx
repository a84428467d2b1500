import { Alert, Button, Modal, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

export interface InitialPasswordInfo {
  username: string;
  password: string;
  pendingApprovals: number;
}

/** Shows a generated password exactly once, with a copy button. */
export function InitialPasswordModal({
  info,
  onClose,
}: {
  info: InitialPasswordInfo | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Modal
      open={info !== null}
      title={t('users.initialPassword.title')}
      closable={false}
      mask={{ closable: false }}
      onCancel={onClose}
      footer={
        <Button type="primary" onClick={onClose} data-testid="initial-password-done">
          {t('users.initialPassword.done')}
        </Button>
      }
      data-testid="initial-password-modal"
    >
      {info && (
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Typography.Text>
            {t('users.username')}: <Typography.Text strong>{info.username}</Typography.Text>
          </Typography.Text>
          <Typography.Paragraph
            copyable={{ text: info.password, tooltips: [t('common.copy'), t('common.copied')] }}
            code
            style={{ fontSize: 20, letterSpacing: 1, margin: '8px 0' }}
            data-testid="initial-password"
          >
            {info.password}
          </Typography.Paragraph>
          <Alert type="warning" showIcon title={t('users.initialPassword.note')} />
          {info.pendingApprovals > 0 && (
            <Alert
              type="info"
              showIcon
              title={t('users.initialPassword.pending')}
              data-testid="initial-password-pending"
            />
          )}
        </Space>
      )}
    </Modal>
  );
}
