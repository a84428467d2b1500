import { Alert, App, Button, Card, Form, Input, Result, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { TotpSetup } from '../../../api/types';
import { PageHeader } from '../../../app/components/page-header';
import { useErrorReporter } from '../../../app/errors';
import { useCurrentUser, useSession } from '../../../app/session';
import { enableTotp, setupTotp } from '../api';

export function TotpSetupPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const user = useCurrentUser();
  const { refresh, setSession } = useSession();
  const navigate = useNavigate();
  const report = useErrorReporter();
  const [form] = Form.useForm<{ code: string }>();
  const [setup, setSetup] = useState<TotpSetup | null>(null);
  const [busy, setBusy] = useState(false);
  const forced = user.totpRequired && !user.totpEnabled;

  const start = async () => {
    setBusy(true);
    try {
      setSetup(await setupTotp());
    } catch (error) {
      report(error);
    } finally {
      setBusy(false);
    }
  };

  const enable = async ({ code }: { code: string }) => {
    setBusy(true);
    try {
      const session = await enableTotp(code);
      message.success(t('auth.totp.done'));
      if (session?.user) setSession(session);
      else await refresh();
      navigate('/', { replace: true });
    } catch (error) {
      if (error instanceof Error && 'code' in error && error.code === 'TOTP_INVALID') {
        form.setFields([{ name: 'code', errors: [t('errors.TOTP_INVALID')], value: '' }]);
      } else {
        report(error, form);
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <PageHeader title={t('auth.totp.title')} />
      <Card style={{ maxWidth: 640 }}>
        {user.totpEnabled && !setup ? (
          <Result status="success" title={t('auth.totp.enabled')} />
        ) : (
          <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
            {forced && (
              <Alert type="warning" showIcon title={t('auth.totp.forced')} data-testid="totp-forced" />
            )}
            <Typography.Paragraph style={{ margin: 0 }}>{t('auth.totp.intro')}</Typography.Paragraph>
            {!setup ? (
              <Button type="primary" loading={busy} onClick={start} data-testid="totp-start">
                {t('auth.totp.start')}
              </Button>
            ) : (
              <>
                <div>
                  <Typography.Text type="secondary">{t('auth.totp.secret')}</Typography.Text>
                  <Typography.Paragraph
                    copyable
                    code
                    style={{ fontSize: 16, letterSpacing: 1 }}
                    data-testid="totp-secret"
                  >
                    {setup.secret}
                  </Typography.Paragraph>
                </div>
                <div>
                  <Typography.Text type="secondary">{t('auth.totp.url')}</Typography.Text>
                  <Typography.Paragraph
                    copyable
                    code
                    style={{ wordBreak: 'break-all' }}
                    data-testid="totp-url"
                  >
                    {setup.otpauthUrl}
                  </Typography.Paragraph>
                </div>
                <Form form={form} layout="inline" onFinish={enable} data-testid="totp-form">
                  <Form.Item
                    name="code"
                    label={t('auth.totp.code')}
                    rules={[{ required: true, pattern: /^\d{6}$/, message: t('auth.totp.codeHint') }]}
                  >
                    <Input
                      maxLength={6}
                      inputMode="numeric"
                      autoComplete="one-time-code"
                      style={{ width: 140 }}
                      data-testid="totp-code"
                    />
                  </Form.Item>
                  <Button type="primary" htmlType="submit" loading={busy} data-testid="totp-enable">
                    {t('auth.totp.enable')}
                  </Button>
                </Form>
              </>
            )}
          </Space>
        )}
      </Card>
    </>
  );
}
