import { Alert, App, Button, Card, Form, Input } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { PageHeader } from '../../../app/components/page-header';
import { useErrorReporter } from '../../../app/errors';
import { useCurrentUser, useSession } from '../../../app/session';
import { changePassword } from '../api';

interface PasswordForm {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

export function ChangePasswordPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const user = useCurrentUser();
  const { refresh, setSession } = useSession();
  const navigate = useNavigate();
  const report = useErrorReporter();
  const [form] = Form.useForm<PasswordForm>();
  const [busy, setBusy] = useState(false);
  const forced = user.mustChangePassword;

  const onFinish = async (values: PasswordForm) => {
    setBusy(true);
    try {
      const session = await changePassword({
        currentPassword: values.currentPassword,
        newPassword: values.newPassword,
      });
      message.success(t('auth.changePassword.done'));
      form.resetFields();
      if (session?.user) setSession(session);
      else await refresh();
      navigate('/', { replace: true });
    } catch (error) {
      report(error, form);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <PageHeader title={t('auth.changePassword.title')} />
      <Card style={{ maxWidth: 520 }}>
        {forced && (
          <Alert
            type="warning"
            showIcon
            title={t('auth.changePassword.forced')}
            style={{ marginBottom: 16 }}
            data-testid="password-forced"
          />
        )}
        <Form<PasswordForm>
          form={form}
          layout="vertical"
          onFinish={onFinish}
          data-testid="change-password-form"
        >
          <Form.Item
            name="currentPassword"
            label={t('auth.changePassword.current')}
            rules={[{ required: true }]}
          >
            <Input.Password autoComplete="current-password" data-testid="password-current" />
          </Form.Item>
          <Form.Item
            name="newPassword"
            label={t('auth.changePassword.next')}
            extra={t('auth.changePassword.policy')}
            rules={[{ required: true }, { min: 12 }]}
          >
            <Input.Password autoComplete="new-password" data-testid="password-new" />
          </Form.Item>
          <Form.Item
            name="confirm"
            label={t('auth.changePassword.confirm')}
            dependencies={['newPassword']}
            rules={[
              { required: true },
              ({ getFieldValue }) => ({
                validator: (_, value) =>
                  !value || value === getFieldValue('newPassword')
                    ? Promise.resolve()
                    : Promise.reject(new Error(t('auth.changePassword.mismatch'))),
              }),
            ]}
          >
            <Input.Password autoComplete="new-password" data-testid="password-confirm" />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={busy} data-testid="password-submit">
            {t('common.submit')}
          </Button>
        </Form>
      </Card>
    </>
  );
}
