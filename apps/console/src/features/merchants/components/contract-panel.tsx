import { EditOutlined, FilePdfOutlined, FileProtectOutlined, SignatureOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Descriptions,
  Empty,
  Flex,
  Form,
  Input,
  InputNumber,
  Modal,
  Radio,
  Select,
  Skeleton,
  Space,
  Switch,
  Tag,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type {
  ApplicationDetail,
  ContractStatus,
  ContractTerms,
  MerchantContract,
  RatePlan,
} from '../../../api/types';
import { useAccess } from '../../../app/access';
import { errorText, useErrorReporter } from '../../../app/errors';
import { displayTimeZone, formatAmount, formatDateTime, pickerNow, pickerToIso } from '../../../app/format';
import { fenToYuan, yuanPattern, yuanToFen } from '../../approvals/amount';
import { contractPdfUrl, useContract, useGenerateContract, useRatePlans, useSignContract } from '../api';
import { ppmToPercent } from '../rates';
import { contractTermItems } from './contract-terms';

const contractStatusColors: Record<ContractStatus, string> = {
  draft: 'default',
  generated: 'processing',
  signed: 'success',
};

const settlementCycles = ['T+1', 'D+1'] as const;

interface GenerateValues {
  ratePlanId: string;
  settlementCycle: ContractTerms['settlementCycle'];
  termYears: number;
  autoRenew: boolean;
  /** Yuan as typed. */
  deposit: string;
  /** YYYY-MM-DD. */
  effectiveDate: string;
}

interface SignValues {
  signerName: string;
  signedAt?: Dayjs | null;
}

/** Today as a business date (Asia/Shanghai), YYYY-MM-DD. */
function businessToday(): string {
  return dayjs().tz(displayTimeZone).format('YYYY-MM-DD');
}

/** A YYYY-MM-DD date, moved up to `earliest` if it lies before it (a revised contract cannot start in the past). */
function notBefore(date: string, earliest: string): string {
  if (date < earliest) return earliest;
  return date;
}

function usePlanName() {
  const { i18n } = useTranslation();
  return (plan: { name: string; nameEn: string }) =>
    i18n.language === 'en-US' ? plan.nameEn || plan.name : plan.name;
}

/** 签约: the contract of an approved application — generate it, read it, open the PDF, record the signature. */
export function ContractPanel({ application: a }: { application: ApplicationDetail }) {
  const { t } = useTranslation();
  const access = useAccess();
  const contract = useContract(a.id);
  const [revising, setRevising] = useState(false);
  const [signing, setSigning] = useState(false);
  const [pdfOpen, setPdfOpen] = useState(false);

  const canManage = access.can('contract.manage') && a.status === 'approved';

  if (contract.isPending) return <Skeleton active />;
  if (contract.isError) {
    return <Alert type="error" showIcon title={errorText(t, contract.error)} data-testid="contract-error" />;
  }
  const c = contract.data;

  if (!c) {
    if (!canManage) {
      return <Empty description={t('merchants.contract.noneReadOnly')} data-testid="contract-none" />;
    }
    return (
      <Card size="small" title={t('merchants.contract.generateTitle')} data-testid="contract-none">
        <ContractForm application={a} />
      </Card>
    );
  }

  const events = c.allowedEvents;
  return (
    <Flex vertical gap={16} data-testid="contract-panel">
      <ContractView
        contract={c}
        extra={
          <Space wrap>
            {c.documentId && (
              <Button icon={<FilePdfOutlined />} onClick={() => setPdfOpen(true)} data-testid="contract-pdf">
                {t('merchants.contract.viewPdf')}
              </Button>
            )}
            {canManage && events.includes('revise') && !revising && (
              <Button icon={<EditOutlined />} onClick={() => setRevising(true)} data-testid="contract-revise">
                {t('merchants.contract.revise')}
              </Button>
            )}
            {canManage && events.includes('sign') && (
              <Button
                type="primary"
                icon={<SignatureOutlined />}
                onClick={() => setSigning(true)}
                data-testid="contract-sign"
              >
                {t('merchants.contract.sign')}
              </Button>
            )}
          </Space>
        }
      />
      {revising && canManage && (
        <Card size="small" title={t('merchants.contract.reviseTitle')}>
          <ContractForm application={a} contract={c} onDone={() => setRevising(false)} />
        </Card>
      )}
      <SignModal open={signing} contract={c} applicationId={a.id} onClose={() => setSigning(false)} />
      <Modal
        open={pdfOpen}
        title={t('merchants.contract.pdfTitle', { no: c.contractNo })}
        width={960}
        onCancel={() => setPdfOpen(false)}
        destroyOnHidden
        footer={
          <Space>
            <Typography.Link href={contractPdfUrl(a.id)} target="_blank" rel="noopener noreferrer">
              {t('merchants.contract.openInNewTab')}
            </Typography.Link>
            <Button onClick={() => setPdfOpen(false)}>{t('common.close')}</Button>
          </Space>
        }
      >
        <iframe
          title={c.contractNo}
          src={contractPdfUrl(a.id)}
          style={{ width: '100%', height: '72vh', border: 0 }}
          data-testid="contract-pdf-frame"
        />
      </Modal>
    </Flex>
  );
}

/** The contract as generated: number, status, the plan's rates as signed, terms, signature. */
function ContractView({ contract: c, extra }: { contract: MerchantContract; extra: ReactNode }) {
  const { t } = useTranslation();
  const planName = usePlanName();
  const r = c.rates;
  return (
    <Card
      size="small"
      title={
        <Space>
          <FileProtectOutlined />
          {t('merchants.contract.title')}
          <Typography.Text copyable data-testid="contract-no">
            {c.contractNo}
          </Typography.Text>
          <Tag color={contractStatusColors[c.status]} data-testid="contract-status" data-status={c.status}>
            {t(`merchants.contract.statuses.${c.status}`)}
          </Tag>
        </Space>
      }
      extra={extra}
    >
      <Descriptions
        size="small"
        column={{ xs: 1, md: 2, xl: 3 }}
        items={[
          {
            key: 'plan',
            label: t('merchants.contract.plan'),
            children: (
              <span data-testid="contract-plan-name">
                {planName(r)} <Typography.Text type="secondary">({r.code})</Typography.Text>
              </span>
            ),
          },
          {
            key: 'debit',
            label: t('merchants.contract.debitRate'),
            children: <span data-testid="contract-rate-debit">{ppmToPercent(r.debitRatePpm)}</span>,
          },
          {
            key: 'debitCap',
            label: t('merchants.contract.debitCap'),
            children: r.debitCapMinor
              ? formatAmount(r.debitCapMinor, r.currency)
              : t('merchants.contract.noCap'),
          },
          {
            key: 'credit',
            label: t('merchants.contract.creditRate'),
            children: <span data-testid="contract-rate-credit">{ppmToPercent(r.creditRatePpm)}</span>,
          },
          {
            key: 'qr',
            label: t('merchants.contract.qrRate'),
            children: <span data-testid="contract-rate-qr">{ppmToPercent(r.qrRatePpm)}</span>,
          },
          ...contractTermItems(t, c.terms, r.currency),
          { key: 'effective', label: t('merchants.contract.effectiveDate'), children: c.effectiveDate },
          {
            key: 'generatedAt',
            label: t('merchants.contract.generatedAt'),
            children: formatDateTime(c.generatedAt),
          },
          ...(c.status === 'signed'
            ? [
                {
                  key: 'signer',
                  label: t('merchants.contract.signer'),
                  children: <span data-testid="contract-signer-name">{c.signerName}</span>,
                },
                {
                  key: 'signedAt',
                  label: t('merchants.contract.signedAt'),
                  children: formatDateTime(c.signedAt),
                },
                {
                  key: 'recordedBy',
                  label: t('merchants.contract.recordedBy'),
                  children: c.recordedByName ?? '—',
                },
              ]
            : []),
        ]}
      />
    </Card>
  );
}

function planRates(t: (key: string) => string, plan: RatePlan): string {
  const cap = plan.debitCapMinor
    ? ` (${t('merchants.contract.debitCap')} ${formatAmount(plan.debitCapMinor)})`
    : '';
  return [
    `${t('merchants.contract.debitRate')} ${ppmToPercent(plan.debitRatePpm)}${cap}`,
    `${t('merchants.contract.creditRate')} ${ppmToPercent(plan.creditRatePpm)}`,
    `${t('merchants.contract.qrRate')} ${ppmToPercent(plan.qrRatePpm)}`,
  ].join(' · ');
}

/** Plan, terms and effective date → POST …/contract (generate, or regenerate before signing). */
function ContractForm({
  application: a,
  contract,
  onDone,
}: {
  application: ApplicationDetail;
  contract?: MerchantContract;
  onDone?: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const report = useErrorReporter();
  const planName = usePlanName();
  const [form] = Form.useForm<GenerateValues>();
  const plans = useRatePlans(a.mcc);
  const generate = useGenerateContract();
  const planId = Form.useWatch('ratePlanId', form);
  const chosen = plans.data?.find((p) => p.id === planId);
  const today = businessToday();

  const initialValues: Partial<GenerateValues> = contract
    ? {
        ratePlanId: contract.rates.ratePlanId,
        settlementCycle: contract.terms.settlementCycle,
        termYears: contract.terms.termYears,
        autoRenew: contract.terms.autoRenew,
        deposit: contract.terms.depositMinor === '0' ? '0' : fenToYuan(contract.terms.depositMinor),
        effectiveDate: notBefore(contract.effectiveDate, today),
      }
    : { settlementCycle: 'T+1', termYears: 1, autoRenew: true, deposit: '0', effectiveDate: today };

  const onFinish = async (values: GenerateValues) => {
    const depositMinor = yuanToFen(values.deposit || '0');
    if (depositMinor === undefined) return;
    try {
      await generate.mutateAsync({
        applicationId: a.id,
        body: {
          ratePlanId: values.ratePlanId,
          terms: {
            settlementCycle: values.settlementCycle,
            termYears: values.termYears,
            autoRenew: values.autoRenew,
            depositMinor,
          },
          effectiveDate: values.effectiveDate,
        },
      });
      message.success(t('merchants.contract.generated'));
      onDone?.();
    } catch (error) {
      report(error, form, {
        mapField: (path) =>
          path === 'terms.depositMinor' ? 'deposit' : path.startsWith('terms.') ? path.slice(6) : path,
      });
    }
  };

  return (
    <Form<GenerateValues>
      form={form}
      layout="vertical"
      initialValues={initialValues}
      onFinish={onFinish}
      style={{ maxWidth: 720 }}
      data-testid="contract-form"
    >
      <Form.Item
        name="ratePlanId"
        label={t('merchants.contract.plan')}
        rules={[{ required: true, message: t('merchants.contract.planPlaceholder') }]}
        extra={chosen && <span data-testid="contract-plan-rates">{planRates(t, chosen)}</span>}
      >
        <Select
          loading={plans.isPending}
          placeholder={t('merchants.contract.planPlaceholder')}
          notFoundContent={plans.isPending ? undefined : t('merchants.contract.noPlans')}
          options={(plans.data ?? []).map((p) => ({
            value: p.id,
            label: `${planName(p)} (${p.code}) · ${p.mccCategory ?? t('merchants.contract.anyCategory')}`,
          }))}
          data-testid="contract-plan"
        />
      </Form.Item>
      <Space size={24} wrap align="start">
        <Form.Item name="settlementCycle" label={t('merchants.contract.settlementCycle')}>
          <Radio.Group
            optionType="button"
            options={settlementCycles.map((c) => ({ value: c, label: t(`merchants.contract.cycles.${c}`) }))}
            data-testid="contract-cycle"
          />
        </Form.Item>
        <Form.Item name="termYears" label={t('merchants.contract.termYears')} rules={[{ required: true }]}>
          <InputNumber
            min={1}
            max={5}
            precision={0}
            suffix={t('merchants.contract.years', { n: '' }).trim()}
            style={{ width: 120 }}
            data-testid="contract-term"
          />
        </Form.Item>
        <Form.Item name="autoRenew" label={t('merchants.contract.autoRenew')} valuePropName="checked">
          <Switch data-testid="contract-auto-renew" />
        </Form.Item>
      </Space>
      <Space size={24} wrap align="start">
        <Form.Item
          name="deposit"
          label={t('merchants.contract.deposit')}
          rules={[
            {
              validator: (_, value: string | undefined) =>
                !value || yuanPattern.test(value.trim())
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('merchants.contract.depositInvalid'))),
            },
          ]}
        >
          <Input prefix="¥" inputMode="decimal" style={{ width: 200 }} data-testid="contract-deposit" />
        </Form.Item>
        <Form.Item
          name="effectiveDate"
          label={t('merchants.contract.effectiveDate')}
          rules={[{ required: true, message: t('merchants.contract.effectiveDateRequired') }]}
          getValueProps={(value: string | undefined) => ({ value: value ? dayjs(value) : null })}
          normalize={(day: Dayjs | null) => (day ? day.format('YYYY-MM-DD') : undefined)}
        >
          <DatePicker
            format="YYYY-MM-DD"
            allowClear={false}
            disabledDate={(day) => day.format('YYYY-MM-DD') < today}
            style={{ width: 180 }}
            data-testid="contract-effective-date"
          />
        </Form.Item>
      </Space>
      <Space>
        <Button
          type="primary"
          htmlType="submit"
          icon={<FileProtectOutlined />}
          loading={generate.isPending}
          data-testid="contract-generate"
        >
          {contract ? t('merchants.contract.regenerate') : t('merchants.contract.generate')}
        </Button>
        {onDone && <Button onClick={onDone}>{t('common.cancel')}</Button>}
      </Space>
    </Form>
  );
}

/** Signer and time → POST …/contract/sign; the application becomes contracted. */
function SignModal({
  open,
  contract,
  applicationId,
  onClose,
}: {
  open: boolean;
  contract: MerchantContract;
  applicationId: string;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const report = useErrorReporter();
  const [form] = Form.useForm<SignValues>();
  const sign = useSignContract();

  const onOk = async () => {
    const values = await form.validateFields();
    try {
      await sign.mutateAsync({
        applicationId,
        body: {
          signerName: values.signerName.trim(),
          ...(values.signedAt ? { signedAt: pickerToIso(values.signedAt) } : {}),
        },
      });
      message.success(t('merchants.contract.signed'));
      form.resetFields();
      onClose();
    } catch (error) {
      report(error, form);
    }
  };

  return (
    <Modal
      open={open}
      title={`${t('merchants.contract.signTitle')} · ${contract.contractNo}`}
      onCancel={onClose}
      onOk={onOk}
      confirmLoading={sign.isPending}
      okButtonProps={{ 'data-testid': 'contract-sign-confirm' }}
      destroyOnHidden
      forceRender
    >
      <Form<SignValues> form={form} layout="vertical" preserve={false}>
        <Form.Item
          name="signerName"
          label={t('merchants.contract.signerName')}
          required
          extra={t('merchants.contract.signerHint')}
          rules={[
            {
              validator: (_, value: string | undefined) => {
                const length = value?.trim().length ?? 0;
                return length >= 2 && length <= 50
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('merchants.contract.signerInvalid')));
              },
            },
          ]}
        >
          <Input maxLength={50} data-testid="contract-signer" />
        </Form.Item>
        <Form.Item
          name="signedAt"
          label={t('merchants.contract.signedAt')}
          extra={t('merchants.contract.signedAtHint')}
          rules={[
            {
              validator: (_, value: Dayjs | null | undefined) =>
                !value || !pickerToIsoIsFuture(value)
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('merchants.contract.signedAtFuture'))),
            },
          ]}
        >
          <DatePicker
            showTime={{ format: 'HH:mm' }}
            format="YYYY-MM-DD HH:mm"
            disabledDate={(day) => day.isAfter(pickerNow(), 'day')}
            style={{ width: 220 }}
            data-testid="contract-signed-at"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function pickerToIsoIsFuture(value: Dayjs): boolean {
  return dayjs(pickerToIso(value)).isAfter(dayjs());
}
