import type { MessageRef } from '@posops/contracts';
import { Card, Descriptions, Space, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ApplicationDetail } from '../../../api/types';
import { useAccess } from '../../../app/access';
import { messageText } from '../../../app/errors';
import { formatAmount, formatDateTime } from '../../../app/format';

const gradeColors: Record<string, string> = { A: 'green', B: 'blue', C: 'orange', D: 'red' };

type Assessment = NonNullable<ApplicationDetail['assessment']>;

/** 信用评估, read-only: the score and the factors it is made of, the grade and the limits it gives. */
export function AssessmentCard({
  assessment,
  approvalId,
}: {
  assessment: Assessment;
  approvalId: string | null;
}) {
  const { t } = useTranslation();
  const access = useAccess();
  const adjusted = assessment.grade !== assessment.proposedGrade || assessment.overrideReason;
  return (
    <Card
      size="small"
      title={t('merchants.assessment.title')}
      extra={
        approvalId &&
        access.can('approval.read') && (
          <Link to={`/approvals?box=all&id=${approvalId}`} data-testid="app-open-approval">
            {t('merchants.assessment.openApproval')}
          </Link>
        )
      }
      data-testid="app-assessment"
    >
      <Descriptions
        size="small"
        column={{ xs: 1, md: 2, xl: 4 }}
        items={[
          {
            key: 'grade',
            label: t('merchants.assessment.grade'),
            children: (
              <Space size={4}>
                <Tag color={gradeColors[assessment.grade]} data-testid="app-grade">
                  {assessment.grade}
                </Tag>
                {adjusted && (
                  <Typography.Text type="secondary">
                    {t('merchants.assessment.proposed', { grade: assessment.proposedGrade })}
                  </Typography.Text>
                )}
              </Space>
            ),
          },
          { key: 'score', label: t('merchants.assessment.score'), children: assessment.score },
          {
            key: 'inspection',
            label: t('merchants.assessment.inspection'),
            children: t('merchants.assessment.everyMonths', { n: assessment.inspectionMonths }),
          },
          {
            key: 'by',
            label: t('merchants.assessment.assessedBy'),
            children: `${assessment.assessedBy ?? t('merchants.assessment.system')} · ${formatDateTime(assessment.at)}`,
          },
          {
            key: 'single',
            label: t('merchants.assessment.singleLimit'),
            children: formatAmount(assessment.singleLimitMinor),
          },
          {
            key: 'daily',
            label: t('merchants.assessment.dailyLimit'),
            children: formatAmount(assessment.dailyLimitMinor),
          },
          {
            key: 'monthly',
            label: t('merchants.assessment.monthlyLimit'),
            children: formatAmount(assessment.monthlyLimitMinor),
          },
          ...(assessment.overrideReason
            ? [
                {
                  key: 'reason',
                  label: t('merchants.assessment.overrideReason'),
                  children: assessment.overrideReason,
                },
              ]
            : []),
        ]}
      />
      <Table
        size="small"
        style={{ marginTop: 12 }}
        rowKey="factor"
        pagination={false}
        dataSource={assessment.factors}
        columns={[
          {
            title: t('merchants.assessment.factor'),
            dataIndex: 'factor',
            width: 200,
            render: (f: string) => t(`merchants.assessment.factorNames.${f}`, { defaultValue: f }),
          },
          { title: t('merchants.assessment.points'), dataIndex: 'points', width: 80, align: 'right' },
          {
            title: t('merchants.assessment.detail'),
            key: 'detail',
            render: (_: unknown, f: { detail: string; message?: MessageRef | undefined }) =>
              messageText(t, f.message, f.detail),
          },
        ]}
      />
    </Card>
  );
}
