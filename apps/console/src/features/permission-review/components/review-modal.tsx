import { App, Form, Input, Modal, Radio } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { RecordReviewBody, ReviewItem } from '../../../api/types';
import { useErrorReporter } from '../../../app/errors';
import { useRecordReview } from '../api';

export function ReviewModal({ item, onClose }: { item: ReviewItem | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const report = useErrorReporter();
  const [form] = Form.useForm<RecordReviewBody>();
  const record = useRecordReview();

  useEffect(() => {
    if (item) form.setFieldsValue({ outcome: 'confirmed', comment: '' });
  }, [item, form]);

  const onOk = async () => {
    if (!item) return;
    const v = await form.validateFields();
    try {
      await record.mutateAsync({
        userId: item.userId,
        body: { outcome: v.outcome, comment: v.comment?.trim() || undefined },
      });
      message.success(t('review.recorded'));
      onClose();
    } catch (error) {
      report(error, form);
    }
  };

  return (
    <Modal
      open={item !== null}
      title={item ? t('review.reviewTitle', { name: `${item.displayName} (${item.username})` }) : ''}
      onOk={onOk}
      onCancel={onClose}
      confirmLoading={record.isPending}
      okButtonProps={{ 'data-testid': 'review-submit' }}
      forceRender
    >
      <Form form={form} layout="vertical" data-testid="review-form">
        <Form.Item name="outcome" label={t('review.outcome')} rules={[{ required: true }]}>
          <Radio.Group
            options={[
              { value: 'confirmed', label: t('review.confirmed') },
              { value: 'changes_requested', label: t('review.changesRequested') },
            ]}
          />
        </Form.Item>
        <Form.Item
          name="comment"
          label={t('common.comment')}
          dependencies={['outcome']}
          rules={[
            { max: 500 },
            ({ getFieldValue }) => ({
              required: getFieldValue('outcome') === 'changes_requested',
              message: t('review.commentPlaceholder'),
            }),
          ]}
        >
          <Input.TextArea rows={3} maxLength={500} placeholder={t('review.commentPlaceholder')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
