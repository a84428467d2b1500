import { Button, Drawer, Form, Input, Rate, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorReporter } from '../../../app/errors';
import { useSaveSupplier } from '../api';
import type { Supplier, SupplierInput } from '../model';

interface Props {
  /** The supplier to edit, `'new'` to create one, null when closed. */
  editing: Supplier | 'new' | null;
  onClose: () => void;
  onSaved: (supplier: Supplier) => void;
}

/** 新增/编辑供应商: name, qualifications, contact and a 1–5 rating. */
export function SupplierFormDrawer({ editing, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  const report = useErrorReporter();
  const save = useSaveSupplier();
  const [form] = Form.useForm<SupplierInput>();
  const [shown, setShown] = useState(editing);
  if (editing && editing !== shown) setShown(editing);
  const existing = shown && shown !== 'new' ? shown : null;

  const onFinish = async (values: SupplierInput) => {
    try {
      const saved = await save.mutateAsync({
        id: existing?.id ?? null,
        body: {
          name: values.name.trim(),
          qualification: values.qualification.trim(),
          contactName: values.contactName.trim(),
          contactPhone: values.contactPhone.trim(),
          rating: values.rating,
        },
      });
      onSaved(saved);
    } catch (error) {
      report(error, form);
    }
  };

  return (
    <Drawer
      open={editing !== null}
      onClose={onClose}
      size={520}
      destroyOnHidden
      title={
        existing
          ? t('terminals.suppliers.editTitle', { name: existing.name })
          : t('terminals.suppliers.createTitle')
      }
      extra={
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button
            type="primary"
            loading={save.isPending}
            onClick={() => form.submit()}
            data-testid="supplier-save"
          >
            {t('common.save')}
          </Button>
        </Space>
      }
      data-testid="supplier-drawer"
    >
      <Form<SupplierInput>
        form={form}
        layout="vertical"
        onFinish={onFinish}
        preserve={false}
        initialValues={
          existing
            ? {
                name: existing.name,
                qualification: existing.qualification,
                contactName: existing.contactName,
                contactPhone: existing.contactPhone,
                rating: existing.rating,
              }
            : { rating: 3 }
        }
      >
        <Form.Item
          name="name"
          label={t('terminals.suppliers.name')}
          rules={[{ required: true, whitespace: true, min: 2, max: 100 }]}
        >
          <Input maxLength={100} data-testid="supplier-name" />
        </Form.Item>
        <Form.Item
          name="qualification"
          label={t('terminals.suppliers.qualification')}
          extra={t('terminals.suppliers.qualificationHint')}
          rules={[{ required: true, whitespace: true, min: 2, max: 500 }]}
        >
          <Input.TextArea rows={3} maxLength={500} showCount data-testid="supplier-qualification" />
        </Form.Item>
        <Form.Item
          name="contactName"
          label={t('terminals.suppliers.contactName')}
          rules={[{ required: true, whitespace: true, min: 2, max: 50 }]}
        >
          <Input maxLength={50} data-testid="supplier-contact-name" />
        </Form.Item>
        <Form.Item
          name="contactPhone"
          label={t('terminals.suppliers.contactPhone')}
          rules={[{ required: true, whitespace: true, min: 5, max: 20 }]}
        >
          <Input maxLength={20} inputMode="tel" style={{ width: 240 }} data-testid="supplier-contact-phone" />
        </Form.Item>
        <Form.Item
          name="rating"
          label={t('terminals.suppliers.rating')}
          rules={[{ required: true, type: 'number', min: 1, max: 5 }]}
        >
          <Rate allowClear={false} data-testid="supplier-rating" />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
