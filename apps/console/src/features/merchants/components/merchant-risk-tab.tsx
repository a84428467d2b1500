import type { MessageRef } from '@posops/contracts';
import { Card, Descriptions, Empty, Flex, Space, Table, Tag, Tooltip, Typography, theme } from 'antd';
import { useTranslation } from 'react-i18next';
import { messageText } from '../../../app/errors';
import { formatDateTime } from '../../../app/format';
import { gradeColors, type MerchantProfile, type RiskGrade } from '../model';
import { LimitsDescriptions, OpenChangesNotice } from './merchant-profile-tab';

type Assessment = NonNullable<MerchantProfile['assessment']>;
type Factor = Assessment['factors'][number];

/** The grade bands of the score (A 0–19 · B 20–39 · C 40–59 · D ≥ 60), as the server grades. */
const bands: { grade: RiskGrade; from: number; to: number }[] = [
  { grade: 'A', from: 0, to: 20 },
  { grade: 'B', from: 20, to: 40 },
  { grade: 'C', from: 40, to: 60 },
  { grade: 'D', from: 60, to: 80 },
];

/** The score on the grade scale: four coloured bands and a marker where the merchant stands. */
function ScoreScale({ score }: { score: number }) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const max = Math.max(80, score + 10);
  const at = (value: number) => `${(Math.min(Math.max(value, 0), max) / max) * 100}%`;
  const colors: Record<RiskGrade, string> = {
    A: token.colorSuccess,
    B: token.colorPrimary,
    C: token.colorWarning,
    D: token.colorError,
  };
  return (
    <div style={{ position: 'relative', padding: '28px 0 20px' }} data-testid="risk-scale" data-score={score}>
      <div style={{ display: 'flex', height: 12, borderRadius: 6, overflow: 'hidden' }}>
        {bands.map((b, i) => (
          <div
            key={b.grade}
            style={{
              width: `${(((i === bands.length - 1 ? max : b.to) - b.from) / max) * 100}%`,
              background: colors[b.grade],
              opacity: 0.75,
            }}
          />
        ))}
      </div>
      {bands.map((b) => (
        <Typography.Text
          key={b.grade}
          type="secondary"
          style={{ position: 'absolute', top: 44, left: at(b.from + 2), fontSize: 12 }}
        >
          {b.grade} · {b.from}
        </Typography.Text>
      ))}
      <Tooltip title={t('merchants.merchant.risk.scoreN', { n: score })}>
        <div
          style={{
            position: 'absolute',
            top: 0,
            left: at(score),
            transform: 'translateX(-50%)',
            textAlign: 'center',
          }}
        >
          <Typography.Text strong style={{ fontSize: 12 }}>
            {score}
          </Typography.Text>
          <div
            style={{
              width: 0,
              height: 0,
              margin: '0 auto',
              borderLeft: '6px solid transparent',
              borderRight: '6px solid transparent',
              borderTop: `8px solid ${token.colorText}`,
            }}
          />
        </div>
      </Tooltip>
    </div>
  );
}

/** Each factor's points as a bar against the largest, so the one that weighs most stands out. */
function FactorBar({ points, max }: { points: number; max: number }) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  if (points === 0)
    return <Typography.Text type="secondary">{t('merchants.merchant.risk.noPoints')}</Typography.Text>;
  return (
    <Flex align="center" gap={8}>
      <div
        style={{
          height: 10,
          width: `${Math.max((points / max) * 100, 4)}%`,
          maxWidth: 160,
          background:
            points >= 30 ? token.colorError : points >= 15 ? token.colorWarning : token.colorPrimary,
          borderRadius: 5,
        }}
      />
      <Typography.Text>{t('merchants.merchant.risk.pointsN', { n: points })}</Typography.Text>
    </Flex>
  );
}

/** 风险: grade and score on the scale, the factors it is made of, any override, the limits. */
export function MerchantRiskTab({ merchant: m }: { merchant: MerchantProfile }) {
  const { t } = useTranslation();
  const a = m.assessment;
  const max = Math.max(1, ...(a?.factors.map((f) => f.points) ?? []));
  return (
    <Flex vertical gap={16} data-testid="merchant-risk">
      {a ? (
        <>
          <Card size="small" title={t('merchants.merchant.risk.scale')}>
            <Flex gap={32} wrap align="center">
              <Space orientation="vertical" size={4} style={{ minWidth: 180 }}>
                <Space>
                  <Tag
                    color={gradeColors[a.grade]}
                    style={{ fontSize: 16, padding: '2px 10px' }}
                    data-testid="risk-grade"
                  >
                    {t('merchants.merchant.gradeN', { grade: a.grade })}
                  </Tag>
                  <Typography.Text strong>
                    {t('merchants.merchant.risk.scoreN', { n: a.score })}
                  </Typography.Text>
                </Space>
                {a.grade !== a.proposedGrade && (
                  <Typography.Text type="secondary">
                    {t('merchants.assessment.proposed', { grade: a.proposedGrade })}
                  </Typography.Text>
                )}
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('merchants.merchant.risk.assessedAt')} {formatDateTime(a.at)}
                </Typography.Text>
              </Space>
              <div style={{ flex: 1, minWidth: 320 }}>
                <ScoreScale score={a.score} />
              </div>
            </Flex>
            {a.overrideReason && (
              <Descriptions
                size="small"
                style={{ marginTop: 8 }}
                items={[
                  {
                    key: 'override',
                    label: t('merchants.assessment.overrideReason'),
                    children: <span data-testid="risk-override-reason">{a.overrideReason}</span>,
                  },
                ]}
              />
            )}
          </Card>
          <Card size="small" title={t('merchants.merchant.risk.factors')}>
            <Table<Factor>
              size="small"
              rowKey="factor"
              pagination={false}
              dataSource={a.factors}
              columns={[
                {
                  title: t('merchants.assessment.factor'),
                  dataIndex: 'factor',
                  width: 180,
                  render: (f: string) => t(`merchants.assessment.factorNames.${f}`, { defaultValue: f }),
                },
                {
                  title: t('merchants.assessment.points'),
                  dataIndex: 'points',
                  width: 240,
                  render: (points: number) => <FactorBar points={points} max={max} />,
                },
                {
                  title: t('merchants.assessment.detail'),
                  key: 'detail',
                  render: (_: unknown, f: { detail: string; message?: MessageRef | undefined }) =>
                    messageText(t, f.message, f.detail),
                },
              ]}
              data-testid="risk-factors"
            />
          </Card>
        </>
      ) : (
        <Card size="small">
          <Empty description={t('merchants.merchant.risk.none')} />
        </Card>
      )}
      <OpenChangesNotice merchantId={m.id} kinds={['limits']} />
      <Card size="small" title={t('merchants.merchant.risk.limits')}>
        <LimitsDescriptions merchant={m} />
      </Card>
    </Flex>
  );
}
