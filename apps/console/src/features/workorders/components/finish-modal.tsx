import { Form, Input, Modal, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { GpsFields } from '../../../app/components/gps-fields';
import { useErrorReporter } from '../../../app/errors';
import { useFinishWorkOrder } from '../api';
import { RESULT_MAX_CHARS, RESULT_MIN_CHARS, type WorkOrderListItem } from '../model';

interface FinishValues {
  result: string;
  latitude?: number | null;
  longitude?: number | null;
}

/** How long to wait for the device's position before giving up. */
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
  const report = useErrorReporter();
  const [form] = Form.useForm<FinishValues>();
  const finish = useFinishWorkOrder();
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
        <GpsFields
          form={form}
          label={t('workorders.finish.location')}
          hint={t('workorders.finish.locationHint')}
          testIdPrefix="wo-finish"
        />
      </Form>
    </Modal>
  );
}
