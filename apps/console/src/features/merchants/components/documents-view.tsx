import { Card, Col, Empty, Flex, Row, Skeleton, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useApplicationDocuments } from '../api';
import { documentKinds, requiredDocumentKinds } from '../model';
import { DocumentThumb } from './document-thumb';

/** The application's documents by kind, read-only, each with its preview. */
export function DocumentsView({ applicationId }: { applicationId: string }) {
  const { t } = useTranslation();
  const documents = useApplicationDocuments(applicationId);
  if (documents.isPending) return <Skeleton active />;
  if (documents.isError) return <Empty description={t('merchants.documents.none')} />;
  return (
    <Row gutter={[16, 16]} data-testid="app-documents">
      {documentKinds.map((kind) => {
        const docs = documents.data.filter((d) => d.kind === kind);
        const required = requiredDocumentKinds.includes(kind);
        return (
          <Col key={kind} xs={24} md={12} xl={8}>
            <Card
              size="small"
              title={t(`merchants.fields.documents.${kind}`)}
              extra={
                docs.length === 0 &&
                (required ? (
                  <Tag color="red">{t('merchants.form.missing')}</Tag>
                ) : (
                  <Tag>{t('merchants.documents.optional')}</Tag>
                ))
              }
              styles={{ body: { minHeight: 140 } }}
            >
              <Flex wrap gap={12}>
                {docs.map((doc) => (
                  <DocumentThumb key={doc.id} doc={doc} />
                ))}
                {docs.length === 0 && <Typography.Text type="secondary">—</Typography.Text>}
              </Flex>
            </Card>
          </Col>
        );
      })}
    </Row>
  );
}
