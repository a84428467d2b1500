import { KeyOutlined, ScanOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Form, Input, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { GpsFields } from '../../../app/components/gps-fields';
import { useErrorReporter } from '../../../app/errors';
import { useBindInstallation } from '../../merchants/api';
import { useKeyInjectionNotice } from '../../terminals/components/key-injection';
import { workOrderKeys } from '../api';
import { mono, serialPattern, TAP_HEIGHT_PX, type WorkOrderDetail } from '../model';
import { SiteSection } from './site-section';

interface BindValues {
  serialNo: string;
  latitude?: number | null;
  longitude?: number | null;
}

/**
 * 装机绑定与灌密 (installation, step one): the serial number of the unit — a scanner types it and presses
 * Enter — and, optionally, where the engineer stands. The server binds the unit and answers its key, shown
 * once in the key-injection window; then the page moves on to the checks and the sign-off.
 */
export function BindStep({ order }: { order: WorkOrderDetail }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const report = useErrorReporter();
  const queryClient = useQueryClient();
  const showKey = useKeyInjectionNotice();
  const bind = useBindInstallation();
  const [form] = Form.useForm<BindValues>();

  const onFinish = async ({ serialNo, latitude, longitude }: BindValues) => {
    const located = typeof latitude === 'number' && typeof longitude === 'number';
    try {
      const { keyInjection } = await bind.mutateAsync({
        id: order.id,
        serialNo: serialNo.trim(),
        ...(located ? { latitude, longitude } : {}),
      });
      // The key first (it is shown this once); the page shows the next step behind it.
      showKey(keyInjection, () =>
        message.success(t('workorders.site.bind.done', { serial: keyInjection.serialNo })),
      );
      await queryClient.invalidateQueries({ queryKey: workOrderKeys.all });
    } catch (error) {
      report(error, form);
    }
  };

  return (
    <SiteSection
      title={
        <span>
          <KeyOutlined /> {t('workorders.site.bind.title')}
        </span>
      }
      testId="site-bind-step"
    >
      <Typography.Paragraph type="secondary">{t('workorders.site.bind.intro')}</Typography.Paragraph>
      <Form<BindValues> form={form} layout="vertical" onFinish={onFinish} requiredMark={false}>
        <Form.Item
          name="serialNo"
          label={t('workorders.site.bind.serial')}
          extra={order.terminalModel ?? undefined}
          rules={[
            {
              validator: (_, value: string | undefined) =>
                value && serialPattern.test(value.trim())
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('workorders.site.bind.serialInvalid'))),
            },
          ]}
        >
          <Input
            autoFocus
            size="large"
            maxLength={40}
            prefix={<ScanOutlined />}
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
            enterKeyHint="go"
            placeholder={t('workorders.site.bind.serialPlaceholder')}
            style={{ ...mono, height: TAP_HEIGHT_PX }}
            data-testid="site-serial"
          />
        </Form.Item>
        <GpsFields
          form={form}
          label={t('terminals.install.location')}
          hint={t('terminals.install.locationHint')}
          testIdPrefix="site-bind"
        />
        <Button
          type="primary"
          htmlType="submit"
          block
          size="large"
          icon={<KeyOutlined />}
          loading={bind.isPending}
          style={{ height: TAP_HEIGHT_PX }}
          data-testid="site-bind"
        >
          {t('workorders.site.bind.submit')}
        </Button>
      </Form>
    </SiteSection>
  );
}
