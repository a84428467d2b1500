import { Col, Flex, Row, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AuditEntry } from '../../../api/types';
import { JsonView } from '../../../app/components/json-view';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Top-level keys whose values differ between before and after. */
export function changedKeys(before: unknown, after: unknown): string[] {
  if (!isRecord(before) || !isRecord(after)) return [];
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...keys].filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
}

/** Before and after side by side, with the changed fields named. */
export function AuditDiff({ entry }: { entry: AuditEntry }) {
  const { t } = useTranslation();
  const changed = changedKeys(entry.before, entry.after);
  return (
    <Flex vertical gap={8} data-testid="audit-diff">
      {changed.length > 0 && (
        <Flex wrap gap={4} align="center">
          <Typography.Text type="secondary">{t('audit.changed')}:</Typography.Text>
          {changed.map((k) => (
            <Tag key={k} color="orange">
              {k}
            </Tag>
          ))}
        </Flex>
      )}
      <Row gutter={16}>
        <Col span={12}>
          <Typography.Title level={5}>{t('audit.before')}</Typography.Title>
          <JsonView value={entry.before} testId="audit-before" />
        </Col>
        <Col span={12}>
          <Typography.Title level={5}>{t('audit.after')}</Typography.Title>
          <JsonView value={entry.after} testId="audit-after" />
        </Col>
      </Row>
    </Flex>
  );
}
