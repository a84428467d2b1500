import { App, Button, Form, Input, Modal, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MerchantDetail, MerchantStatusEvent } from '../../../api/types';
import { useAccess } from '../../../app/access';
import { useErrorReporter } from '../../../app/errors';
import { useChangeMerchantStatus } from '../api';

/** 停机 / 复机 / 冻结结算 / 解冻 / 注销: the moves the server allows now, each with a reason. */
export function MerchantStatusActions({ merchant }: { merchant: MerchantDetail }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const access = useAccess();
  const report = useErrorReporter();
  const change = useChangeMerchantStatus();
  const [event, setEvent] = useState<MerchantStatusEvent | null>(null);
  const [form] = Form.useForm<{ reason: string }>();
  if (!access.can('merchant.manageStatus') || merchant.allowedEvents.length === 0) return null;
  const submit = async ({ reason }: { reason: string }) => {
    if (!event) return;
    try {
      await change.mutateAsync({ id: merchant.id, event, reason });
      message.success(t(`merchants.merchant.statusEvents.${event}`));
      setEvent(null);
      form.resetFields();
    } catch (error) {
      report(error, form);
    }
  };
  return (
    <>
      <Space wrap>
        {merchant.allowedEvents.map((e) => (
          <Button
            key={e}
            danger={e === 'close' || e === 'suspend'}
            onClick={() => setEvent(e)}
            data-testid={`merchant-event-${e}`}
          >
            {t(`merchants.merchant.statusEvents.${e}`)}
          </Button>
        ))}
      </Space>
      <Modal
        open={event !== null}
        title={event ? t(`merchants.merchant.statusEvents.${event}`) : ''}
        okButtonProps={{
          loading: change.isPending,
          ...({ 'data-testid': 'merchant-event-confirm' } as Record<`data-${string}`, string>),
        }}
        onOk={() => form.submit()}
        onCancel={() => setEvent(null)}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={submit}>
          <Form.Item
            name="reason"
            label={t('merchants.merchant.statusReason')}
            rules={[{ required: true, min: 2, message: t('merchants.merchant.statusReasonRequired') }]}
          >
            <Input.TextArea rows={3} maxLength={500} data-testid="merchant-event-reason" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
