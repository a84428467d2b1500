import { AimOutlined } from '@ant-design/icons';
import { App, Button, Form, Input, InputNumber, Modal, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorReporter } from '../../../app/errors';
import { useFinishWorkOrder } from '../api';
import { RESULT_MAX_CHARS, RESULT_MIN_CHARS, type WorkOrderListItem } from '../model';

interface FinishValues {
  result: string;
  latitude?: number | null;
  longitude?: number | null;
}

/** How long to wait for the device's position before giving up. */
const LOCATE_TIMEOUT_MS = 15_000;

/**
 * 完成 (inspection, repair, relocation, retrieval): the result in words and, optionally, where the
 * engineer stands. A relocation moves the unit's binding to the merchant's address; a retrieval brings
 * the unit back to stock.
 */
export function FinishModal({
  order,
  onClose,
  onDone,
}: {
  order: WorkOrderListItem | null;
  onClose: () => void;
  onDone: (order: WorkOrderListItem) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const report = useErrorReporter();
  const [form] = Form.useForm<FinishValues>();
  const finish = useFinishWorkOrder();
  const [locating, setLocating] = useState(false);

  const locate = () => {
    if (!('geolocation' in navigator)) {
      message.warning(t('workorders.finish.locateFailed', { reason: 'geolocation' }));
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
        message.warning(t('workorders.finish.locateFailed', { reason: error.message }));
      },
      { enableHighAccuracy: true, timeout: LOCATE_TIMEOUT_MS },
    );
  };

  const onOk = async () => {
    if (!order) return;
    // An invalid form shows its own errors beside the fields.
    const values = await form.validateFields().catch(() => null);
    if (!values) return;
    const { result, latitude, longitude } = values;
    const located = typeof latitude === 'number' && typeof longitude === 'number';
    try {
      await finish.mutateAsync({
        id: order.id,
        result: result.trim(),
        ...(located ? { latitude, longitude } : {}),
      });
      onClose();
      onDone(order);
    } catch (error) {
      report(error, form);
    }
  };

  /** Both coordinates or neither: the one left empty says so. */
  const pairRule = (other: 'latitude' | 'longitude') => ({
    validator: (_: unknown, value: number | null | undefined) =>
      typeof value === 'number' || typeof form.getFieldValue(other) !== 'number'
        ? Promise.resolve()
        : Promise.reject(new Error(t('workorders.finish.pairRequired'))),
  });

  return (
    <Modal
      open={order !== null}
      title={order ? t('workorders.finish.title', { no: order.no }) : ''}
      onCancel={onClose}
      onOk={onOk}
      okText={t('workorders.finish.submit')}
      confirmLoading={finish.isPending}
      okButtonProps={{ 'data-testid': 'wo-finish-submit' }}
      destroyOnHidden
    >
      {order && (
        <Typography.Paragraph type="secondary">
          {t(`workorders.finish.effects.${order.kind}`, { defaultValue: '' })}
        </Typography.Paragraph>
      )}
      <Form form={form} layout="vertical" preserve={false}>
        <Form.Item
          name="result"
          label={t('workorders.finish.result')}
          rules={[
            {
              validator: (_, value: string | undefined) =>
                (value?.trim().length ?? 0) >= RESULT_MIN_CHARS
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('workorders.finish.resultRequired', { n: RESULT_MIN_CHARS }))),
            },
          ]}
        >
          <Input.TextArea
            autoFocus
            rows={4}
            maxLength={RESULT_MAX_CHARS}
            showCount
            placeholder={t('workorders.finish.resultPlaceholder')}
            data-testid="wo-finish-result"
          />
        </Form.Item>
        <Form.Item label={t('workorders.finish.location')} extra={t('workorders.finish.locationHint')}>
          <Space wrap align="start">
            <Form.Item name="latitude" noStyle dependencies={['longitude']} rules={[pairRule('longitude')]}>
              <InputNumber
                min={-90}
                max={90}
                precision={6}
                placeholder={t('workorders.finish.latitude')}
                style={{ width: 150 }}
                data-testid="wo-finish-latitude"
              />
            </Form.Item>
            <Form.Item name="longitude" noStyle dependencies={['latitude']} rules={[pairRule('latitude')]}>
              <InputNumber
                min={-180}
                max={180}
                precision={6}
                placeholder={t('workorders.finish.longitude')}
                style={{ width: 150 }}
                data-testid="wo-finish-longitude"
              />
            </Form.Item>
            <Button icon={<AimOutlined />} loading={locating} onClick={locate} data-testid="wo-finish-locate">
              {locating ? t('workorders.finish.locating') : t('workorders.finish.locate')}
            </Button>
          </Space>
        </Form.Item>
      </Form>
    </Modal>
  );
}
