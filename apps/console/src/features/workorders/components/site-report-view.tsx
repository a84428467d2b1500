import { CheckCircleFilled, CloseCircleFilled } from '@ant-design/icons';
import { Descriptions, Empty, Flex, Image, List, Tag, Typography, theme } from 'antd';
import { useTranslation } from 'react-i18next';
import type { DocumentMeta } from '../../../api/types';
import { documentContentUrl } from '../../../app/documents';
import { formatAmount, formatDateTime } from '../../../app/format';
import { mono, SITE_PHOTO, type SiteReport } from '../model';
import { SiteSection } from './site-section';

const THUMB_PX = 96;

/** 现场作业记录 (read-only): what the engineer checked, photographed, tested, and who signed for the merchant. */
export function SiteReportView({ report: r, documents }: { report: SiteReport; documents: DocumentMeta[] }) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const photos = documents.filter((d) => d.kind === SITE_PHOTO);
  const test = r.testTransaction;
  return (
    <div data-testid="site-report">
      <SiteSection title={t('workorders.site.report.title')}>
        <Descriptions
          size="small"
          column={1}
          items={[
            {
              key: 'reportedAt',
              label: t('workorders.site.report.reportedAt'),
              children: formatDateTime(r.reportedAt),
            },
            { key: 'engineer', label: t('workorders.site.engineer'), children: r.reportedBy },
            {
              key: 'result',
              label: t('workorders.site.report.result'),
              children: <span data-testid="site-report-result">{r.result}</span>,
            },
            {
              key: 'test',
              label: t('workorders.site.report.test'),
              children: test ? (
                <Flex gap={8} wrap align="center" data-testid="site-report-test">
                  <Tag color={test.approved ? 'success' : 'error'}>
                    {test.approved ? t('workorders.site.test.approved') : t('workorders.site.test.declined')}
                  </Tag>
                  <span style={mono}>
                    {t('workorders.site.report.testLine', {
                      amount: formatAmount(test.amountMinor),
                      reference: test.reference,
                    })}
                  </span>
                </Flex>
              ) : (
                t('workorders.site.report.noTest')
              ),
            },
            {
              key: 'location',
              label: t('workorders.site.report.location'),
              children: r.location ? (
                <span style={mono}>
                  {r.location.latitude.toFixed(6)}, {r.location.longitude.toFixed(6)}
                </span>
              ) : (
                t('workorders.site.report.noLocation')
              ),
            },
          ]}
        />
      </SiteSection>
      <SiteSection title={t('workorders.site.report.checklist')}>
        <List
          size="small"
          split
          dataSource={r.checklist}
          renderItem={(a) => (
            <List.Item
              style={{ paddingInline: 0 }}
              data-testid={`site-report-check-${a.item}`}
              data-passed={String(a.passed)}
            >
              <Flex vertical gap={2} style={{ width: '100%' }}>
                <Flex gap={8} align="flex-start">
                  {a.passed ? (
                    <CheckCircleFilled style={{ color: token.colorSuccess, marginTop: 4 }} />
                  ) : (
                    <CloseCircleFilled style={{ color: token.colorError, marginTop: 4 }} />
                  )}
                  <span style={{ flex: 1 }}>
                    {t(`messages.checklist.${a.item}`, { defaultValue: a.item })}
                  </span>
                  <Typography.Text type={a.passed ? 'secondary' : 'danger'}>
                    {a.passed ? t('workorders.site.report.passed') : t('workorders.site.report.failed')}
                  </Typography.Text>
                </Flex>
                {a.note && (
                  <Typography.Text type="warning" style={{ paddingInlineStart: 22 }}>
                    {a.note}
                  </Typography.Text>
                )}
              </Flex>
            </List.Item>
          )}
        />
      </SiteSection>
      <SiteSection title={`${t('workorders.site.report.photos')} (${r.photoCount})`}>
        {photos.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('workorders.site.report.noPhotos')} />
        ) : (
          <Image.PreviewGroup>
            <Flex wrap gap={8} data-testid="site-report-photos">
              {photos.map((p) => (
                <Image
                  key={p.id}
                  src={documentContentUrl(p.id)}
                  alt={p.fileName}
                  width={THUMB_PX}
                  height={THUMB_PX}
                  styles={{ image: { objectFit: 'cover', borderRadius: token.borderRadius } }}
                />
              ))}
            </Flex>
          </Image.PreviewGroup>
        )}
      </SiteSection>
      <SiteSection title={t('workorders.site.signOff.title')}>
        <Descriptions
          size="small"
          column={1}
          items={[
            {
              key: 'signer',
              label: t('workorders.site.report.signer'),
              children: <span data-testid="site-report-signer">{r.signOff.signerName}</span>,
            },
          ]}
        />
        <Image
          src={documentContentUrl(r.signOff.signatureDocumentId)}
          alt={t('workorders.site.report.signature')}
          width="100%"
          styles={{
            root: { maxWidth: 480 },
            image: {
              border: `1px solid ${token.colorBorderSecondary}`,
              borderRadius: token.borderRadius,
              background: '#fff',
            },
          }}
          data-testid="site-report-signature"
        />
      </SiteSection>
    </div>
  );
}
