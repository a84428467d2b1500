import { CheckCircleFilled, CloseCircleFilled } from '@ant-design/icons';
import { Card, Flex, Tooltip, Typography, theme } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../../app/format';
import type { FleetOverview } from '../model';

function Term({ label, units, testId }: { label: string; units: number; testId: string }) {
  return (
    <span style={{ whiteSpace: 'nowrap' }}>
      <Typography.Text type="secondary">{label} </Typography.Text>
      <Typography.Text
        strong
        style={{ fontSize: 18, fontVariantNumeric: 'tabular-nums' }}
        data-testid={testId}
      >
        {formatNumber(units)}
      </Typography.Text>
    </span>
  );
}

/** 账实相符: 入库 N = 在册 X + 报废 Y + 丢失 Z, with a green tick when it adds up (a red cross and the gap when not). */
export function RegisterCheck({ register }: { register: FleetOverview['register'] }) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const gap = register.received - (register.inService + register.scrapped + register.lost);
  const balanced = gap === 0;
  return (
    <Card
      size="small"
      title={
        <Tooltip title={t('terminals.overview.register.hint')}>
          <span>{t('terminals.overview.register.title')}</span>
        </Tooltip>
      }
      data-testid="register-check"
      data-balanced={balanced}
    >
      <Flex wrap align="center" gap={12}>
        <Term
          label={t('terminals.overview.register.received')}
          units={register.received}
          testId="register-received"
        />
        <Typography.Text>=</Typography.Text>
        <Term
          label={t('terminals.overview.register.inService')}
          units={register.inService}
          testId="register-in-service"
        />
        <Typography.Text>+</Typography.Text>
        <Term
          label={t('terminals.overview.register.scrapped')}
          units={register.scrapped}
          testId="register-scrapped"
        />
        <Typography.Text>+</Typography.Text>
        <Term label={t('terminals.overview.register.lost')} units={register.lost} testId="register-lost" />
        <Flex align="center" gap={6} style={{ marginInlineStart: 'auto' }}>
          {balanced ? (
            <CheckCircleFilled style={{ color: token.colorSuccess, fontSize: 20 }} />
          ) : (
            <CloseCircleFilled style={{ color: token.colorError, fontSize: 20 }} />
          )}
          <Typography.Text type={balanced ? 'success' : 'danger'} data-testid="register-verdict">
            {balanced
              ? t('terminals.overview.register.balanced')
              : t('terminals.overview.register.unbalanced', { n: formatNumber(Math.abs(gap)) })}
          </Typography.Text>
        </Flex>
      </Flex>
    </Card>
  );
}
