import { Alert, Card, Descriptions, Flex, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatAmount, formatDateTime } from '../../../app/format';
import { useMerchantChanges } from '../change-api';
import { changeKindLabel } from '../change-labels';
import { gradeColors, type MerchantChangeKind, type MerchantProfile, openChangeStatuses } from '../model';
import { useMccLabel } from './mcc-select';
import { merchantStatusColors } from './merchant-status-tag';

const mono = { fontFamily: 'ui-monospace, SFMono-Regular, Menlo, monospace' };

/** The merchant's open change requests of some kinds, as a notice over what they will change. */
export function OpenChangesNotice({
  merchantId,
  kinds,
}: {
  merchantId: string;
  kinds: readonly MerchantChangeKind[];
}) {
  const { t } = useTranslation();
  const changes = useMerchantChanges(merchantId);
  const open = (changes.data ?? []).filter(
    (c) => kinds.includes(c.kind) && openChangeStatuses.includes(c.status),
  );
  if (open.length === 0) return null;
  return (
    <Alert
      type="info"
      showIcon
      data-testid="merchant-open-changes"
      title={
        <Flex vertical>
          {open.map((c) => (
            <span key={c.id}>
              {t('merchants.merchant.profile.pendingChange', {
                kind: changeKindLabel(t, c.kind),
                no: c.no,
                status: t(`merchants.changes.statuses.${c.status}`),
                date: c.effectiveDate,
              })}
            </span>
          ))}
        </Flex>
      }
    />
  );
}

/** 概况: business, address, 业务归属, limits. */
export function MerchantProfileTab({ merchant: m }: { merchant: MerchantProfile }) {
  const { t } = useTranslation();
  const mccLabel = useMccLabel();
  const none = <Typography.Text type="secondary">{t('merchants.merchant.profile.none')}</Typography.Text>;
  return (
    <Flex vertical gap={16} data-testid="merchant-profile">
      <OpenChangesNotice merchantId={m.id} kinds={['address', 'limits']} />
      <Card size="small" title={t('merchants.merchant.profile.business')}>
        <Descriptions
          size="small"
          column={{ xs: 1, md: 2, xl: 3 }}
          items={[
            { key: 'name', label: t('merchants.merchant.name'), children: m.name },
            { key: 'shortName', label: t('merchants.merchant.shortName'), children: m.shortName },
            { key: 'mid', label: t('merchants.merchant.mid'), children: <span style={mono}>{m.mid}</span> },
            {
              key: 'creditCode',
              label: t('merchants.merchant.creditCode'),
              children: <span style={mono}>{m.creditCode}</span>,
            },
            { key: 'mcc', label: t('merchants.merchant.mcc'), children: mccLabel(m.mcc) },
            {
              key: 'status',
              label: t('common.status'),
              children: (
                <Tag color={merchantStatusColors[m.status]}>
                  {t(`merchants.merchant.statuses.${m.status}`, { defaultValue: m.status })}
                </Tag>
              ),
            },
            {
              key: 'grade',
              label: t('merchants.merchant.riskGrade'),
              children: (
                <Tag color={gradeColors[m.riskGrade]} data-testid="merchant-grade">
                  {t('merchants.merchant.gradeN', { grade: m.riskGrade })}
                </Tag>
              ),
            },
            {
              key: 'inspection',
              label: t('merchants.merchant.inspectionMonths'),
              children: t('merchants.merchant.months', { n: m.inspectionMonths }),
            },
            {
              key: 'application',
              label: t('merchants.merchant.application'),
              children: m.application ? (
                <Link to={`/merchants/applications/${m.application.id}`} style={mono}>
                  {m.application.no}
                </Link>
              ) : (
                '—'
              ),
            },
            {
              key: 'createdAt',
              label: t('merchants.merchant.createdAt'),
              children: formatDateTime(m.createdAt),
            },
            {
              key: 'activatedAt',
              label: t('merchants.merchant.activatedAt'),
              children: m.activatedAt ? formatDateTime(m.activatedAt) : t('merchants.merchant.notActivated'),
            },
          ]}
        />
      </Card>
      <Card size="small" title={t('merchants.merchant.profile.address')}>
        <Descriptions
          size="small"
          column={{ xs: 1, md: 2 }}
          items={[
            {
              key: 'division',
              label: t('merchants.merchant.profile.division'),
              children: (
                <span data-testid="merchant-division">
                  {m.address.divisionNames.join(' ') || m.address.divisionCode}{' '}
                  <Typography.Text type="secondary" style={mono}>
                    ({m.address.divisionCode})
                  </Typography.Text>
                </span>
              ),
            },
            {
              key: 'detail',
              label: t('merchants.merchant.profile.addressDetail'),
              children: <span data-testid="merchant-address-detail">{m.address.detail}</span>,
            },
          ]}
        />
      </Card>
      <Card size="small" title={t('merchants.merchant.profile.attribution')}>
        <Descriptions
          size="small"
          column={{ xs: 1, md: 3 }}
          items={[
            {
              key: 'org',
              label: t('merchants.merchant.profile.org'),
              children: m.attribution.org ? (
                <Link to={`/merchants?orgId=${m.attribution.org.id}`}>{m.attribution.org.name}</Link>
              ) : (
                none
              ),
            },
            {
              key: 'salesRep',
              label: t('merchants.merchant.profile.salesRep'),
              children: m.attribution.salesRep ? (
                <Link
                  to={`/merchants?${new URLSearchParams({
                    salesRepId: m.attribution.salesRep.id,
                    salesRepName: m.attribution.salesRep.name,
                  })}`}
                  data-testid="merchant-sales-rep"
                >
                  {m.attribution.salesRep.name}
                </Link>
              ) : (
                none
              ),
            },
            {
              key: 'agent',
              label: t('merchants.merchant.profile.agentOrg'),
              children: m.attribution.agentOrg?.name ?? none,
            },
          ]}
        />
      </Card>
      <Card size="small" title={t('merchants.merchant.profile.limits')}>
        <LimitsDescriptions merchant={m} />
      </Card>
    </Flex>
  );
}

/** Single, daily, monthly limits (also on the risk tab). */
export function LimitsDescriptions({ merchant: m }: { merchant: MerchantProfile }) {
  const { t } = useTranslation();
  return (
    <Descriptions
      size="small"
      column={{ xs: 1, md: 3 }}
      items={[
        {
          key: 'single',
          label: t('merchants.merchant.singleLimit'),
          children: <span data-testid="merchant-limit-single">{formatAmount(m.singleLimitMinor)}</span>,
        },
        {
          key: 'daily',
          label: t('merchants.merchant.dailyLimit'),
          children: <span data-testid="merchant-limit-daily">{formatAmount(m.dailyLimitMinor)}</span>,
        },
        {
          key: 'monthly',
          label: t('merchants.merchant.monthlyLimit'),
          children: <span data-testid="merchant-limit-monthly">{formatAmount(m.monthlyLimitMinor)}</span>,
        },
      ]}
    />
  );
}
