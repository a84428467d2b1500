import { Card, Col, Empty, Flex, Row } from 'antd';
import { useTranslation } from 'react-i18next';
import type { DocumentMeta } from '../../../api/types';
import { useAccess } from '../../../app/access';
import { documentKinds, type MerchantProfile } from '../model';
import { DocumentThumb } from './document-thumb';

/** The kinds in the order they are shown: the application's, then the contract, then anything else. */
function groupsOf(documents: readonly DocumentMeta[]): { kind: string; docs: DocumentMeta[] }[] {
  const order: string[] = [...documentKinds, 'contract_pdf'];
  const kinds = [...new Set(documents.map((d) => d.kind))].sort(
    (a, b) => (order.indexOf(a) + 1 || 99) - (order.indexOf(b) + 1 || 99),
  );
  return kinds.map((kind) => ({ kind, docs: documents.filter((d) => d.kind === kind) }));
}

/** 资料: the application's documents and the contract PDF, each with its preview. */
export function MerchantDocumentsTab({ merchant: m }: { merchant: MerchantProfile }) {
  const { t } = useTranslation();
  const access = useAccess();
  if (!access.can('document.read'))
    return <Empty description={t('merchants.merchant.documentsTab.noPermission')} />;
  if (m.documents.length === 0) return <Empty description={t('merchants.merchant.documentsTab.none')} />;
  const label = (kind: string) =>
    kind === 'contract_pdf'
      ? t('merchants.merchant.documentsTab.contract_pdf')
      : t(`merchants.fields.documents.${kind}`, { defaultValue: t('merchants.merchant.documentsTab.other') });
  return (
    <Row gutter={[16, 16]} data-testid="merchant-documents">
      {groupsOf(m.documents).map(({ kind, docs }) => (
        <Col key={kind} xs={24} md={12} xl={8}>
          <Card size="small" title={label(kind)} styles={{ body: { minHeight: 140 } }}>
            <Flex wrap gap={12}>
              {docs.map((doc) => (
                <DocumentThumb key={doc.id} doc={doc} />
              ))}
            </Flex>
          </Card>
        </Col>
      ))}
    </Row>
  );
}
