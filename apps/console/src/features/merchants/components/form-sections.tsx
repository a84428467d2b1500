import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import {
  Button,
  Card,
  Checkbox,
  Col,
  Form,
  type FormInstance,
  Input,
  InputNumber,
  Radio,
  Row,
  Select,
  Typography,
} from 'antd';
import type { Rule } from 'antd/es/form';
import type { TFunction } from 'i18next';
import type { RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApplicationFormView, DocumentMeta } from '../../../api/types';
import { formatAmount } from '../../../app/format';
import { useAttributionOptions } from '../api';
import { fenOf, isMasked, yuanPattern } from '../form-model';
import { fieldLabel } from '../labels';
import {
  acceptanceKinds,
  accountTypes,
  businessTypes,
  documentKinds,
  idTypes,
  requiredDocumentKinds,
  taxpayerTypes,
} from '../model';
import { DateStringPicker, type Hours, HoursRange, ValidityInput } from './date-inputs';
import { DivisionCascader } from './division-cascader';
import { DocumentSlot } from './document-slot';
import { MccSelect } from './mcc-select';

type Path = (string | number)[];

const tid = (path: Path) => `app-field-${path.join('.')}`;

function useRules() {
  const { t } = useTranslation();
  const required: Rule = { required: true, message: t('merchants.form.required') };
  const text = (min: number, max: number): Rule[] => [
    { required: true, whitespace: true, message: t('merchants.form.required') },
    { min, max, transform: (v?: string) => v?.trim() },
  ];
  return { t, required, text };
}

function TwoCols({ children }: { children: React.ReactNode }) {
  return <Row gutter={24}>{children}</Row>;
}

function Half({ children, full }: { children: React.ReactNode; full?: boolean }) {
  return (
    <Col xs={24} lg={full ? 24 : 12}>
      {children}
    </Col>
  );
}

function label(t: TFunction, path: Path): string {
  return fieldLabel(t, path.join('.'));
}

// ── ① business ──────────────────────────────────────────────────────────────────────────────

export function BusinessStep() {
  const { t, required, text } = useRules();
  const p = (...rest: string[]): Path => ['business', ...rest];
  return (
    <TwoCols>
      <Half>
        <Form.Item name={p('name')} label={label(t, p('name'))} rules={text(2, 100)}>
          <Input maxLength={100} data-testid={tid(p('name'))} />
        </Form.Item>
      </Half>
      <Half>
        <Form.Item
          name={p('shortName')}
          label={label(t, p('shortName'))}
          extra={t('merchants.form.shortNameHint')}
          rules={text(2, 20)}
        >
          <Input maxLength={20} showCount data-testid={tid(p('shortName'))} />
        </Form.Item>
      </Half>
      <Half>
        <Form.Item name={p('type')} label={label(t, p('type'))} rules={[required]}>
          <Radio.Group optionType="button" buttonStyle="solid" data-testid={tid(p('type'))}>
            {businessTypes.map((v) => (
              <Radio.Button key={v} value={v}>
                <span data-testid={`${tid(p('type'))}-${v}`}>{t(`merchants.options.businessType.${v}`)}</span>
              </Radio.Button>
            ))}
          </Radio.Group>
        </Form.Item>
      </Half>
      <Half>
        <Form.Item name={p('mcc')} label={label(t, p('mcc'))} rules={[required]}>
          <MccSelect testId={tid(p('mcc'))} />
        </Form.Item>
      </Half>
      <Half full>
        <Form.Item name={p('scope')} label={label(t, p('scope'))} rules={text(2, 500)}>
          <Input.TextArea rows={2} maxLength={500} showCount data-testid={tid(p('scope'))} />
        </Form.Item>
      </Half>
      <Half>
        <Form.Item
          name={p('address', 'divisionCode')}
          label={label(t, p('address', 'divisionCode'))}
          rules={[required]}
        >
          <DivisionCascader testId={tid(p('address', 'divisionCode'))} />
        </Form.Item>
      </Half>
      <Half>
        <Form.Item
          name={p('address', 'detail')}
          label={label(t, p('address', 'detail'))}
          rules={text(2, 200)}
        >
          <Input maxLength={200} data-testid={tid(p('address', 'detail'))} />
        </Form.Item>
      </Half>
      <Half>
        <Form.Item
          name={p('hours')}
          label={label(t, p('hours'))}
          required
          rules={[
            {
              validator: async (_, value?: Hours) => {
                if (!value?.open || !value?.close) throw new Error(t('merchants.form.required'));
              },
            },
          ]}
        >
          <HoursRange testId={tid(p('hours'))} />
        </Form.Item>
      </Half>
    </TwoCols>
  );
}

// ── ② legal representative ──────────────────────────────────────────────────────────────────

/** Leaves a masked number as it was loaded alone (the server keeps the sealed one). */
function unchangedMasked(value: string | undefined, loaded: string | undefined): boolean {
  return isMasked(value) && value === loaded;
}

export function LegalRepStep({ loaded }: { loaded: RefObject<ApplicationFormView> }) {
  const { t, required, text } = useRules();
  const p = (...rest: string[]): Path => ['legalRep', ...rest];
  return (
    <TwoCols>
      <Half>
        <Form.Item name={p('name')} label={label(t, p('name'))} rules={text(2, 50)}>
          <Input maxLength={50} data-testid={tid(p('name'))} />
        </Form.Item>
      </Half>
      <Half>
        <Form.Item name={p('idType')} label={label(t, p('idType'))} rules={[required]}>
          <Select
            options={idTypes.map((v) => ({ value: v, label: t(`merchants.options.idType.${v}`) }))}
            data-testid={tid(p('idType'))}
          />
        </Form.Item>
      </Half>
      <Half>
        <Form.Item
          name={p('idNumber')}
          label={label(t, p('idNumber'))}
          normalize={(v?: string) => v?.toUpperCase().replace(/\s+/g, '')}
          dependencies={[p('idType')]}
          extra={isMasked(loaded.current?.legalRep?.idNumber) ? t('merchants.form.maskedHint') : undefined}
          rules={[
            ...text(5, 30),
            ({ getFieldValue }) => ({
              validator: async (_, value?: string) => {
                if (!value || unchangedMasked(value, loaded.current?.legalRep?.idNumber)) return;
                if (getFieldValue(p('idType')) === 'resident_id' && !/^\d{17}[\dX]$/.test(value))
                  throw new Error(t('merchants.form.idNumberInvalid'));
              },
            }),
          ]}
        >
          <Input maxLength={30} autoComplete="off" data-testid={tid(p('idNumber'))} />
        </Form.Item>
      </Half>
      <Half>
        <Row gutter={16}>
          <Col flex="none">
            <Form.Item name={p('validFrom')} label={label(t, p('validFrom'))} rules={[required]}>
              <DateStringPicker testId={tid(p('validFrom'))} />
            </Form.Item>
          </Col>
          <Col flex="auto">
            <Form.Item name={p('validTo')} label={label(t, p('validTo'))} rules={[required]}>
              <ValidityInput testId={tid(p('validTo'))} />
            </Form.Item>
          </Col>
        </Row>
      </Half>
    </TwoCols>
  );
}

// ── ③ licence and tax ───────────────────────────────────────────────────────────────────────

export function LicenceStep() {
  const { t, required, text } = useRules();
  const p = (...rest: string[]): Path => ['licence', ...rest];
  const tax: Path = ['tax', 'taxpayerType'];
  return (
    <TwoCols>
      <Half>
        <Form.Item
          name={p('creditCode')}
          label={label(t, p('creditCode'))}
          normalize={(v?: string) => v?.toUpperCase().replace(/\s+/g, '')}
          rules={[
            { required: true, message: t('merchants.form.required') },
            { pattern: /^[0-9A-Z]{18}$/, message: t('merchants.form.creditCodeInvalid') },
          ]}
        >
          <Input maxLength={18} showCount autoComplete="off" data-testid={tid(p('creditCode'))} />
        </Form.Item>
      </Half>
      <Half>
        <Form.Item name={p('registeredName')} label={label(t, p('registeredName'))} rules={text(2, 100)}>
          <Input maxLength={100} data-testid={tid(p('registeredName'))} />
        </Form.Item>
      </Half>
      <Half>
        <Row gutter={16}>
          <Col flex="none">
            <Form.Item name={p('establishedOn')} label={label(t, p('establishedOn'))}>
              <DateStringPicker testId={tid(p('establishedOn'))} />
            </Form.Item>
          </Col>
          <Col flex="auto">
            <Form.Item name={p('validTo')} label={label(t, p('validTo'))} rules={[required]}>
              <ValidityInput testId={tid(p('validTo'))} />
            </Form.Item>
          </Col>
        </Row>
      </Half>
      <Half>
        <Form.Item name={tax} label={label(t, tax)} rules={[required]}>
          <Radio.Group optionType="button" buttonStyle="solid" data-testid={tid(tax)}>
            {taxpayerTypes.map((v) => (
              <Radio.Button key={v} value={v}>
                <span data-testid={`${tid(tax)}-${v}`}>{t(`merchants.options.taxpayerType.${v}`)}</span>
              </Radio.Button>
            ))}
          </Radio.Group>
        </Form.Item>
      </Half>
    </TwoCols>
  );
}

// ── ④ settlement account ────────────────────────────────────────────────────────────────────

export function SettlementStep({ loaded }: { loaded: RefObject<ApplicationFormView> }) {
  const { t, required, text } = useRules();
  const p = (...rest: string[]): Path => ['settlement', ...rest];
  return (
    <TwoCols>
      <Half>
        <Form.Item name={p('accountType')} label={label(t, p('accountType'))} rules={[required]}>
          <Radio.Group optionType="button" buttonStyle="solid" data-testid={tid(p('accountType'))}>
            {accountTypes.map((v) => (
              <Radio.Button key={v} value={v}>
                <span data-testid={`${tid(p('accountType'))}-${v}`}>
                  {t(`merchants.options.accountType.${v}`)}
                </span>
              </Radio.Button>
            ))}
          </Radio.Group>
        </Form.Item>
      </Half>
      <Half>
        <Form.Item name={p('holderName')} label={label(t, p('holderName'))} rules={text(2, 100)}>
          <Input maxLength={100} data-testid={tid(p('holderName'))} />
        </Form.Item>
      </Half>
      <Half>
        <Form.Item name={p('bankName')} label={label(t, p('bankName'))} rules={text(2, 100)}>
          <Input maxLength={100} data-testid={tid(p('bankName'))} />
        </Form.Item>
      </Half>
      <Half>
        <Form.Item name={p('branchName')} label={label(t, p('branchName'))} rules={text(2, 100)}>
          <Input maxLength={100} data-testid={tid(p('branchName'))} />
        </Form.Item>
      </Half>
      <Half>
        <Form.Item
          name={p('accountNo')}
          label={label(t, p('accountNo'))}
          normalize={(v?: string) => v?.replace(/\s+/g, '')}
          extra={isMasked(loaded.current?.settlement?.accountNo) ? t('merchants.form.maskedHint') : undefined}
          rules={[
            { required: true, message: t('merchants.form.required') },
            {
              validator: async (_, value?: string) => {
                if (!value || unchangedMasked(value, loaded.current?.settlement?.accountNo)) return;
                if (!/^\d{6,32}$/.test(value)) throw new Error(t('merchants.form.accountNoInvalid'));
              },
            },
          ]}
        >
          <Input maxLength={32} inputMode="numeric" autoComplete="off" data-testid={tid(p('accountNo'))} />
        </Form.Item>
      </Half>
    </TwoCols>
  );
}

// ── ⑤ contacts, expected volume, terminals ──────────────────────────────────────────────────

function AmountPreview({ form, path }: { form: FormInstance; path: Path }) {
  const yuan = Form.useWatch(path, form) as string | undefined;
  const fen = fenOf(yuan);
  return fen === undefined ? null : (
    <Typography.Text type="secondary" data-testid={`${tid(path)}-fen`} data-fen={fen}>
      {formatAmount(fen)}
    </Typography.Text>
  );
}

export function ContactsStep({ form }: { form: FormInstance }) {
  const { t, required, text } = useRules();
  const c = (...rest: string[]): Path => ['contacts', ...rest];
  const e = (...rest: string[]): Path => ['expected', ...rest];
  const yuanRules: Rule[] = [
    { required: true, message: t('merchants.form.required') },
    { pattern: yuanPattern, message: t('merchants.form.yuanInvalid') },
  ];
  return (
    <>
      <Typography.Title level={5}>{t('merchants.sections.contacts')}</Typography.Title>
      <TwoCols>
        <Half>
          <Form.Item name={c('name')} label={label(t, c('name'))} rules={text(2, 50)}>
            <Input maxLength={50} data-testid={tid(c('name'))} />
          </Form.Item>
        </Half>
        <Half>
          <Form.Item
            name={c('mobile')}
            label={label(t, c('mobile'))}
            normalize={(v?: string) => v?.replace(/\s+/g, '')}
            rules={[
              { required: true, message: t('merchants.form.required') },
              { pattern: /^1\d{10}$/, message: t('merchants.form.mobileInvalid') },
            ]}
          >
            <Input maxLength={11} inputMode="tel" data-testid={tid(c('mobile'))} />
          </Form.Item>
        </Half>
        <Half>
          <Form.Item name={c('email')} label={label(t, c('email'))} rules={[{ type: 'email' }, { max: 128 }]}>
            <Input maxLength={128} data-testid={tid(c('email'))} />
          </Form.Item>
        </Half>
        <Half>
          <Form.Item name={c('phone')} label={label(t, c('phone'))} rules={[{ max: 20 }]}>
            <Input maxLength={20} data-testid={tid(c('phone'))} />
          </Form.Item>
        </Half>
      </TwoCols>
      <Typography.Title level={5}>{t('merchants.sections.expected')}</Typography.Title>
      <TwoCols>
        {(['monthlyVolumeYuan', 'averageTicketYuan'] as const).map((name) => (
          <Half key={name}>
            <Form.Item
              name={e(name)}
              label={label(t, e(name))}
              normalize={(v?: string) => v?.trim().replace(/,/g, '')}
              rules={yuanRules}
              extra={<AmountPreview form={form} path={e(name)} />}
            >
              <Input prefix="¥" inputMode="decimal" placeholder="0.00" data-testid={tid(e(name))} />
            </Form.Item>
          </Half>
        ))}
      </TwoCols>
      <Typography.Title level={5}>{t('merchants.sections.terminals')}</Typography.Title>
      <Form.List
        name="terminals"
        rules={[
          {
            validator: async (_, terminals?: unknown[]) => {
              if (!terminals || terminals.length < 1) throw new Error(t('merchants.form.terminalsRequired'));
            },
          },
        ]}
      >
        {(fields, { add, remove }, { errors }) => (
          <>
            {fields.map((field, index) => (
              <Card
                key={field.key}
                size="small"
                title={t('merchants.form.terminalN', { n: index + 1 })}
                style={{ marginBottom: 12 }}
                data-testid="app-terminal"
                extra={
                  <Button
                    type="text"
                    danger
                    size="small"
                    icon={<DeleteOutlined />}
                    disabled={fields.length <= 1}
                    onClick={() => remove(field.name)}
                    data-testid={`app-terminal-remove-${index}`}
                  >
                    {t('merchants.form.removeTerminal')}
                  </Button>
                }
              >
                <Row gutter={16}>
                  <Col xs={24} md={10}>
                    <Form.Item
                      name={[field.name, 'model']}
                      label={t('merchants.fields.terminals.model')}
                      rules={text(1, 64)}
                    >
                      <Input maxLength={64} data-testid={tid(['terminals', index, 'model'])} />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={5}>
                    <Form.Item
                      name={[field.name, 'count']}
                      label={t('merchants.fields.terminals.count')}
                      rules={[required]}
                    >
                      <InputNumber
                        min={1}
                        max={100}
                        precision={0}
                        style={{ width: '100%' }}
                        data-testid={tid(['terminals', index, 'count'])}
                      />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={9}>
                    <Form.Item
                      name={[field.name, 'acceptance']}
                      label={t('merchants.fields.terminals.acceptance')}
                      required
                      rules={[
                        {
                          validator: async (_, value?: string[]) => {
                            if (!value || value.length === 0)
                              throw new Error(t('merchants.form.acceptanceRequired'));
                          },
                        },
                      ]}
                    >
                      <Checkbox.Group data-testid={tid(['terminals', index, 'acceptance'])}>
                        {acceptanceKinds.map((a) => (
                          <Checkbox key={a} value={a}>
                            <span data-testid={`${tid(['terminals', index, 'acceptance'])}-${a}`}>
                              {t(`merchants.options.acceptance.${a}`)}
                            </span>
                          </Checkbox>
                        ))}
                      </Checkbox.Group>
                    </Form.Item>
                  </Col>
                </Row>
              </Card>
            ))}
            <Button
              type="dashed"
              block
              icon={<PlusOutlined />}
              disabled={fields.length >= 20}
              onClick={() => add({ count: 1, acceptance: ['card', 'qr'] })}
              data-testid="app-terminal-add"
            >
              {t('merchants.form.addTerminal')}
            </Button>
            <Form.ErrorList errors={errors} />
          </>
        )}
      </Form.List>
      <AttributionSection />
    </>
  );
}

/** 业务归属: who brought the merchant — a sales rep of the branch, or an agent. Both optional. */
function AttributionSection() {
  const { t } = useTranslation();
  const options = useAttributionOptions();
  return (
    <>
      <Typography.Title level={5}>{t('merchants.sections.attribution')}</Typography.Title>
      <TwoCols>
        <Half>
          <Form.Item name={['attribution', 'salesRepId']} label={t('merchants.profile.salesRep')}>
            <Select
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              loading={options.isLoading}
              options={(options.data?.salesReps ?? []).map((r) => ({
                value: r.id,
                label: `${r.name}（${r.orgName}）`,
              }))}
              data-testid="app-sales-rep"
            />
          </Form.Item>
        </Half>
        <Half>
          <Form.Item name={['attribution', 'agentOrgId']} label={t('merchants.profile.agentOrg')}>
            <Select
              allowClear
              loading={options.isLoading}
              options={(options.data?.agents ?? []).map((a) => ({ value: a.id, label: a.name }))}
              data-testid="app-agent"
            />
          </Form.Item>
        </Half>
      </TwoCols>
    </>
  );
}

// ── ⑥ documents ─────────────────────────────────────────────────────────────────────────────

export function DocumentsStep({ applicationId }: { applicationId: string }) {
  const { t } = useTranslation();
  return (
    <>
      <Typography.Paragraph type="secondary">{t('merchants.documents.hint')}</Typography.Paragraph>
      <Row gutter={[16, 0]}>
        {documentKinds.map((kind) => {
          const required = requiredDocumentKinds.includes(kind);
          return (
            <Col key={kind} xs={24} md={12} xl={8}>
              <Form.Item
                name={['documents', kind]}
                rules={
                  required
                    ? [
                        {
                          validator: async (_, value?: DocumentMeta[]) => {
                            if (!value || value.length === 0)
                              throw new Error(
                                t('merchants.form.documentRequired', {
                                  name: t(`merchants.fields.documents.${kind}`),
                                }),
                              );
                          },
                        },
                      ]
                    : []
                }
              >
                <DocumentSlot applicationId={applicationId} kind={kind} required={required} editable />
              </Form.Item>
            </Col>
          );
        })}
      </Row>
    </>
  );
}
