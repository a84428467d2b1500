import { LockOutlined, SafetyOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Form, Input, Typography } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../api/client';
import type { LoginBody } from '../../../api/types';
import { LanguageSwitch } from '../../../app/components/language-switch';
import { errorText, useErrorReporter } from '../../../app/errors';
import { currentLocale } from '../../../app/i18n';
import { useSession } from '../../../app/session';
import { login, saveLocale } from '../api';

interface LoginForm {
  username: string;
  password: string;
  totp?: string;
}

export function LoginPage() {
  const { t } = useTranslation();
  const [form] = Form.useForm<LoginForm>();
  const { setSession } = useSession();
  const report = useErrorReporter();
  const [needTotp, setNeedTotp] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  // A language picked here wins over the one saved for the user.
  const localeChosen = useRef(false);

  const onFinish = async (values: LoginForm) => {
    setBusy(true);
    setFailure(null);
    const body: LoginBody = { username: values.username.trim(), password: values.password };
    if (needTotp && values.totp) body.totp = values.totp;
    try {
      const session = await login(body);
      if (localeChosen.current && session.user.locale !== currentLocale()) {
        const locale = currentLocale();
        setSession({ ...session, user: { ...session.user, locale } });
        void saveLocale(locale).catch(() => undefined);
      } else {
        setSession(session);
      }
    } catch (error) {
      if (error instanceof ApiError && error.code === 'TOTP_REQUIRED') {
        if (needTotp && values.totp) form.setFields([{ name: 'totp', errors: [errorText(t, error)] }]);
        setNeedTotp(true);
      } else if (error instanceof ApiError && error.code === 'TOTP_INVALID') {
        setNeedTotp(true);
        form.setFields([{ name: 'totp', errors: [errorText(t, error)], value: '' }]);
      } else if (
        error instanceof ApiError &&
        (error.code === 'INVALID_CREDENTIALS' || error.code === 'RATE_LIMITED')
      ) {
        setFailure(errorText(t, error));
      } else {
        report(error, form);
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <Flex
      vertical
      align="center"
      justify="center"
      style={{ minHeight: '100vh', background: 'linear-gradient(180deg, #e6f4ff 0%, #f5f5f5 60%)' }}
    >
      <div style={{ position: 'absolute', top: 16, right: 24 }}>
        <LanguageSwitch
          type="default"
          onSwitched={() => {
            localeChosen.current = true;
          }}
        />
      </div>
      <Card style={{ width: 380, boxShadow: '0 6px 24px rgba(0,0,0,0.08)' }}>
        <Typography.Title level={3} style={{ marginTop: 0, marginBottom: 4, textAlign: 'center' }}>
          {t('common.appName')}
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ textAlign: 'center' }}>
          {t('auth.login.subtitle')}
        </Typography.Paragraph>
        {failure && (
          <Alert
            type="error"
            showIcon
            title={failure}
            style={{ marginBottom: 16 }}
            data-testid="login-error"
          />
        )}
        <Form<LoginForm>
          form={form}
          layout="vertical"
          onFinish={onFinish}
          requiredMark={false}
          data-testid="login-form"
        >
          <Form.Item
            name="username"
            label={t('auth.login.username')}
            rules={[
              { required: true, message: t('auth.login.required', { field: t('auth.login.username') }) },
            ]}
          >
            <Input prefix={<UserOutlined />} autoComplete="username" autoFocus data-testid="login-username" />
          </Form.Item>
          <Form.Item
            name="password"
            label={t('auth.login.password')}
            rules={[
              { required: true, message: t('auth.login.required', { field: t('auth.login.password') }) },
            ]}
          >
            <Input.Password
              prefix={<LockOutlined />}
              autoComplete="current-password"
              data-testid="login-password"
            />
          </Form.Item>
          {needTotp && (
            <Form.Item
              name="totp"
              label={t('auth.login.totp')}
              extra={t('auth.login.totpHint')}
              rules={[
                { required: true, message: t('auth.login.totpFormat') },
                { pattern: /^\d{6}$/, message: t('auth.login.totpFormat') },
              ]}
            >
              <Input
                prefix={<SafetyOutlined />}
                inputMode="numeric"
                autoComplete="one-time-code"
                maxLength={6}
                autoFocus
                data-testid="login-totp"
              />
            </Form.Item>
          )}
          <Button type="primary" htmlType="submit" block loading={busy} data-testid="login-submit">
            {t('auth.login.submit')}
          </Button>
        </Form>
      </Card>
    </Flex>
  );
}
