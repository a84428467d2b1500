import { Col, Form, Input, Radio, Row, Select, Space, Tag, Typography } from 'antd';
import type { Rule } from 'antd/es/form';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { RatePlan } from '../../../api/types';
import { formatAmount } from '../../../app/format';
import { yuanPattern, yuanToFen } from '../../approvals/amount';
import { useMccReference, useRatePlans } from '../api';
import { changeFieldLabel, summarizeValues } from '../change-labels';
import { accountTypes, type MerchantChangeKind, type MerchantProfile } from '../model';
import { ppmToPercent } from '../rates';
import { DivisionCascader } from './division-cascader';

const mono = { fontFamily: 'ui-monospace, SFMono-Regular, Menlo, monospace' };

function textRule(t: TFunction, min: number, max: number, field: string): Rule {
  return {
    validator: (_, value: string | undefined) => {
      const length = value?.trim().length ?? 0;
      if (length === 0) return Promise.reject(new Error(t('merchants.changes.form.required', { field })));
      return length >= min && length <= max
        ? Promise.resolve()
        : Promise.reject(new Error(t('merchants.changes.form.lengthInvalid', { min, max })));
    },
  };
}

function Current({ children }: { children: string }) {
  const { t } = useTranslation();
  return (
    <Typography.Paragraph type="secondary" style={{ marginBottom: 12 }} data-testid="change-current">
      {t('merchants.changes.form.current', { value: children })}
    </Typography.Paragraph>
  );
}

/** The fields of one kind of change, with the merchant's present values beside them. */
export function ChangeFields({ kind, merchant }: { kind: MerchantChangeKind; merchant: MerchantProfile }) {
  switch (kind) {
    case 'settlement_account':
      return <SettlementFields merchant={merchant} />;
    case 'address':
      return <AddressFields merchant={merchant} />;
    case 'rate_plan':
      return <RatePlanField merchant={merchant} />;
    case 'limits':
      return <LimitsFields merchant={merchant} />;
  }
}

function SettlementFields({ merchant }: { merchant: MerchantProfile }) {
  const { t } = useTranslation();
  const label = (key: string) => changeFieldLabel(t, key);
  return (
    <>
      <Current>{summarizeValues(t, 'settlement_account', { ...merchant.settlement })}</Current>
      <Form.Item name={['settlement', 'accountType']} label={label('accountType')} required>
        <Radio.Group
          optionType="button"
          options={accountTypes.map((a) => ({ value: a, label: t(`merchants.options.accountType.${a}`) }))}
          data-testid="change-settlement-accountType"
        />
      </Form.Item>
      <Form.Item
        name={['settlement', 'holderName']}
        label={label('holderName')}
        required
        rules={[textRule(t, 2, 100, label('holderName'))]}
      >
        <Input maxLength={100} data-testid="change-settlement-holderName" />
      </Form.Item>
      <Space size={16} style={{ display: 'flex' }} align="start">
        <Form.Item
          name={['settlement', 'bankName']}
          label={label('bankName')}
          required
          rules={[textRule(t, 2, 100, label('bankName'))]}
          style={{ width: 280 }}
        >
          <Input maxLength={100} data-testid="change-settlement-bankName" />
        </Form.Item>
        <Form.Item
          name={['settlement', 'branchName']}
          label={label('branchName')}
          required
          rules={[textRule(t, 2, 100, label('branchName'))]}
          style={{ width: 280 }}
        >
          <Input maxLength={100} data-testid="change-settlement-branchName" />
        </Form.Item>
      </Space>
      <Form.Item
        name={['settlement', 'accountNo']}
        label={label('accountNo')}
        required
        extra={t('merchants.changes.form.accountNoHint')}
        rules={[
          {
            validator: (_, value: string | undefined) =>
              value && /^\d{6,32}$/.test(value.replace(/\s+/g, ''))
                ? Promise.resolve()
                : Promise.reject(new Error(t('merchants.changes.form.accountNoInvalid'))),
          },
        ]}
      >
        <Input
          maxLength={40}
          inputMode="numeric"
          autoComplete="off"
          style={mono}
          data-testid="change-settlement-accountNo"
        />
      </Form.Item>
    </>
  );
}

function AddressFields({ merchant }: { merchant: MerchantProfile }) {
  const { t } = useTranslation();
  return (
    <>
      <Current>{summarizeValues(t, 'address', { ...merchant.address })}</Current>
      <Form.Item
        name={['address', 'divisionCode']}
        label={t('merchants.merchant.profile.division')}
        rules={[
          {
            required: true,
            message: t('merchants.changes.form.selectRequired', {
              field: t('merchants.merchant.profile.division'),
            }),
          },
        ]}
      >
        <DivisionCascader testId="change-address-divisionCode" />
      </Form.Item>
      <Form.Item
        name={['address', 'detail']}
        label={t('merchants.merchant.profile.addressDetail')}
        required
        rules={[textRule(t, 2, 200, t('merchants.merchant.profile.addressDetail'))]}
      >
        <Input maxLength={200} data-testid="change-address-detail" />
      </Form.Item>
    </>
  );
}

function planRates(
  t: TFunction,
  plan: Pick<RatePlan, 'debitRatePpm' | 'debitCapMinor' | 'creditRatePpm' | 'qrRatePpm'>,
) {
  const cap = plan.debitCapMinor
    ? ` (${t('merchants.contract.debitCap')} ${formatAmount(plan.debitCapMinor)})`
    : '';
  return [
    `${t('merchants.contract.debitRate')} ${ppmToPercent(plan.debitRatePpm)}${cap}`,
    `${t('merchants.contract.creditRate')} ${ppmToPercent(plan.creditRatePpm)}`,
    `${t('merchants.contract.qrRate')} ${ppmToPercent(plan.qrRatePpm)}`,
  ].join(' · ');
}

/** Active plans for the merchant's MCC class (or for any class), the current one shown but not chosen. */
function RatePlanField({ merchant }: { merchant: MerchantProfile }) {
  const { t, i18n } = useTranslation();
  const plans = useRatePlans(merchant.mcc);
  const mcc = useMccReference();
  const category = mcc.data?.codes.find((c) => c.code === merchant.mcc)?.category;
  const english = i18n.language === 'en-US';
  const current = merchant.rates.current ?? merchant.rates.history[0] ?? null;
  // The plan the merchant is on: the newest period's (a change applies on its day, moving the plan with it).
  const onPlan = merchant.rates.history[0]?.ratePlanId;
  const fitting = (plans.data ?? []).filter(
    (p) => p.status === 'active' && (p.mccCategory === null || !category || p.mccCategory === category),
  );
  const chosenId = Form.useWatch('ratePlanId');
  const chosen = fitting.find((p) => p.id === chosenId);
  const name = (p: { name: string; nameEn: string }) => (english ? p.nameEn || p.name : p.name);
  const categoryLabel = (c: string | null) =>
    c === null
      ? t('merchants.contract.anyCategory')
      : english
        ? (mcc.data?.categories.find((x) => x.category === c)?.en ?? c)
        : c;
  return (
    <>
      {current && <Current>{summarizeValues(t, 'rate_plan', { ...current }, english)}</Current>}
      <Form.Item
        name="ratePlanId"
        label={t('merchants.changes.form.plan')}
        rules={[{ required: true, message: t('merchants.changes.form.planPlaceholder') }]}
        extra={chosen && <span data-testid="change-plan-rates">{planRates(t, chosen)}</span>}
      >
        <Select
          loading={plans.isPending}
          placeholder={t('merchants.changes.form.planPlaceholder')}
          notFoundContent={plans.isPending ? undefined : t('merchants.changes.form.noPlans')}
          options={fitting.map((p) => ({
            value: p.id,
            disabled: p.id === onPlan,
            label: (
              <Space size={6}>
                <span>
                  {name(p)} ({p.code})
                </span>
                <Tag>{categoryLabel(p.mccCategory)}</Tag>
                {p.id === current?.ratePlanId && (
                  <Tag color="green">{t('merchants.merchant.rates.currentTag')}</Tag>
                )}
              </Space>
            ),
          }))}
          data-testid="change-ratePlanId"
        />
      </Form.Item>
    </>
  );
}

const fen = (yuan: string | undefined): bigint | undefined => {
  const value = yuan ? yuanToFen(yuan) : undefined;
  return value === undefined ? undefined : BigInt(value);
};

function LimitsFields({ merchant }: { merchant: MerchantProfile }) {
  const { t } = useTranslation();
  const amountRule =
    (check?: (value: bigint, get: (k: string) => bigint | undefined) => string | null): Rule =>
    ({ getFieldValue }) => ({
      validator: (_, value: string | undefined) => {
        if (!value || !yuanPattern.test(value.trim()))
          return Promise.reject(new Error(t('merchants.changes.form.yuanInvalid')));
        const problem = check?.(fen(value) ?? 0n, (k) =>
          fen(getFieldValue(['limits', k]) as string | undefined),
        );
        return problem ? Promise.reject(new Error(problem)) : Promise.resolve();
      },
    });
  const item = (
    key: 'single' | 'daily' | 'monthly',
    minorKey: 'singleLimitMinor' | 'dailyLimitMinor' | 'monthlyLimitMinor',
    rule: Rule,
    dependencies: string[],
  ) => (
    <Col span={8}>
      <Form.Item
        name={['limits', key]}
        label={t(`merchants.changes.form.${key}Yuan`)}
        required
        dependencies={dependencies.map((d) => ['limits', d])}
        extra={t('merchants.changes.form.current', {
          value: formatAmount(merchant[minorKey]),
        })}
        rules={[rule]}
      >
        <Input prefix="¥" inputMode="decimal" maxLength={19} data-testid={`change-limits-${key}`} />
      </Form.Item>
    </Col>
  );
  return (
    <Row gutter={12}>
      {item(
        'single',
        'singleLimitMinor',
        amountRule((v) => (v <= 0n ? t('merchants.changes.errors.singleZero') : null)),
        [],
      )}
      {item(
        'daily',
        'dailyLimitMinor',
        amountRule((v, get) => {
          const single = get('single');
          return single !== undefined && v < single ? t('merchants.changes.errors.dailyBelowSingle') : null;
        }),
        ['single'],
      )}
      {item(
        'monthly',
        'monthlyLimitMinor',
        amountRule((v, get) => {
          const daily = get('daily');
          return daily !== undefined && v < daily ? t('merchants.changes.errors.monthlyBelowDaily') : null;
        }),
        ['daily'],
      )}
    </Row>
  );
}
