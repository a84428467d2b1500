import { CheckOutlined } from '@ant-design/icons';
import { App, Button, Form, Input, Tag, Typography } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { DocumentMeta } from '../../../api/types';
import { GpsFields } from '../../../app/components/gps-fields';
import { uploadDocument, useDeleteDocument } from '../../../app/documents';
import { useErrorReporter } from '../../../app/errors';
import { useFinishWorkOrder } from '../api';
import {
  RESULT_MAX_CHARS,
  RESULT_MIN_CHARS,
  SIGNATURE,
  SIGNER_MAX_CHARS,
  type SiteFormValues,
  siteFormField,
  siteReportInput,
  TAP_HEIGHT_PX,
  WORK_ORDER_OWNER,
  type WorkOrderDetail,
} from '../model';
import { dataUrlToBlob, SignaturePadField } from './signature-pad-field';
import { SiteChecklist } from './site-checklist';
import { SitePhotos } from './site-photos';
import { SiteSection } from './site-section';
import { SiteTestFields } from './site-test-fields';

/**
 * 现场记录与签收: the checklist, photos, position, test transaction, the merchant's signature and the
 * result, in the order the work is done. Submitting uploads the signature (once per drawing), then closes
 * the work order; a refusal stays on the form, each reason beside the field it names.
 */
export function SiteForm({ order, photos }: { order: WorkOrderDetail; photos: DocumentMeta[] }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const report = useErrorReporter();
  const [form] = Form.useForm<SiteFormValues>();
  const finish = useFinishWorkOrder();
  const removeDocument = useDeleteDocument();
  const [submitting, setSubmitting] = useState(false);
  // The signature uploaded for the drawing now on the pad: a second submit does not upload it again.
  const signature = useRef<{ dataUrl: string; id: string } | null>(null);
  const r = order.requirements;

  const scrollToError = () => {
    const first = form.getFieldsError().find((f) => f.errors.length > 0);
    if (first) form.scrollToField(first.name, { block: 'center', behavior: 'smooth' });
  };

  const signatureId = async (dataUrl: string): Promise<string> => {
    if (signature.current?.dataUrl === dataUrl) return signature.current.id;
    const previous = signature.current?.id;
    const meta = await uploadDocument(
      { type: WORK_ORDER_OWNER, id: order.id },
      SIGNATURE,
      dataUrlToBlob(dataUrl),
      `signature-${order.no}.png`,
    );
    signature.current = { dataUrl, id: meta.id };
    // The signature drawn before is no longer the one signed: it goes (best effort).
    if (previous) removeDocument.mutate(previous, { onError: () => undefined });
    return meta.id;
  };

  const onFinish = async (values: SiteFormValues) => {
    setSubmitting(true);
    try {
      const id = await signatureId(values.signOff.signature ?? '');
      const merchant = await finish.mutateAsync({ id: order.id, ...siteReportInput(r, values, id) });
      const live = order.kind === 'install' && merchant.status === 'active';
      message.success(t(live ? 'workorders.site.doneActive' : 'workorders.site.done', { no: order.no }));
      navigate('/work-orders/mine');
    } catch (error) {
      report(error, form, { mapField: siteFormField });
      scrollToError();
    } finally {
      setSubmitting(false);
    }
  };

  const need = (text: string) => <Tag color="red">{text}</Tag>;
  return (
    <Form<SiteFormValues>
      form={form}
      layout="vertical"
      initialValues={{ photos, testTransaction: { approved: true } }}
      onFinish={onFinish}
      onFinishFailed={() => {
        message.warning(t('workorders.site.fixErrors'));
        scrollToError();
      }}
      requiredMark={false}
      data-testid="site-form"
    >
      <SiteSection title={t('workorders.site.checklist.title')}>
        <SiteChecklist checklist={r.checklist} />
      </SiteSection>
      <SiteSection
        title={t('workorders.site.photos.title')}
        extra={r.minPhotos > 0 && need(`≥ ${r.minPhotos}`)}
        testId="site-photos"
      >
        <Form.Item
          name="photos"
          style={{ marginBottom: 0 }}
          rules={[
            {
              validator: (_, value: DocumentMeta[] | undefined) =>
                (value?.length ?? 0) >= r.minPhotos
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('workorders.site.photos.tooFew', { min: r.minPhotos }))),
            },
          ]}
        >
          <SitePhotos workOrderId={order.id} minPhotos={r.minPhotos} />
        </Form.Item>
      </SiteSection>
      <SiteSection title={t('workorders.site.location.title')}>
        <GpsFields
          form={form}
          label={t('workorders.site.location.label')}
          hint={t('workorders.site.location.hint')}
          testIdPrefix="site"
        />
      </SiteSection>
      <SiteSection
        title={t('workorders.site.test.title')}
        extra={
          r.testTransaction ? (
            need(t('workorders.site.test.required'))
          ) : (
            <Tag>{t('workorders.site.test.optional')}</Tag>
          )
        }
        testId="site-test"
      >
        <SiteTestFields required={r.testTransaction} />
      </SiteSection>
      <SiteSection title={t('workorders.site.signOff.title')} testId="site-sign-off">
        <Form.Item
          name={['signOff', 'signerName']}
          label={t('workorders.site.signOff.signer')}
          rules={[{ required: true, whitespace: true, message: t('workorders.site.signOff.signerRequired') }]}
        >
          <Input
            size="large"
            maxLength={SIGNER_MAX_CHARS}
            autoComplete="off"
            placeholder={t('workorders.site.signOff.signerPlaceholder')}
            data-testid="site-signer"
          />
        </Form.Item>
        <Form.Item
          name={['signOff', 'signature']}
          label={t('workorders.site.signOff.signature')}
          style={{ marginBottom: 0 }}
          rules={[{ required: true, message: t('workorders.site.signOff.signatureRequired') }]}
        >
          <SignaturePadField />
        </Form.Item>
      </SiteSection>
      <SiteSection title={t('workorders.site.result.title')}>
        <Form.Item
          name="result"
          style={{ marginBottom: 16 }}
          rules={[
            {
              validator: (_, value: string | undefined) =>
                (value?.trim().length ?? 0) >= RESULT_MIN_CHARS
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('workorders.site.result.required', { n: RESULT_MIN_CHARS }))),
            },
          ]}
        >
          <Input.TextArea
            rows={3}
            maxLength={RESULT_MAX_CHARS}
            showCount
            placeholder={t('workorders.site.result.placeholder')}
            data-testid="site-result"
          />
        </Form.Item>
      </SiteSection>
      <Typography.Paragraph type="secondary">
        {t(`workorders.site.effects.${order.kind}`)}
      </Typography.Paragraph>
      <Button
        type="primary"
        htmlType="submit"
        block
        size="large"
        icon={<CheckOutlined />}
        loading={submitting}
        style={{ height: TAP_HEIGHT_PX, marginBottom: 24 }}
        data-testid="site-submit"
      >
        {t('workorders.site.submit')}
      </Button>
    </Form>
  );
}
