import { AimOutlined } from '@ant-design/icons';
import { App, Button, Form, type FormInstance, InputNumber, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

const LOCATE_TIMEOUT_MS = 15_000;

/** Latitude and longitude in a form (both or neither), filled from the device's position on request. */
export function GpsFields({
  form,
  label,
  hint,
  testIdPrefix,
}: {
  form: FormInstance;
  label: string;
  hint: string;
  testIdPrefix: string;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [locating, setLocating] = useState(false);

  const locate = () => {
    if (!('geolocation' in navigator)) {
      message.warning(t('common.gps.locateFailed', { reason: 'geolocation' }));
      return;
    }
    setLocating(true);
    navigator.geolocation.getCurrentPosition(
      (position) => {
        setLocating(false);
        form.setFieldsValue({
          latitude: Number(position.coords.latitude.toFixed(6)),
          longitude: Number(position.coords.longitude.toFixed(6)),
        });
        void form.validateFields(['latitude', 'longitude']);
      },
      (error) => {
        setLocating(false);
        message.warning(t('common.gps.locateFailed', { reason: error.message }));
      },
      { enableHighAccuracy: true, timeout: LOCATE_TIMEOUT_MS },
    );
  };

  /** Both coordinates or neither: the one left empty says so. */
  const pairRule = (other: 'latitude' | 'longitude') => ({
    validator: (_: unknown, value: number | null | undefined) =>
      typeof value === 'number' || typeof form.getFieldValue(other) !== 'number'
        ? Promise.resolve()
        : Promise.reject(new Error(t('common.gps.pairRequired'))),
  });

  return (
    <Form.Item label={label} extra={hint}>
      <Space wrap align="start">
        <Form.Item name="latitude" noStyle dependencies={['longitude']} rules={[pairRule('longitude')]}>
          <InputNumber
            min={-90}
            max={90}
            precision={6}
            placeholder={t('common.gps.latitude')}
            style={{ width: 150 }}
            data-testid={`${testIdPrefix}-latitude`}
          />
        </Form.Item>
        <Form.Item name="longitude" noStyle dependencies={['latitude']} rules={[pairRule('latitude')]}>
          <InputNumber
            min={-180}
            max={180}
            precision={6}
            placeholder={t('common.gps.longitude')}
            style={{ width: 150 }}
            data-testid={`${testIdPrefix}-longitude`}
          />
        </Form.Item>
        <Button
          icon={<AimOutlined />}
          loading={locating}
          onClick={locate}
          data-testid={`${testIdPrefix}-locate`}
        >
          {locating ? t('common.gps.locating') : t('common.gps.locate')}
        </Button>
      </Space>
    </Form.Item>
  );
}
