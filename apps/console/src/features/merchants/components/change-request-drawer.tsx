import { SendOutlined } from '@ant-design/icons';
import { Alert, Button, DatePicker, Drawer, Form, Input, Radio, Skeleton, Space, Tooltip } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorReporter } from '../../../app/errors';
import { useMerchant, useRatePlans } from '../api';
import { useMerchantChanges, useRequestChange, useResubmitChange } from '../change-api';
import { type ChangeFormValues, formPath, initialValues, toBody } from '../change-form-model';
import { changeKindLabel } from '../change-labels';
import { addDays, businessToday, earliestEffectiveDate, latestDate } from '../dates';
import {
  CHANGE_DAYS_AHEAD_MAX,
  changeKinds,
  type MerchantChangeKind,
  type MerchantChangeRequest,
  type MerchantProfile,
  openChangeStatuses,
} from '../model';
import { ChangeFields } from './change-fields';
import { ChangeSubmitted } from './change-submitted';

interface Props {
  open: boolean;
  merchantId: string;
  /** The kind to start with (a new request). */
  initialKind?: MerchantChangeKind;
  /** A request returned for correction: the form starts from it and resubmits it. */
  resubmit?: MerchantChangeRequest;
  onClose: () => void;
}

/** 申请变更: kind, the new values, the effective date and the reason → approval. */
export function ChangeRequestDrawer({ open, merchantId, initialKind, resubmit, onClose }: Props) {
  const { t } = useTranslation();
  const merchant = useMerchant(open ? merchantId : undefined);
  const changes = useMerchantChanges(merchantId, open);
  const [done, setDone] = useState<MerchantChangeRequest | null>(null);
  const close = () => {
    setDone(null);
    onClose();
  };
  const title = resubmit
    ? t('merchants.changes.form.resubmitTitle', { no: resubmit.no })
    : t('merchants.changes.form.title', { name: merchant.data?.name ?? '' });
  return (
    <Drawer open={open} onClose={close} size={640} title={title} destroyOnHidden data-testid="change-drawer">
      {done ? (
        <ChangeSubmitted change={done} resubmitted={Boolean(resubmit)} onClose={close} />
      ) : merchant.data && !changes.isPending ? (
        <ChangeForm
          merchant={merchant.data}
          openKinds={
            new Set(
              (changes.data ?? []).filter((c) => openChangeStatuses.includes(c.status)).map((c) => c.kind),
            )
          }
          initialKind={initialKind ?? 'settlement_account'}
          resubmit={resubmit}
          onDone={setDone}
          onCancel={close}
        />
      ) : (
        <Skeleton active />
      )}
    </Drawer>
  );
}

function ChangeForm({
  merchant,
  openKinds: open,
  initialKind,
  resubmit,
  onDone,
  onCancel,
}: {
  merchant: MerchantProfile;
  /** Kinds with a request still open: one of each kind at a time. */
  openKinds: ReadonlySet<MerchantChangeKind>;
  initialKind: MerchantChangeKind;
  resubmit: MerchantChangeRequest | undefined;
  onDone: (change: MerchantChangeRequest) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const report = useErrorReporter();
  const [form] = Form.useForm<ChangeFormValues>();
  const request = useRequestChange();
  const again = useResubmitChange();
  const today = businessToday();
  const latest = addDays(today, CHANGE_DAYS_AHEAD_MAX);
  const firstFree = changeKinds.find((k) => !open.has(k));
  const startKind = resubmit?.kind ?? (open.has(initialKind) && firstFree ? firstFree : initialKind);
  const kind: MerchantChangeKind = Form.useWatch('kind', form) ?? startKind;
  const [initial] = useState(() => initialValues(merchant, startKind, resubmit));
  const ratePlanId = Form.useWatch('ratePlanId', form);
  const plans = useRatePlans(merchant.mcc, kind === 'rate_plan');
  const planFrom = plans.data?.find((p) => p.id === ratePlanId)?.effectiveFrom;
  const earliest = latestDate(
    earliestEffectiveDate(kind, today),
    kind === 'rate_plan' ? (planFrom ?? '') : '',
  );

  const onKindChange = (next: MerchantChangeKind) => {
    // A rate change cannot take effect today: move the date on rather than let the server refuse it.
    const date = form.getFieldValue('effectiveDate') as string | undefined;
    const first = earliestEffectiveDate(next, today);
    if (!date || date < first) form.setFieldValue('effectiveDate', first);
  };

  const onFinish = async (values: ChangeFormValues) => {
    const body = toBody({ ...values, kind });
    if (!body) return;
    try {
      const change = resubmit
        ? await again.mutateAsync({ id: resubmit.id, body })
        : await request.mutateAsync({ merchantId: merchant.id, body });
      onDone(change);
    } catch (error) {
      // Field refusals come with message keys: the reporter shows them in the user's language.
      report(error, form, { mapField: (path) => formPath(path, kind) });
    }
  };

  return (
    <Form<ChangeFormValues>
      form={form}
      layout="vertical"
      initialValues={{ ...initial, kind: startKind }}
      onFinish={onFinish}
      data-testid="change-form"
    >
      {resubmit?.closedReason && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('merchants.changes.form.returnedWith', { comment: resubmit.closedReason })}
          data-testid="change-returned-comment"
        />
      )}
      <Form.Item name="kind" label={t('merchants.changes.form.kind')} required>
        <Radio.Group
          optionType="button"
          buttonStyle="solid"
          disabled={Boolean(resubmit)}
          onChange={(e) => onKindChange(e.target.value as MerchantChangeKind)}
          data-testid="change-kind"
        >
          {changeKinds.map((k) => {
            const busy = open.has(k) && k !== resubmit?.kind;
            return (
              <Tooltip key={k} title={busy ? t('merchants.changes.form.openExists') : undefined}>
                <Radio.Button value={k} disabled={busy}>
                  <span data-testid={`change-kind-${k}`} data-disabled={busy ? 'true' : 'false'}>
                    {changeKindLabel(t, k)}
                  </span>
                </Radio.Button>
              </Tooltip>
            );
          })}
        </Radio.Group>
      </Form.Item>
      <ChangeFields kind={kind} merchant={merchant} />
      <Form.Item
        name="effectiveDate"
        label={t('merchants.changes.form.effectiveDate')}
        extra={
          kind === 'rate_plan'
            ? t('merchants.changes.form.rateHint')
            : t('merchants.changes.form.effectiveHint')
        }
        rules={[
          {
            required: true,
            message: t('merchants.changes.form.selectRequired', {
              field: t('merchants.changes.form.effectiveDate'),
            }),
          },
        ]}
        getValueProps={(value: string | undefined) => ({ value: value ? dayjs(value) : null })}
        normalize={(day: Dayjs | null) => (day ? day.format('YYYY-MM-DD') : undefined)}
      >
        <DatePicker
          format="YYYY-MM-DD"
          allowClear={false}
          disabledDate={(day) => {
            const date = day.format('YYYY-MM-DD');
            return date < earliest || date > latest;
          }}
          style={{ width: 180 }}
          data-testid="change-effective-date"
        />
      </Form.Item>
      <Form.Item
        name="reason"
        label={t('merchants.changes.form.reason')}
        required
        rules={[
          {
            validator: (_, value: string | undefined) => {
              const length = value?.trim().length ?? 0;
              return length >= 2 && length <= 500
                ? Promise.resolve()
                : Promise.reject(new Error(t('merchants.changes.form.reasonInvalid')));
            },
          },
        ]}
      >
        <Input.TextArea
          rows={3}
          maxLength={500}
          showCount
          placeholder={t('merchants.changes.form.reasonPlaceholder')}
          data-testid="change-reason"
        />
      </Form.Item>
      <Space>
        <Button
          type="primary"
          htmlType="submit"
          icon={<SendOutlined />}
          loading={request.isPending || again.isPending}
          data-testid="change-submit"
        >
          {resubmit ? t('merchants.changes.form.resubmit') : t('merchants.changes.form.submit')}
        </Button>
        <Button onClick={onCancel}>{t('common.cancel')}</Button>
      </Space>
    </Form>
  );
}
