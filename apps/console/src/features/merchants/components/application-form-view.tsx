import { Card, Descriptions, type DescriptionsProps, Flex, Space, Table, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApplicationFormView } from '../../../api/types';
import { formatAmount } from '../../../app/format';
import { isMasked } from '../form-model';
import { useDivisionLabel } from './division-cascader';
import { useMccLabel } from './mcc-select';

type Item = NonNullable<DescriptionsProps['items']>[number];

/** The application form, read-only: one Descriptions per section. */
export function ApplicationFormViewer({ form }: { form: ApplicationFormView }) {
  const { t } = useTranslation();
  const mccLabel = useMccLabel();
  const divisionLabel = useDivisionLabel();

  const empty = <Typography.Text type="secondary">{t('merchants.detail.notFilled')}</Typography.Text>;
  const show = (value: ReactNode) => (value === undefined || value === null || value === '' ? empty : value);
  const option = (group: string, value: string | undefined) =>
    value ? t(`merchants.options.${group}.${value}`, { defaultValue: value }) : undefined;
  const date = (value: string | undefined) =>
    value === 'long_term' ? t('merchants.detail.longTerm') : value;
  const number = (value: string | undefined) =>
    value && (
      <Space size={4}>
        <Typography.Text code>{value}</Typography.Text>
        {isMasked(value) && <Tag>{t('merchants.detail.masked')}</Tag>}
      </Space>
    );
  const item = (key: string, label: string, value: ReactNode, span?: number): Item => ({
    key,
    label,
    children: show(value),
    ...(span ? { span } : {}),
  });
  const f = (path: string) => t(`merchants.fields.${path}`);

  const b = form.business;
  const rep = form.legalRep;
  const lic = form.licence;
  const acc = form.settlement;
  const con = form.contacts;
  const exp = form.expected;
  const hours =
    b?.hours?.open || b?.hours?.close ? `${b?.hours?.open ?? '?'} – ${b?.hours?.close ?? '?'}` : '';

  const sections: { key: string; items: Item[] }[] = [
    {
      key: 'business',
      items: [
        item('name', f('business.name'), b?.name, 2),
        item('shortName', f('business.shortName'), b?.shortName),
        item('type', f('business.type'), option('businessType', b?.type)),
        item('mcc', f('business.mcc'), b?.mcc && mccLabel(b.mcc), 2),
        item('scope', f('business.scope'), b?.scope, 2),
        item(
          'division',
          f('business.address.divisionCode'),
          b?.address?.divisionCode && divisionLabel(b.address.divisionCode),
        ),
        item('detail', f('business.address.detail'), b?.address?.detail),
        item('hours', f('business.hours'), hours),
      ],
    },
    {
      key: 'legalRep',
      items: [
        item('name', f('legalRep.name'), rep?.name),
        item('idType', f('legalRep.idType'), option('idType', rep?.idType)),
        item('idNumber', f('legalRep.idNumber'), number(rep?.idNumber)),
        item('validFrom', f('legalRep.validFrom'), rep?.validFrom),
        item('validTo', f('legalRep.validTo'), date(rep?.validTo)),
      ],
    },
    {
      key: 'licence',
      items: [
        item(
          'creditCode',
          f('licence.creditCode'),
          lic?.creditCode && <Typography.Text code>{lic.creditCode}</Typography.Text>,
        ),
        item('registeredName', f('licence.registeredName'), lic?.registeredName),
        item('establishedOn', f('licence.establishedOn'), lic?.establishedOn),
        item('validTo', f('licence.validTo'), date(lic?.validTo)),
        item('taxpayerType', f('tax.taxpayerType'), option('taxpayerType', form.tax?.taxpayerType)),
      ],
    },
    {
      key: 'settlement',
      items: [
        item('accountType', f('settlement.accountType'), option('accountType', acc?.accountType)),
        item('holderName', f('settlement.holderName'), acc?.holderName),
        item('bankName', f('settlement.bankName'), acc?.bankName),
        item('branchName', f('settlement.branchName'), acc?.branchName),
        item('accountNo', f('settlement.accountNo'), number(acc?.accountNo), 2),
      ],
    },
    {
      key: 'contacts',
      items: [
        item('name', f('contacts.name'), con?.name),
        item('mobile', f('contacts.mobile'), con?.mobile),
        item('email', f('contacts.email'), con?.email),
        item('phone', f('contacts.phone'), con?.phone),
        item(
          'monthlyVolume',
          f('expected.monthlyVolumeYuan'),
          exp?.monthlyVolumeMinor && formatAmount(exp.monthlyVolumeMinor),
        ),
        item(
          'averageTicket',
          f('expected.averageTicketYuan'),
          exp?.averageTicketMinor && formatAmount(exp.averageTicketMinor),
        ),
      ],
    },
  ];

  return (
    <Flex vertical gap={16} data-testid="app-form-view">
      {sections.map((s) => (
        <Card key={s.key} size="small" title={t(`merchants.sections.${s.key}`)}>
          <Descriptions size="small" column={{ xs: 1, md: 2, xl: 3 }} items={s.items} />
        </Card>
      ))}
      <Card size="small" title={t('merchants.sections.terminals')}>
        <Table
          size="small"
          rowKey={(_, i) => String(i)}
          pagination={false}
          dataSource={form.terminals ?? []}
          columns={[
            { title: f('terminals.model'), dataIndex: 'model', render: (v?: string) => show(v) },
            { title: f('terminals.count'), dataIndex: 'count', width: 100, render: (v?: number) => show(v) },
            {
              title: f('terminals.acceptance'),
              dataIndex: 'acceptance',
              render: (v?: string[]) =>
                v && v.length > 0 ? v.map((a) => <Tag key={a}>{option('acceptance', a)}</Tag>) : empty,
            },
          ]}
        />
      </Card>
    </Flex>
  );
}
